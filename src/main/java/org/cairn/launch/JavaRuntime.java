package org.cairn.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java installation to run the server with, and whether it can keep an ahead-of-time cache.
 *
 * <p>Java 25 can record the classes a start loads and links, and the profiles of its hot methods,
 * into a cache the next start maps in (JEP 483, 514, 515): Cairn then starts in about half the
 * time. So the newest Java 25 or later found is used: {@code CAIRN_JAVA_HOME} if set, else the
 * running Java, else one under {@code /usr/lib/jvm}; without one, the running Java, uncached.
 */
record JavaRuntime(Path home, int featureVersion) {

	static final int FIRST_WITH_AOT_CACHE = 25;
	private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

	Path java() {
		return home.resolve("bin").resolve("java");
	}

	boolean keepsAotCache() {
		return featureVersion >= FIRST_WITH_AOT_CACHE;
	}

	static JavaRuntime choose() {
		String configured = System.getenv("CAIRN_JAVA_HOME");
		if (configured != null && !configured.isBlank()) {
			Path home = Path.of(configured);
			return at(home).orElseThrow(() -> new IllegalStateException("CAIRN_JAVA_HOME=" + home + " is not a Java installation"));
		}
		JavaRuntime running = new JavaRuntime(Path.of(System.getProperty("java.home")), Runtime.version().feature());
		List<JavaRuntime> candidates = new ArrayList<>(List.of(running));
		try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
			installed.map(JavaRuntime::at).flatMap(Optional::stream).forEach(candidates::add);
		} catch (IOException noSuchFolder) {
			// nothing installed there
		}
		return candidates.stream()
				.filter(JavaRuntime::keepsAotCache)
				.max(Comparator.comparingInt(JavaRuntime::featureVersion))
				.orElse(running);
	}

	/** The installation at {@code home}, read from its {@code release} file. */
	static Optional<JavaRuntime> at(Path home) {
		try {
			if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
				return Optional.empty();
			}
			Matcher version = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
			return version.find() ? Optional.of(new JavaRuntime(home, Integer.parseInt(version.group(1)))) : Optional.empty();
		} catch (IOException | RuntimeException unreadable) {
			return Optional.empty();
		}
	}
}
