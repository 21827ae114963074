package org.cairn.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Cairn's command line ({@code convert}, {@code import}) as a separate process. */
public final class CommandLine {

	private final Process process;
	private final Path log;

	private CommandLine(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	public static CommandLine start(String... args) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp",
				System.getProperty("java.class.path"),
				"org.cairn.CairnApplication"));
		command.addAll(List.of(args));
		try {
			Path log = Files.createTempFile(Path.of("target"), "cli-", ".log");
			return new CommandLine(
					new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public int exitCode() throws InterruptedException {
		return process.waitFor();
	}

	public String output() {
		try {
			return Files.readString(log);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
