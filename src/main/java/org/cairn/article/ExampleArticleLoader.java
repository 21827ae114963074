package org.cairn.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Imports the example articles at start-up; unchanged ones are left as they are. */
@Component
@Order(1)
public class ExampleArticleLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ExampleArticleLoader.class);

	private final ArticleImporter importer;
	private final ArticleProperties properties;

	public ExampleArticleLoader(ArticleImporter importer, ArticleProperties properties) {
		this.importer = importer;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		Path folder = properties.examples();
		if (folder == null || folder.toString().isEmpty() || !Files.isDirectory(folder)) {
			return;
		}
		List<Path> files = articleFiles(folder);
		// In parallel (a thread per core): the articles are independent, and on a fresh database
		// their imports run on cold code, so start-up is shorter with every core at them.
		long changed = files.parallelStream().filter(this::importChanged).count();
		log.info("Example articles from {}: {} imported, {} unchanged", folder, changed, files.size() - changed);
	}

	private boolean importChanged(Path file) {
		try {
			ArticleImportResult result = importer.importText(
					Files.readString(file), ArticleFormat.ofFileName(file.getFileName().toString()));
			return !"unchanged".equals(result.outcome());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (ArticleFormatException e) {
			throw new IllegalStateException("Example article " + file + ", " + e.getMessage(), e);
		}
	}

	static List<Path> articleFiles(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile)
					.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".md"))
					.sorted()
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
