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
		Path out) {

	static final String USAGE = """
			options (all optional):
			  --articles=10000        articles generated and imported
			  --seed=42               corpus seed
			  --import-clients=4      concurrent clients while importing
			  --requests=1000         timed requests per search figure and client count
			  --warmup=100            untimed requests before each search figure
			  --idle-seconds=30       wait after ready before reading idle RSS
			  --search-clients=1,8    client counts for searches
			  --servers=cairn,baseline
			  --cairn-jvm-args="..."  JVM flags for Cairn (the bench profile passes pom.xml's cairn.jvm.args)
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
				Integer.parseInt(given.getOrDefault("articles", "10000")),
				Long.parseLong(given.getOrDefault("seed", "42")),
				Integer.parseInt(given.getOrDefault("import-clients", "4")),
				Integer.parseInt(given.getOrDefault("requests", "1000")),
				Integer.parseInt(given.getOrDefault("warmup", "100")),
				Integer.parseInt(given.getOrDefault("idle-seconds", "30")),
				Arrays.stream(given.getOrDefault("search-clients", "1,8").split(",")).map(Integer::parseInt).toList(),
				List.of(given.getOrDefault("servers", "cairn,baseline").split(",")),
				Arrays.stream(given.getOrDefault("cairn-jvm-args", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
				Path.of(given.getOrDefault("out", "target/bench")));
		Map<String, String> known = new HashMap<>(given);
		List.of("articles", "seed", "import-clients", "requests", "warmup", "idle-seconds", "search-clients",
				"servers", "cairn-jvm-args", "out").forEach(known::remove);
		if (!known.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + known.keySet() + "\n" + USAGE);
		}
		if (options.articles < 2) {
			throw new IllegalArgumentException("--articles must be at least 2 (half go in as text, half as Bundles)");
		}
		return options;
	}
}
