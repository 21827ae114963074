package org.cairn.search;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link CachingResourceLoader} where HAPI's search builders take their resource loader. */
@Configuration
public class ParsedResourceCacheConfig {

	/** HAPI's bean name for its {@code BatchResourceLoader}. */
	static final String HAPI_RESOURCE_LOADER = "batchResourceLoader";

	/** Static: it replaces a bean definition of HAPI's before any bean is made. */
	@Bean
	public static BeanDefinitionRegistryPostProcessor cachingResourceLoaderDefinition() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				if (registry.containsBeanDefinition(HAPI_RESOURCE_LOADER)) {
					registry.removeBeanDefinition(HAPI_RESOURCE_LOADER);
				}
				RootBeanDefinition loader = new RootBeanDefinition(CachingResourceLoader.class);
				loader.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
				registry.registerBeanDefinition(HAPI_RESOURCE_LOADER, loader);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
		};
	}
}
