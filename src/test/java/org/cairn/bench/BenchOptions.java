package org.cairn.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's settings, from {@code --name=value} arguments. */
record BenchOptions(
		int articles,
		long seed,
		int importClients,
		int requests,
		int warmup,
		int idleSeconds,
		List<Integer> searchClients,
		List<String> servers,
		List<String> cairnJvmArgs,
		List<Path> cairnClassPath,
		Path out) {

	static final List<String> SERVERS = List.of("cairn", "baseline");

	static final String USAGE = """
			options (all optional):
			  --articles=10000        articles generated and imported
			  --seed=42               corpus seed
			  --import-clients=4      concurrent clients while importing
			  --requests=1000         timed requests per search figure and client count
			  --warmup=100            untimed requests before each search figure
			  --idle-seconds=30       wait after ready before reading idle RSS
			  --search-clients=1,8    client counts for searches
			  --servers=cairn,baseline  one of them, or none (--servers=): the corpus and its Bundles only
			  --cairn-jvm-args="..."  JVM flags for Cairn (the bench profile passes pom.xml's cairn.jvm.args)
			  --cairn-classpath=...   Cairn's JAR files: started as ./mvnw -Prun starts it, on Java 25 with
			                          its start-up cache when there is one (the bench profile passes them);
			                          without, Cairn runs from this JVM's class path
			  --out=target/bench      results, logs and data folders
			""";

	static BenchOptions parse(String[] args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("not an option: " + arg + "\n" + USAGE);
			}
			given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		BenchOptions options = new BenchOptions(
				Integer.parseInt(take(given, "articles", "10000")),
				Long.parseLong(take(given, "seed", "42")),
				Integer.parseInt(take(given, "import-clients", "4")),
				Integer.parseInt(take(given, "requests", "1000")),
				Integer.parseInt(take(given, "warmup", "100")),
				Integer.parseInt(take(given, "idle-seconds", "30")),
				Arrays.stream(take(given, "search-clients", "1,8").split(",")).map(Integer::parseInt).toList(),
				Arrays.stream(take(given, "servers", "cairn,baseline").split(",")).filter(s -> !s.isBlank()).toList(),
				Arrays.stream(take(given, "cairn-jvm-args", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
				Arrays.stream(take(given, "cairn-classpath", "").split(java.io.File.pathSeparator))
						.filter(s -> !s.isBlank())
						.map(Path::of)
						.toList(),
				Path.of(take(given, "out", "target/bench")));
		// every known option was taken out above: whatever is left is unknown
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + given.keySet() + "\n" + USAGE);
		}
		List<String> unknownServers = options.servers.stream().filter(s -> !SERVERS.contains(s)).toList();
		if (!unknownServers.isEmpty()) {
			throw new IllegalArgumentException("unknown servers " + unknownServers + ", known: " + SERVERS);
		}
		if (options.articles < 2) {
			throw new IllegalArgumentException("--articles must be at least 2 (half go in as text, half as Bundles)");
		}
		return options;
	}

	private static String take(Map<String, String> given, String name, String fallback) {
		String value = given.remove(name);
		return value == null ? fallback : value;
	}
}
