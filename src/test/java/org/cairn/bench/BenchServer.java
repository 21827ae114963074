package org.cairn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cairn.launch.ServerCommand;
import org.springframework.util.FileSystemUtils;

/**
 * A FHIR server under measurement, run as its own JVM with a fresh data folder, so its start-up
 * and memory are its own and not the benchmark's.
 */
final class BenchServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
	/** Where {@code ./mvnw -Prun} keeps the start-up cache: a build trains it once for both. */
	private static final Path RUN_CACHE_DIR = Path.of("target", "aot");

	final String name;
	private final List<String> command;
	private final Path log;
	private final int port;
	private Process process;

	private BenchServer(String name, List<String> command, int port, Path workDir) throws IOException {
		this.name = name;
		this.port = port;
		Files.createDirectories(workDir);
		this.log = workDir.resolve(name + ".log");
		this.command = command;
	}

	/**
	 * Cairn with its own flags and {@code config/}, data under {@code workDir/cairn-data}: from its
	 * JAR files as {@code ./mvnw -Prun} starts it, with the same start-up cache (made first,
	 * untimed, if this build has none), or else from this JVM's class path.
	 */
	static BenchServer cairn(List<String> jvmArgs, List<Path> classPath, Path workDir, Consumer<String> progress)
			throws IOException {
		Path data = fresh(workDir.resolve("cairn-data"));
		int port = freePort();
		List<String> appArgs = List.of("--server.port=" + port, "--cairn.data-dir=" + data.toAbsolutePath());
		List<String> command = classPath.isEmpty()
				? thisClassPath(jvmArgs, ServerCommand.MAIN_CLASS, appArgs)
				: ServerCommand.prepare(classPath, jvmArgs, RUN_CACHE_DIR, appArgs, progress).command();
		return new BenchServer("cairn", command, port, workDir);
	}

	/** Plain HAPI JPA with HAPI's defaults and the JVM's, data under {@code workDir/baseline-data}. */
	static BenchServer baseline(Path workDir) throws IOException {
		Path data = fresh(workDir.resolve("baseline-data"));
		int port = freePort();
		return new BenchServer("baseline", thisClassPath(List.of(), "bench.baseline.BaselineHapiServer",
				List.of("--server.port=" + port, "--baseline.data-dir=" + data.toAbsolutePath())), port, workDir);
	}

	private static List<String> thisClassPath(List<String> jvmArgs, String mainClass, List<String> appArgs) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(appArgs);
		return command;
	}

	String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	/** Starts the JVM and returns the milliseconds until {@code /fhir/metadata} answers 200. */
	long startAndTimeReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long started = System.nanoTime();
		// A restart adds to the log of the first start rather than replacing it.
		ProcessBuilder.Redirect output = process == null
				? ProcessBuilder.Redirect.to(log.toFile())
				: ProcessBuilder.Redirect.appendTo(log.toFile());
		process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
		HttpRequest metadata = HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata")).build();
		while (System.nanoTime() - started < START_TIMEOUT.toNanos()) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
			}
			try {
				if (client.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - started) / 1_000_000;
				}
			} catch (IOException notListeningYet) {
				// poll again
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(name + " not ready after " + START_TIMEOUT + ", see " + log);
	}

	/** Resident set size of the server's JVM, in MB, from /proc. */
	long rssMb() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		throw new IOException("no VmRSS for process " + process.pid());
	}

	/** Stops the JVM as an operator would (SIGTERM), keeping its data folder for a restart. */
	void stop() throws InterruptedException {
		if (process != null && process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private static Path fresh(Path dir) throws IOException {
		FileSystemUtils.deleteRecursively(dir);
		return Files.createDirectories(dir);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
