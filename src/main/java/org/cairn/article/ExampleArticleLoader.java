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
		int changed = 0;
		List<Path> files = articleFiles(folder);
		for (Path file : files) {
			try {
				ArticleImportResult result = importer.importText(
						Files.readString(file), ArticleFormat.ofFileName(file.getFileName().toString()));
				changed += "unchanged".equals(result.outcome()) ? 0 : 1;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (ArticleFormatException e) {
				throw new IllegalStateException("Example article " + file + ", " + e.getMessage(), e);
			}
		}
		log.info("Example articles from {}: {} imported, {} unchanged", folder, changed, files.size() - changed);
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
