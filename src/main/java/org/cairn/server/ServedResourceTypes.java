package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Keeps HAPI's DAO and resource provider beans only for the resource types Cairn serves
 * ({@code cairn.fhir.resource-types}).
 *
 * <p>HAPI declares one of each for all ~160 R5 resource types; building them all costs seconds
 * of start-up and memory. Without their beans, unserved types are simply unknown to the
 * {@code DaoRegistry}, so they are neither stored, searched nor indexed.
 */
public class ServedResourceTypes implements BeanDefinitionRegistryPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(ServedResourceTypes.class);

	private final Set<String> served;

	public ServedResourceTypes(Environment environment) {
		this.served = Set.copyOf(Binder.get(environment)
				.bind("cairn.fhir.resource-types", Bindable.listOf(String.class))
				.orElse(List.of()));
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (served.isEmpty()) {
			return;
		}
		int removed = 0;
		for (String type : FhirContext.forR5Cached().getResourceTypes()) {
			if (served.contains(type)) {
				continue;
			}
			for (String bean : List.of("my" + type + "DaoR5", "my" + type + "RpR5")) {
				if (registry.containsBeanDefinition(bean)) {
					registry.removeBeanDefinition(bean);
					removed++;
				}
			}
		}
		log.debug("Serving {} resource types; dropped {} DAO and provider beans", served.size(), removed);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
