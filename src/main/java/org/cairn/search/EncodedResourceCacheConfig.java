package org.cairn.search;

import org.cairn.server.FhirServerExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Answers to GET requests written from the kept JSON of the resource versions they hold. */
@Configuration
public class EncodedResourceCacheConfig {

	@Bean
	public FhirServerExtension cachedJsonBundleWriter(SearchProperties properties) {
		long maxChars = properties.encodedResourceCache().toBytes();
		return server -> {
			if (maxChars > 0) {
				server.registerInterceptor(new CachedJsonBundleWriter(new EncodedResourceCache(maxChars)));
			}
		};
	}
}
