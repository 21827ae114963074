package org.cairn.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures Cairn against a plain HAPI JPA server on the same work: start-up, memory, importing
 * the generated corpus, and the searches EHRs and readers make. Each server runs as its own JVM
 * with a fresh data folder, one after the other. Prints a table and writes it, with the same
 * figures as JSON, to {@code target/bench/}.
 *
 * <p>Cairn imports the first half of the corpus as article text through {@code $import-article}
 * and the second half as pre-built transaction Bundles; the baseline, which has no article
 * import, takes every article as a Bundle. Both then hold the same articles when searched.
 */
public final class Benchmark {

	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private final BenchOptions options;
	private final BenchReport report = new BenchReport();
	private final LoadRunner runner = new LoadRunner();
	private Workload workload;

	private Benchmark(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		} catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			System.exit(2);
			return;
		}
		BenchReport report = new Benchmark(options).run();
		System.out.println();
		System.out.println(report.table());
		System.out.println("\nWritten to " + options.out().resolve("results.json") + " and results.md");
	}

	/** Runs the whole benchmark and returns its report (also written under {@code --out}). */
	public static BenchReport run(String... args) throws Exception {
		return new Benchmark(BenchOptions.parse(args)).run();
	}

	private BenchReport run() throws Exception {
		Files.createDirectories(options.out());
		report.setting("articles", options.articles());
		report.setting("seed", options.seed());
		report.setting("importClients", options.importClients());
		report.setting("timedRequestsPerFigure", options.requests());
		report.setting("warmupRequests", options.warmup());
		report.setting("cairnJvmArgs", String.join(" ", options.cairnJvmArgs()));
		report.setting("processors", Runtime.getRuntime().availableProcessors());
		log("generating %d articles (seed %d) and their transaction Bundles", options.articles(), options.seed());
		workload = Workload.build(new CorpusGenerator(options.seed(), options.articles()), options.out());
		if (options.servers().isEmpty()) {
			log("no servers to measure: the articles are in %s, their Bundles in %s",
					options.out().resolve("corpus"), options.out().resolve("bundles"));
		}
		for (String server : options.servers()) {
			try (BenchServer s = server.equals("cairn")
					? BenchServer.cairn(options.cairnJvmArgs(), options.cairnClassPath(), options.out(), line -> log("%s", line))
					: BenchServer.baseline(options.out())) {
				measure(s);
			}
		}
		report.write(options.out());
		return report;
	}

	private void measure(BenchServer server) throws Exception {
		String name = server.name;
		log("%s: starting", name);
		startFigures(server, "");
		int n = options.articles();
		long librariesBefore = count(server, "Library?_summary=count");
		if (name.equals("cairn")) {
			int half = n / 2;
			importFigures(name, "import $import-article", 0, half, i -> articleRequest(server, i));
			importFigures(name, "import transaction Bundles", half, n, i -> bundleRequest(server, i));
		} else {
			defineCairnSearchParameters(server);
			importFigures(name, "import transaction Bundles", 0, n, i -> bundleRequest(server, i));
		}
		report.put(name, "RSS after loading", "MB", false, server.rssMb());
		report.put(name, "articles stored, failed ones sent again (corpus " + n + ")", "count", true,
				count(server, "Library?_summary=count") - librariesBefore);
		for (Workload.Search search : workload.searches) {
			for (int clients : options.searchClients()) {
				searchFigures(server, search, clients);
			}
		}
		restartFigures(server, librariesBefore);
	}

	/** What an operator restarting the server with its articles stored waits for, and the memory it then holds. */
	private void restartFigures(BenchServer server, long librariesBefore) throws Exception {
		log("%s: restarting with the articles stored", server.name);
		server.stop();
		startFigures(server, ", restarted with the articles");
		report.put(server.name, "articles stored, found after the restart", "count", true,
				count(server, "Library?_summary=count") - librariesBefore);
	}

	/** Starts the server on a settled machine: time to ready, then its RSS once idle. */
	private void startFigures(BenchServer server, String figureSuffix) throws Exception {
		settle();
		long readyMs = server.startAndTimeReady();
		report.put(server.name, "time to ready" + figureSuffix, "s", false, readyMs / 1000.0);
		Thread.sleep(options.idleSeconds() * 1000L);
		report.put(server.name, "idle RSS" + figureSuffix, "MB", false, server.rssMb());
	}

	private void importFigures(String server, String figure, int from, int to, IntFunction<HttpRequest> request)
			throws InterruptedException {
		log("%s: %s, articles %d..%d, %d clients", server, figure, from, to - 1, options.importClients());
		LoadRunner.Figures f = runner.run(to - from, options.importClients(), i -> request.apply(from + i),
				response -> response.statusCode() == 200 || response.statusCode() == 201);
		int storedResources = workload.resources(from, to)
				- f.failed().stream().mapToInt(i -> workload.resourceCounts[from + i]).sum();
		report.put(server, figure + ": articles/s", "1/s", true, (f.requests() - f.failures()) / f.seconds());
		report.put(server, figure + ": resources/s", "1/s", true, storedResources / f.seconds());
		report.put(server, figure + ": p50 per article", "ms", false, f.p50());
		report.put(server, figure + ": p99 per article", "ms", false, f.p99());
		report.put(server, figure + ": failed articles", "count", false, f.failures());
		if (f.failures() > 0) {
			report.note(server + ", " + figure + ": " + f.failures() + " failed; first: " + f.firstFailure());
			resendOneByOne(server, f.failed().stream().map(i -> from + i).toList(), request);
		}
	}

	/**
	 * Sends the articles a server failed once more, one at a time and untimed, so that both servers
	 * hold the same articles when searched. The failures stay in the report.
	 */
	private void resendOneByOne(String server, List<Integer> articles, IntFunction<HttpRequest> request)
			throws InterruptedException {
		LoadRunner.Figures again = runner.run(articles.size(), 1, i -> request.apply(articles.get(i)),
				response -> response.statusCode() == 200 || response.statusCode() == 201);
		report.note(server + ": the " + articles.size() + " failed articles sent again one by one, "
				+ again.failures() + " failed again");
	}

	private void searchFigures(BenchServer server, Workload.Search search, int clients) throws InterruptedException {
		List<String> queries = search.queries();
		IntFunction<HttpRequest> request = i -> HttpRequest.newBuilder(URI.create(
						server.baseUrl() + "/" + queries.get(i % queries.size())))
				.header("Accept", "application/fhir+json")
				.header("Cache-Control", "no-cache")
				.timeout(Duration.ofMinutes(2))
				.build();
		java.util.function.Predicate<HttpResponse<String>> useful = response -> response.statusCode() == 200
				&& search.answerMustContain().stream().allMatch(response.body()::contains);
		log("%s: %s, %d clients", server.name, search.name(), clients);
		runner.run(options.warmup(), clients, request, useful);
		LoadRunner.Figures f = runner.run(options.requests(), clients, i -> request.apply(options.warmup() + i), useful);
		String figure = search.name() + ", " + clients + (clients == 1 ? " client" : " clients");
		report.put(server.name, figure + ": p50", "ms", false, f.p50());
		report.put(server.name, figure + ": p95", "ms", false, f.p95());
		report.put(server.name, figure + ": p99", "ms", false, f.p99());
		report.put(server.name, figure + ": requests/s", "1/s", true, f.perSecond());
		if (f.failures() > 0) {
			report.put(server.name, figure + ": failed or empty answers", "count", false, f.failures());
			report.note(server.name + ", " + figure + ": " + f.failures() + " failed or empty; first: " + f.firstFailure());
		}
	}

	/**
	 * Lets this JVM finish what generating the corpus (or the last server's load) left running,
	 * collection and compiling, so that it does not take CPU from a server starting on two cores.
	 */
	private static void settle() throws InterruptedException {
		System.gc();
		Thread.sleep(3000);
	}

	private HttpRequest articleRequest(BenchServer server, int index) {
		boolean markdown = workload.corpus.isMarkdown(index);
		return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Library/$import-article"))
				.header("Content-Type", markdown ? "text/markdown" : "text/plain")
				.timeout(Duration.ofMinutes(2))
				.POST(HttpRequest.BodyPublishers.ofString(workload.corpus.text(index)))
				.build();
	}

	private HttpRequest bundleRequest(BenchServer server, int index) {
		try {
			return HttpRequest.newBuilder(URI.create(server.baseUrl()))
					.header("Content-Type", "application/fhir+json")
					.header("Prefer", "return=minimal")
					.timeout(Duration.ofMinutes(2))
					.POST(HttpRequest.BodyPublishers.ofFile(workload.bundles.get(index)))
					.build();
		} catch (java.io.FileNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The baseline gets the search parameters of Cairn's that the searches use and R5 lacks, so
	 * both answer the same searches; not Cairn's faster replacement of R5's composed-of.
	 */
	private void defineCairnSearchParameters(BenchServer server) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		for (String id : List.of("library-review-status", "library-cites")) {
			Path file = Path.of("fhir-resources", "searchparameters", "SearchParameter-" + id + ".json");
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(
									URI.create(server.baseUrl() + "/SearchParameter/" + id))
							.header("Content-Type", "application/fhir+json")
							.PUT(HttpRequest.BodyPublishers.ofFile(file))
							.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("baseline refused " + file + ": " + response.body());
			}
		}
	}

	private static long count(BenchServer server, String query) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + query))
						.header("Accept", "application/fhir+json")
						.header("Cache-Control", "no-cache")
						.build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher total = TOTAL.matcher(response.body());
		if (response.statusCode() != 200 || !total.find()) {
			throw new IllegalStateException("count " + query + " answered " + response.statusCode() + ": " + response.body());
		}
		return Long.parseLong(total.group(1));
	}

	private static void log(String format, Object... args) {
		System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
	}
}
