package org.cairn.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much of the Java heap G1 keeps free, while requests arrive and once they have stopped
 * ({@link LoadFollowingHeap}).
 *
 * @param busy the free share from start-up on and while requests arrive
 * @param idle the free share once no request has come for {@code idleAfter}
 * @param idleAfter how long without a request before the server counts as idle
 * @param collectWhenFirstIdle whether to run one full collection the first time the server is idle,
 *     so that the garbage start-up left in the old generation is freed and the heap shrinks to its
 *     idle share
 */
@ConfigurationProperties("cairn.heap")
public record HeapSizingProperties(
		FreeShare busy, FreeShare idle, Duration idleAfter, boolean collectWhenFirstIdle) {

	/**
	 * The JVM's {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio}: after a marking cycle G1
	 * grows the heap until at least {@code minPercent} of it is free, and shrinks it until at
	 * most {@code maxPercent} is.
	 */
	public record FreeShare(int minPercent, int maxPercent) {
		public FreeShare {
			if (minPercent < 0 || maxPercent > 100 || minPercent > maxPercent) {
				throw new IllegalArgumentException(
						"heap free share must satisfy 0 <= min-percent <= max-percent <= 100, got "
								+ minPercent + "-" + maxPercent);
			}
		}
	}
}
