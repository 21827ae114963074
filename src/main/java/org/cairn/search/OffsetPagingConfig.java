package org.cairn.search;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.cairn.server.FhirServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Searches answered page by page with {@code _offset}, instead of HAPI storing each search's
 * matches in the database to page through later.
 *
 * <p>Cairn reuses no stored search ({@code reuse-cached-search-results-for-millis: 0}), so
 * storing one was a write and a commit for every read: at 10,000 articles, 8 clients, a topic
 * search answered a fifth more requests per second without it. Next links carry
 * {@code _offset}; the last page carries the total. Full-text searches keep HAPI's stored
 * search ({@link OffsetPagingInterceptor} says why).
 */
@Configuration
@ConditionalOnProperty(name = "cairn.search.offset-paging", havingValue = "true", matchIfMissing = true)
public class OffsetPagingConfig {

	@Bean
	public OffsetPagingInterceptor offsetPaging(IInterceptorService interceptors, FhirServerProperties fhir) {
		OffsetPagingInterceptor offsetPaging = new OffsetPagingInterceptor(fhir.defaultPageSize());
		interceptors.registerInterceptor(offsetPaging);
		return offsetPaging;
	}
}
