package org.cairn.launch;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a Cairn server in its own JVM until it stops: what {@code ./mvnw -Prun} calls.
 *
 * <pre>
 * Launcher --classpath=a.jar:b.jar --cache-dir=target/aot [--jvm-args="-Xmx1g ..."] [server arguments...]
 * </pre>
 *
 * Stopping the launcher (Ctrl-C, SIGTERM) stops the server the normal way first.
 */
public final class Launcher {

	private Launcher() {}

	public static void main(String[] args) throws Exception {
		List<Path> classPath = new ArrayList<>();
		List<String> jvmArgs = new ArrayList<>();
		Path cacheDir = Path.of("target", "aot");
		List<String> appArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--classpath=")) {
				Arrays.stream(arg.substring("--classpath=".length()).split(File.pathSeparator))
						.filter(entry -> !entry.isBlank())
						.map(Path::of)
						.forEach(classPath::add);
			} else if (arg.startsWith("--jvm-args=")) {
				Arrays.stream(arg.substring("--jvm-args=".length()).trim().split("\\s+"))
						.filter(flag -> !flag.isBlank())
						.forEach(jvmArgs::add);
			} else if (arg.startsWith("--cache-dir=")) {
				cacheDir = Path.of(arg.substring("--cache-dir=".length()));
			} else {
				appArgs.add(arg);
			}
		}
		if (classPath.isEmpty()) {
			System.err.println("Launcher: --classpath=<jar files> is required");
			System.exit(2);
		}
		ServerCommand command = ServerCommand.prepare(classPath, jvmArgs, cacheDir, appArgs, System.out::println);
		Process server = new ProcessBuilder(command.command()).inheritIO().start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.destroy();
			try {
				server.waitFor();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		System.exit(server.waitFor());
	}
}
