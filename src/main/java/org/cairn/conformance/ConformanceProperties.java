package org.cairn.conformance;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Cairn's conformance resources live.
 *
 * @param dir folder searched recursively for {@code .json} and {@code .xml} resources
 * @param exclude sub-folders of {@code dir} that hold something else (example articles)
 */
@ConfigurationProperties("cairn.conformance")
public record ConformanceProperties(Path dir, List<String> exclude) {

	public ConformanceProperties {
		exclude = exclude == null ? List.of() : List.copyOf(exclude);
	}
}
