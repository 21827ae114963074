package org.cairn.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cairn.server.HeapSizingProperties.FreeShare;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

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
 * Idleness is counted from the moment the server is ready: until then start-up itself (the
 * conformance resources, the example articles) is the load, though no request comes in.
 *
 * <p>The first time the server is idle, one full collection runs as well (unless switched off):
 * start-up leaves garbage in the old generation (definitions read and let go, boot-time objects),
 * which G1 frees only in mixed collections, and those follow allocation, which an idle server does
 * not do; so the heap kept it, 30–40 MB, until the first load. The pause (a few hundred
 * milliseconds) falls when no request has come for {@code idleAfter}.
 */
@Interceptor
public class LoadFollowingHeap implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LoadFollowingHeap.class);
	private static final String MIN_FREE = "MinHeapFreeRatio";
	private static final String MAX_FREE = "MaxHeapFreeRatio";
	/** Full collections asked for the first time the server is idle, at most, until one frees something. */
	private static final int START_UP_COLLECTION_ATTEMPTS = 5;

	private final HeapSizingProperties properties;
	private final HotSpotDiagnosticMXBean vm;
	private final ScheduledExecutorService idleCheck;
	private volatile long lastRequestNanos = System.nanoTime();
	private volatile boolean idle;
	private volatile StartUpCollection startUpCollection;
	private int startUpCollectionAttempts;
	private final AtomicBoolean countingIdleness = new AtomicBoolean();

	/**
	 * The heap around the full collection run the first time the server was idle, in bytes, and the
	 * JVM's uptime when it ran.
	 */
	public record StartUpCollection(long usedBefore, long usedAfter, long atUptimeMillis) {}

	public LoadFollowingHeap(HeapSizingProperties properties) {
		this.properties = properties;
		this.vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		if (vm == null || !vm.getVMOption(MIN_FREE).isWriteable() || !vm.getVMOption(MAX_FREE).isWriteable()) {
			log.info("This JVM does not let the heap's free share change while it runs; heap sizing left to its flags");
			this.idleCheck = null;
			return;
		}
		apply(properties.busy());
		this.idleCheck = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "heap-idle-check");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts counting idleness: what ran before (start-up) was load, requests or not. */
	@EventListener(ApplicationReadyEvent.class)
	public void serverReady() {
		if (idleCheck != null && !idleCheck.isShutdown() && countingIdleness.compareAndSet(false, true)) {
			lastRequestNanos = System.nanoTime();
			long periodMillis = Math.max(100, Math.min(1000, properties.idleAfter().toMillis() / 4));
			idleCheck.scheduleWithFixedDelay(this::goIdleWhenQuiet, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
		}
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
		if (idle && properties.collectWhenFirstIdle() && startUpCollection == null
				&& startUpCollectionAttempts < START_UP_COLLECTION_ATTEMPTS) {
			startUpCollectionAttempts++;
			startUpCollection = collectStartUpGarbage();
		}
	}

	/**
	 * Run after the idle share is set, so that the full collection shrinks the heap to it. Null
	 * when it freed nothing: on Java 17, G1 skips a requested full collection while another
	 * thread holds a JNI critical section (as compressing does), so it is asked for again at the
	 * next idle check.
	 */
	private static StartUpCollection collectStartUpGarbage() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long usedBefore = memory.getHeapMemoryUsage().getUsed();
		System.gc();
		MemoryUsage after = memory.getHeapMemoryUsage();
		if (after.getUsed() >= usedBefore) {
			log.debug("First idle: the full collection freed nothing; asking again at the next idle check");
			return null;
		}
		StartUpCollection collection = new StartUpCollection(
				usedBefore, after.getUsed(), ManagementFactory.getRuntimeMXBean().getUptime());
		log.info(
				"First idle: start-up garbage collected, heap used {} -> {} MB, committed {} MB",
				collection.usedBefore() >> 20,
				collection.usedAfter() >> 20,
				after.getCommitted() >> 20);
		return collection;
	}

	/** The full collection run the first time the server was idle; null until then. */
	public StartUpCollection startUpCollection() {
		return startUpCollection;
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
