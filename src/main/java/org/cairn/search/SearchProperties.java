package org.cairn.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param indexDir where the local Lucene index lives (the embedded default)
 * @param recoveryMargin how far before the index's last commit start-up looks for writes to index again
 */
@ConfigurationProperties("cairn.search")
public record SearchProperties(Path indexDir, Duration recoveryMargin) {

	public SearchProperties {
		recoveryMargin = recoveryMargin == null ? Duration.ofSeconds(30) : recoveryMargin;
	}
}
