package org.cairn.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param indexDir where the local Lucene index lives (the embedded default)
 * @param recoveryMargin how far before the index's last commit start-up looks for writes to index again
 * @param parsedResourceCache how much stored JSON the parsed versions kept for search pages may
 *     amount to (0 keeps none)
 * @param encodedResourceCache how much JSON of encoded resource versions is kept for JSON search
 *     pages (0 keeps none, and HAPI writes every answer)
 * @param storedSearchesMemory how much memory HAPI's stored searches (full-text ones) may take when
 *     kept in memory ({@code cairn.search.stored-searches: memory}, see {@link MemoryStoredSearchesConfig})
 */
@ConfigurationProperties("cairn.search")
public record SearchProperties(
		Path indexDir,
		Duration recoveryMargin,
		DataSize parsedResourceCache,
		DataSize encodedResourceCache,
		DataSize storedSearchesMemory) {

	public SearchProperties {
		recoveryMargin = recoveryMargin == null ? Duration.ofSeconds(30) : recoveryMargin;
		parsedResourceCache = parsedResourceCache == null ? DataSize.ofBytes(0) : parsedResourceCache;
		encodedResourceCache = encodedResourceCache == null ? DataSize.ofBytes(0) : encodedResourceCache;
		storedSearchesMemory = storedSearchesMemory == null ? DataSize.ofMegabytes(32) : storedSearchesMemory;
	}
}
