package org.cairn.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cairn.support.Http;
import org.cairn.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The way {@code ./mvnw -Prun} and the benchmark start Cairn: from JAR files, on Java 25 with a
 * start-up cache that a training start makes once per build, and that the next start maps in,
 * down to the classes that answer the first question clients ask.
 */
class LauncherTest {

	private static final Path WORK = Path.of("target", "launcher-test").toAbsolutePath();

	@Test
	void aServerStartedFromJarsUsesTheCacheItsBuildTrainedAndServesFhir() throws Exception {
		FileSystemUtils.deleteRecursively(WORK);
		List<Path> classPath = jarClassPath();
		Path cacheDir = WORK.resolve("aot");
		List<String> progress = new ArrayList<>();

		try (ServerProcess server = new ServerProcess(WORK.resolve("data"))) {
			ServerCommand first = ServerCommand.prepare(classPath, List.of("-Xmx1g"), cacheDir, server.serverArgs(), progress::add);

			boolean java25 = JavaRuntime.choose().keepsAotCache();
			assertThat(first.cached()).isEqualTo(java25);
			assertThat(Files.exists(cacheDir) && hasCache(cacheDir)).isEqualTo(java25);
			if (java25) {
				assertThat(progress).anyMatch(line -> line.contains("making the start-up cache"));
				assertThat(first.command()).anyMatch(arg -> arg.startsWith("-XX:AOTCache="));
			}

			server.startAndWait(withClassLoadLog(first.command()));
			HttpResponse<String> capabilities = Http.get(server.baseUrl() + "/metadata", "application/fhir+json");
			assertThat(capabilities.statusCode()).isEqualTo(200);
			if (java25) {
				// what answers the first question every client asks was trained into the cache: here a
				// class only writing a capability statement loads (a JAR file's source otherwise)
				assertThat(server.output().lines()
								.filter(line -> line.contains(" org.hl7.fhir.r5.model.CapabilityStatement$RestfulCapabilityModeEnumFactory "))
								.toList())
						.singleElement(InstanceOfAssertFactories.STRING)
						.contains("source: shared objects file");
			}
			HttpResponse<String> libraries = Http.get(server.baseUrl() + "/Library?_count=1&_summary=count", "application/fhir+json");
			assertThat(libraries.statusCode()).isEqualTo(200);
			assertThat(libraries.body()).contains("\"total\"");
			// the JVM says when it cannot use a cache (another build, another Java) and carries on without
			assertThat(server.output().lines()).noneMatch(line -> line.contains("[aot]") || line.contains("AOT cache"));
			server.stop();

			progress.clear();
			ServerCommand again = ServerCommand.prepare(classPath, List.of("-Xmx1g"), cacheDir, server.serverArgs(), progress::add);
			assertThat(again.command()).isEqualTo(first.command());
			assertThat(progress).noneMatch(line -> line.contains("making the start-up cache"));
		}
	}

	/** The command with the JVM logging where each class was loaded from (the cache or a JAR). */
	private static List<String> withClassLoadLog(List<String> command) {
		List<String> logged = new ArrayList<>(command);
		logged.add(1, "-Xlog:class+load=info");
		return logged;
	}

	/**
	 * Cairn's classes as one JAR, then the JAR files of this test's class path (Maven's test
	 * runner names them in {@code surefire.test.class.path}; its own class path is one manifest JAR).
	 */
	private static List<Path> jarClassPath() throws IOException {
		Path classes = Path.of("target", "classes").toAbsolutePath();
		Path jar = WORK.resolve("cairn-classes.jar");
		Files.createDirectories(WORK);
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
			// folders get entries too: Spring finds the components to scan through them
			for (Path path : files.filter(path -> !path.equals(classes)).toList()) {
				String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
				boolean folder = Files.isDirectory(path);
				out.putNextEntry(new JarEntry(folder ? name + "/" : name));
				if (!folder) {
					Files.copy(path, (OutputStream) out);
				}
				out.closeEntry();
			}
		}
		List<Path> classPath = new ArrayList<>(List.of(jar));
		Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator))
				.filter(entry -> entry.endsWith(".jar"))
				.map(Path::of)
				.forEach(classPath::add);
		return classPath;
	}

	private static boolean hasCache(Path cacheDir) throws IOException {
		try (Stream<Path> files = Files.list(cacheDir)) {
			return files.anyMatch(file -> file.getFileName().toString().matches("cairn-[0-9a-f]{16}\\.aot"));
		}
	}
}
