package org.cairn.search;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.cairn.server.FhirServerExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** JSON search pages written from the kept JSON of the resource versions they hold. */
@Configuration
public class EncodedResourceCacheConfig {

	@Bean
	public EncodedResourceCache encodedResourceCache(SearchProperties properties) {
		return new EncodedResourceCache(properties.encodedResourceCache().toBytes());
	}

	@Bean
	public FhirServerExtension cachedJsonBundleWriter(EncodedResourceCache cache, IInterceptorService storageInterceptors) {
		return server -> {
			if (cache.isEnabled()) {
				server.registerInterceptor(new CachedJsonBundleWriter(cache, storageInterceptors));
			}
		};
	}
}
