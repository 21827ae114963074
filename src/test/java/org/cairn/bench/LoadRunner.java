package org.cairn.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests from a number of concurrent clients, each taking the next request as soon as
 * its last one is answered, and records every latency.
 */
final class LoadRunner {

	private final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

	/**
	 * Sends {@code count} requests ({@code request.apply(i)} for i = 0 .. count - 1) from
	 * {@code clients} clients. A request counts as failed when {@code ok} rejects its answer.
	 */
	Figures run(int count, int clients, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> ok)
			throws InterruptedException {
		Recorder recorder = new Recorder(3);
		AtomicInteger next = new AtomicInteger();
		java.util.Queue<Integer> failed = new java.util.concurrent.ConcurrentLinkedQueue<>();
		StringBuilder firstFailure = new StringBuilder();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long started = System.nanoTime();
		try {
			List<Future<?>> running = new java.util.ArrayList<>();
			for (int c = 0; c < clients; c++) {
				running.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						HttpRequest r = request.apply(i);
						long t0 = System.nanoTime();
						boolean accepted;
						String failure = null;
						try {
							HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString());
							accepted = ok.test(response);
							if (!accepted) {
								failure = response.statusCode() + " " + r.uri() + ": " + abbreviate(response.body());
							}
						} catch (IOException e) {
							accepted = false;
							failure = r.uri() + ": " + e;
						} catch (InterruptedException e) {
							Thread.currentThread().interrupt();
							return;
						}
						recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
						if (!accepted) {
							failed.add(i);
							synchronized (firstFailure) {
								if (firstFailure.isEmpty()) {
									firstFailure.append(failure);
								}
							}
						}
					}
				}));
			}
			for (Future<?> f : running) {
				f.get();
			}
		} catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		} finally {
			pool.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Histogram histogram = recorder.getIntervalHistogram();
		return new Figures(count, clients, List.copyOf(failed), firstFailure.toString(), seconds,
				histogram.getValueAtPercentile(50) / 1000.0,
				histogram.getValueAtPercentile(95) / 1000.0,
				histogram.getValueAtPercentile(99) / 1000.0);
	}

	private static String abbreviate(String body) {
		return body.length() > 300 ? body.substring(0, 300) + "…" : body;
	}

	/** What one run measured; latencies in milliseconds; {@code failed} holds the request numbers. */
	record Figures(
			int requests, int clients, List<Integer> failed, String firstFailure, double seconds,
			double p50, double p95, double p99) {

		int failures() {
			return failed.size();
		}

		double perSecond() {
			return requests / seconds;
		}
	}
}
