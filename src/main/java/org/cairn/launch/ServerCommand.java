package org.cairn.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The command that starts a Cairn server JVM, with Java 25's ahead-of-time cache when there is a
 * Java 25 (see {@link JavaRuntime}).
 *
 * <p>The cache belongs to one build: it is named after the Java, the JVM flags and every class
 * path entry's size and time, and made when none matches by a training start (a throw-away
 * server on a fresh data folder, asked once for its capability statement when ready, then
 * stopped), so the servers started afterwards map in what it loaded, linked and profiled, the
 * answer to that first question included. Class path entries must be JAR files for that.
 */
public record ServerCommand(List<String> command, boolean cached) {

	public static final String MAIN_CLASS = "org.cairn.CairnApplication";
	private static final Duration TRAINING_LIMIT = Duration.ofMinutes(5);
	private static final String READY_LINE = "Cairn ready in";
	private static final Pattern READY_PORT = Pattern.compile(READY_LINE + " \\d+ ms on port (\\d+)");
	private static final String FIRST_QUESTION = "metadata";
	/**
	 * Java 25.0.3 warns at every start that it cannot link the argument adapters it cached, then
	 * makes them anew: they are left out of the cache.
	 */
	private static final List<String> CACHE_FLAGS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching");

	/**
	 * Prepares the command, training a cache first if this build has none (about a minute).
	 *
	 * @param classPath JAR files, in class path order
	 * @param cacheDir where caches and the training log are kept
	 * @param progress one line per step, for the person waiting
	 */
	public static ServerCommand prepare(
			List<Path> classPath, List<String> jvmArgs, Path cacheDir, List<String> appArgs, Consumer<String> progress) {
		JavaRuntime java = JavaRuntime.choose();
		if (!java.keepsAotCache()) {
			progress.accept("Cairn: Java " + java.featureVersion() + " at " + java.home()
					+ "; with a Java " + JavaRuntime.FIRST_WITH_AOT_CACHE + " (or CAIRN_JAVA_HOME) it would start about twice as fast");
			return new ServerCommand(command(java, jvmArgs, List.of(), classPath, appArgs), false);
		}
		Path cache = cacheDir.resolve("cairn-" + key(java, jvmArgs, classPath) + ".aot");
		if (!Files.exists(cache)) {
			progress.accept("Cairn: making the start-up cache for this build with Java " + java.featureVersion()
					+ " (a training start, once per build; log in " + cacheDir.resolve("training.log") + ")");
			if (!train(java, jvmArgs, classPath, cacheDir, cache, progress)) {
				return new ServerCommand(command(java, jvmArgs, List.of(), classPath, appArgs), false);
			}
		}
		return new ServerCommand(command(java, jvmArgs, cacheFlags("-XX:AOTCache=" + cache), classPath, appArgs), true);
	}

	private static List<String> command(
			JavaRuntime java, List<String> jvmArgs, List<String> cacheArgs, List<Path> classPath, List<String> appArgs) {
		List<String> command = new ArrayList<>();
		command.add(java.java().toString());
		command.addAll(jvmArgs);
		command.addAll(cacheArgs);
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		command.add(MAIN_CLASS);
		command.addAll(appArgs);
		return command;
	}

	private static List<String> cacheFlags(String cacheFlag) {
		List<String> flags = new ArrayList<>(CACHE_FLAGS);
		flags.add(cacheFlag);
		return flags;
	}

	private static boolean train(
			JavaRuntime java, List<String> jvmArgs, List<Path> classPath, Path cacheDir, Path cache, Consumer<String> progress) {
		try {
			Path trainingData = cacheDir.resolve("training-data");
			FileSystemUtils.deleteRecursively(trainingData);
			deleteOldCaches(cacheDir);
			Path log = cacheDir.resolve("training.log");
			Path recording = cacheDir.resolve("training.aot");
			Files.deleteIfExists(recording);
			List<String> command = command(java, jvmArgs, cacheFlags("-XX:AOTCacheOutput=" + recording), classPath,
					List.of("--server.port=0", "--cairn.data-dir=" + trainingData.toAbsolutePath()));
			Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			String port = awaitReady(training, log);
			boolean ready = port != null;
			if (ready) {
				askFirstQuestion(port);
			}
			training.destroy(); // a normal stop: the cache is written as the JVM exits
			boolean exited = training.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS);
			FileSystemUtils.deleteRecursively(trainingData);
			if (!ready || !exited || !Files.exists(recording)) {
				training.destroyForcibly();
				progress.accept("Cairn: the training start failed (see " + log + "); starting without a cache");
				return false;
			}
			Files.move(recording, cache, StandardCopyOption.ATOMIC_MOVE);
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The port the server said it is ready on, or null if it never said so. */
	private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TRAINING_LIMIT.toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			Matcher ready = READY_PORT.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
			if (ready.find()) {
				return ready.group(1);
			}
			Thread.sleep(250);
		}
		return null;
	}

	/**
	 * What every FHIR client and readiness check asks a server first: its capability statement.
	 * Answered with classes the cache did not hold, it took 0.5–0.8 s after the server was ready.
	 * Searches are left out: what they load would be loaded in every server from the start
	 * (60 MB more RSS while idle).
	 */
	private static void askFirstQuestion(String port) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		try {
			client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + FIRST_QUESTION))
							.header("Accept", "application/fhir+json")
							.timeout(Duration.ofMinutes(1))
							.build(),
					HttpResponse.BodyHandlers.discarding());
		} catch (IOException unanswered) {
			// The cache is still good for starting; it only answers this question slower.
		}
	}

	/** Names the cache after everything that must match for the JVM to accept it. */
	private static String key(JavaRuntime java, List<String> jvmArgs, List<Path> classPath) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			List<String> parts = new ArrayList<>(List.of(java.home().toString(), Files.readString(java.home().resolve("release"))));
			parts.addAll(jvmArgs);
			for (Path entry : classPath) {
				parts.add(entry.toAbsolutePath() + " " + Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis());
			}
			for (String part : parts) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the class path", e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A cache is as large as the classes it holds (about 250 MB): one build's is kept. */
	private static void deleteOldCaches(Path cacheDir) throws IOException {
		Files.createDirectories(cacheDir);
		try (Stream<Path> files = Files.list(cacheDir)) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList()) {
				Files.delete(file);
			}
		}
	}
}
