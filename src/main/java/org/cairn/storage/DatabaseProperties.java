package org.cairn.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Upkeep of the embedded H2 file ({@code cairn.database.*}); other databases ignore it.
 *
 * @param compactEvery how often the emptiest parts of the file are rewritten (0 turns it off)
 * @param compactBelowLivePercent rewrite only while less than this share of the file's chunks is live
 * @param compactBytesPerRun how much live data one run rewrites at most
 */
@ConfigurationProperties("cairn.database")
public record DatabaseProperties(Duration compactEvery, int compactBelowLivePercent, DataSize compactBytesPerRun) {

	public DatabaseProperties {
		compactEvery = compactEvery == null ? Duration.ZERO : compactEvery;
		compactBelowLivePercent = compactBelowLivePercent == 0 ? 80 : compactBelowLivePercent;
		compactBytesPerRun = compactBytesPerRun == null ? DataSize.ofMegabytes(8) : compactBytesPerRun;
	}
}
