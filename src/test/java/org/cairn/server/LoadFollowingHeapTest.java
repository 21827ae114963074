package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.cairn.server.HeapSizingProperties.FreeShare;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The heap's free share follows the load, as {@code jcmd <pid> VM.flags} shows it: the busy share
 * as soon as a request comes in, the idle share once none has come for {@code cairn.heap.idle-after};
 * and the first time the server is idle after start-up one full collection frees what start-up left. The server
 * runs in this JVM, so its flags are read here directly.
 */
class LoadFollowingHeapTest extends CairnServerTest {

	private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Autowired
	HeapSizingProperties heap;

	@Autowired
	LoadFollowingHeap loadFollowingHeap;

	@Autowired
	ReadyReporter readyReporter;

	@Test
	void heapFreeShareIsTheBusyOneWhileRequestsArriveAndTheIdleOneAfter() {
		assertThat(heap.busy()).isNotEqualTo(heap.idle());

		awaitFreeShare(heap.idle(), heap.idleAfter().plusSeconds(10));

		assertThat(Http.get(baseUrl() + "/metadata", "application/fhir+json").statusCode()).isEqualTo(200);
		assertThat(freeShare()).isEqualTo(heap.busy());

		awaitFreeShare(heap.idle(), heap.idleAfter().plusSeconds(10));
	}

	@Test
	void theGarbageStartUpLeftIsCollectedOnceTheFirstTimeTheServerIsIdle() {
		assertThat(heap.collectWhenFirstIdle()).isTrue();
		await().atMost(heap.idleAfter().plusSeconds(30)).until(() -> loadFollowingHeap.startUpCollection() != null);
		LoadFollowingHeap.StartUpCollection first = loadFollowingHeap.startUpCollection();
		assertThat(first.usedAfter()).isLessThan(first.usedBefore());
		// start-up (conformance resources, example articles) is load, not idleness
		assertThat(readyReporter.readyAtUptimeMillis()).isPositive();
		assertThat(first.atUptimeMillis())
				.isGreaterThanOrEqualTo(readyReporter.readyAtUptimeMillis() + heap.idleAfter().toMillis());

		// busy, then idle again: no second full collection
		assertThat(Http.get(baseUrl() + "/metadata", "application/fhir+json").statusCode()).isEqualTo(200);
		awaitFreeShare(heap.idle(), heap.idleAfter().plusSeconds(10));
		assertThat(loadFollowingHeap.startUpCollection()).isSameAs(first);
	}

	private static void awaitFreeShare(FreeShare expected, Duration within) {
		await().atMost(within).untilAsserted(() -> assertThat(freeShare()).isEqualTo(expected));
	}

	private static FreeShare freeShare() {
		return new FreeShare(
				Integer.parseInt(VM.getVMOption("MinHeapFreeRatio").getValue()),
				Integer.parseInt(VM.getVMOption("MaxHeapFreeRatio").getValue()));
	}
}
