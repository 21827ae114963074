package org.cairn.article;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBytes largest article text accepted
 * @param examples folder of example articles loaded at start-up (none when absent)
 * @param validateResources validate each import's FHIR resources against the profiles before storing
 */
@ConfigurationProperties("cairn.article")
public record ArticleProperties(DataSize maxBytes, Path examples, boolean validateResources) {

	public ArticleProperties {
		maxBytes = maxBytes == null ? DataSize.ofMegabytes(1) : maxBytes;
	}
}
