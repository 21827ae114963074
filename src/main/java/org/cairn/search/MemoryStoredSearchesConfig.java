package org.cairn.search;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HAPI's stored searches kept in memory ({@code cairn.search.stored-searches: memory}): see {@link MemoryStoredSearches}. */
@Configuration
@ConditionalOnProperty(name = "cairn.search.stored-searches", havingValue = "memory")
public class MemoryStoredSearchesConfig {

	/** HAPI's bean names for its two database-backed stores, which the memory store stands for. */
	private static final String[] HAPI_BEANS = {"searchCacheSvc", "searchResultCacheSvc"};

	private static final String BEAN = "memoryStoredSearches";

	@Bean(BEAN)
	public MemoryStoredSearches memoryStoredSearches(JpaStorageSettings storage, SearchProperties properties) {
		return new MemoryStoredSearches(storage, properties.storedSearchesMemory().toBytes());
	}

	/** Static: it edits bean definitions before any bean is made. */
	@Bean
	public static BeanFactoryPostProcessor memoryInPlaceOfHapisStoredSearches() {
		return beanFactory -> {
			if (beanFactory instanceof BeanDefinitionRegistry registry) {
				for (String hapiBean : HAPI_BEANS) {
					if (registry.containsBeanDefinition(hapiBean)) {
						registry.removeBeanDefinition(hapiBean);
						registry.registerAlias(BEAN, hapiBean);
					}
				}
			}
		};
	}
}
