package org.cairn.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Cairn as a separate operating-system process, for what one shared in-JVM server cannot show:
 * restarts, kills and failed start-ups. It runs with the test classpath and the project's
 * {@code config/}, on its own port and data folder.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final Path dataDir;
	private final int port;
	private final Path log;
	private final List<String> extraArgs;
	private Process process;
	private final List<HttpResponse<String>> answersWhileStarting = new ArrayList<>();

	public ServerProcess(Path dataDir, String... extraArgs) {
		this.dataDir = dataDir;
		this.port = freePort();
		this.extraArgs = List.of(extraArgs);
		try {
			this.log = Files.createTempFile(Path.of("target"), "server-", ".log");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	/** What the server is told on its command line: its port and data folder, and the extra arguments. */
	public List<String> serverArgs() {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--cairn.data-dir=" + dataDir));
		args.addAll(extraArgs);
		return args;
	}

	/** Starts the process, run from the test classpath, without waiting for it. */
	public ServerProcess start() {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx1g",
				"-cp",
				System.getProperty("java.class.path"),
				"org.cairn.CairnApplication"));
		command.addAll(serverArgs());
		return start(command);
	}

	/** Starts the process as {@code command} (which passes on {@link #serverArgs()}) without waiting for it. */
	public ServerProcess start(List<String> command) {
		try {
			process = new ProcessBuilder(command)
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return this;
	}

	/** Starts the process from the test classpath and waits until it answers {@code /fhir/metadata}. */
	public ServerProcess startAndWait() {
		start();
		return awaitReady();
	}

	/** Starts the process as {@code command} and waits until it answers {@code /fhir/metadata}. */
	public ServerProcess startAndWait(List<String> command) {
		start(command);
		return awaitReady();
	}

	private ServerProcess awaitReady() {
		try {
			await().atMost(START_TIMEOUT)
					.failFast(() -> !process.isAlive())
					.ignoreExceptionsInstanceOf(UncheckedIOException.class) // not listening yet
					.until(this::answersMetadata);
			return this;
		} catch (TerminalFailureException exited) {
			throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + output());
		} catch (ConditionTimeoutException notReady) {
			throw new IllegalStateException("Server not ready after " + START_TIMEOUT + ":\n" + output());
		}
	}

	private boolean answersMetadata() {
		HttpResponse<String> answer = Http.get(baseUrl() + "/metadata", "application/fhir+json");
		if (answer.statusCode() != 200) {
			answersWhileStarting.add(answer);
		}
		return answer.statusCode() == 200;
	}

	/** What {@code /fhir/metadata} answered, other than 200, while waiting for the server to be ready. */
	public List<HttpResponse<String>> answersWhileStarting() {
		return answersWhileStarting;
	}

	/** Waits for the process to end by itself and returns its exit code. */
	public int awaitExit() throws InterruptedException {
		if (!process.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
			throw new IllegalStateException("Server still running after " + START_TIMEOUT + ":\n" + output());
		}
		return process.exitValue();
	}

	/** SIGTERM, as a service manager stops it, and waits until it has shut down. */
	public void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
			throw new IllegalStateException("Server still running after SIGTERM:\n" + output());
		}
	}

	/** SIGKILL: no shutdown hooks, no flushing; what survives this was really stored. */
	public void kill() throws InterruptedException {
		process.destroyForcibly().waitFor();
	}

	public String output() {
		try {
			return Files.readString(log);
		} catch (IOException e) {
			return "(no output: " + e.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process != null && process.isAlive()) {
			kill();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
