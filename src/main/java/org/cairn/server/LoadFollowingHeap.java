package org.cairn.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cairn.server.HeapSizingProperties.FreeShare;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the Java heap grow while requests arrive and hands the memory back once they stop.
 *
 * <p>After each marking cycle G1 resizes the heap to keep a share of it free
 * ({@code MinHeapFreeRatio}..{@code MaxHeapFreeRatio}). Kept small, the heap sits just above what
 * is live and leaves requests a young generation of a few tens of megabytes: under load a
 * collection every third of a second and a marking cycle every second, pauses that make the slow
 * tail of searches and imports. Kept large, an idle server holds hundreds of megabytes it does not
 * use. Both flags can be changed while the JVM runs, so they follow the load: the busy share from
 * start-up on and whenever a FHIR request comes in, the idle share once none has come for a
 * while, after which G1's periodic collection ({@code -XX:G1PeriodicGCInterval}) shrinks the heap.
 */
@Interceptor
public class LoadFollowingHeap implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LoadFollowingHeap.class);
	private static final String MIN_FREE = "MinHeapFreeRatio";
	private static final String MAX_FREE = "MaxHeapFreeRatio";

	private final HeapSizingProperties properties;
	private final HotSpotDiagnosticMXBean vm;
	private final ScheduledExecutorService idleCheck;
	private volatile long lastRequestNanos = System.nanoTime();
	private volatile boolean idle;

	public LoadFollowingHeap(HeapSizingProperties properties) {
		this.properties = properties;
		this.vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		if (vm == null || !vm.getVMOption(MIN_FREE).isWriteable() || !vm.getVMOption(MAX_FREE).isWriteable()) {
			log.info("This JVM does not let the heap's free share change while it runs; heap sizing left to its flags");
			this.idleCheck = null;
			return;
		}
		apply(properties.busy());
		long periodMillis = Math.max(100, Math.min(1000, properties.idleAfter().toMillis() / 4));
		this.idleCheck = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "heap-idle-check");
			thread.setDaemon(true);
			return thread;
		});
		idleCheck.scheduleWithFixedDelay(this::goIdleWhenQuiet, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean requestArrived() {
		lastRequestNanos = System.nanoTime();
		if (idle && idleCheck != null) {
			switchTo(false);
		}
		return true;
	}

	private void goIdleWhenQuiet() {
		if (!idle && System.nanoTime() - lastRequestNanos >= properties.idleAfter().toNanos()) {
			switchTo(true);
		}
	}

	private synchronized void switchTo(boolean nowIdle) {
		if (idle != nowIdle) {
			apply(nowIdle ? properties.idle() : properties.busy());
			idle = nowIdle;
		}
	}

	/** The JVM refuses a minimum above the maximum, so the order of the two settings matters. */
	private void apply(FreeShare share) {
		int currentMax = Integer.parseInt(vm.getVMOption(MAX_FREE).getValue());
		if (share.minPercent() > currentMax) {
			vm.setVMOption(MAX_FREE, String.valueOf(share.maxPercent()));
			vm.setVMOption(MIN_FREE, String.valueOf(share.minPercent()));
		} else {
			vm.setVMOption(MIN_FREE, String.valueOf(share.minPercent()));
			vm.setVMOption(MAX_FREE, String.valueOf(share.maxPercent()));
		}
		log.debug("Heap free share now {}-{} %", share.minPercent(), share.maxPercent());
	}

	@Override
	public void close() {
		if (idleCheck != null) {
			idleCheck.shutdownNow();
		}
	}
}
