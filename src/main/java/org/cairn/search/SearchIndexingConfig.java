package org.cairn.search;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How written resources are indexed for search: see {@link TypeScopedSearchParamExtractor}. */
@Configuration
public class SearchIndexingConfig {

	/** Static: it edits bean definitions before any bean is made. */
	@Bean
	public static BeanFactoryPostProcessor typeScopedSearchParamExtractor() {
		return TypeScopedSearchParamExtractor.replacingHapis();
	}
}
