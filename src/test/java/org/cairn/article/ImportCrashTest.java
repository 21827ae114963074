package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cairn.support.Articles;
import org.cairn.support.CommandLine;
import org.cairn.support.Http;
import org.cairn.support.ServerProcess;
import org.hl7.fhir.r5.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed in the middle of a folder import keeps every article whole or not at all. */
class ImportCrashTest {

	private static final FhirContext FHIR = FhirContext.forR5Cached();
	private static final int ARTICLES = 120;

	@Test
	void killedMidImportLeavesArticlesWholeOrAbsentAndRerunCompletes(@TempDir Path dataDir, @TempDir Path folder)
			throws Exception {
		List<String> slugs = new ArrayList<>();
		for (int i = 0; i < ARTICLES; i++) {
			String text = Articles.pageText("crash case " + i, "Crash shared work " + (i % 7));
			Files.writeString(folder.resolve("article-%03d.txt".formatted(i)), text);
			slugs.add(PageTextParser.parse(text).slug());
		}

		try (ServerProcess server = new ServerProcess(dataDir, "--cairn.article.examples=").startAndWait()) {
			CommandLine importing = CommandLine.start("import", folder.toString(), "--url=" + server.baseUrl());
			waitForLibraries(server, 20);
			server.kill();
			assertThat(importing.exitCode()).as("the import saw the server go away").isNotZero();
		}

		try (ServerProcess server = new ServerProcess(dataDir, "--cairn.article.examples=").startAndWait()) {
			int whole = 0;
			for (String slug : slugs) {
				int libraries = count(server, "Library?_id=" + slug);
				int claims = count(server, "Evidence?_id=" + evidenceIds(slug));
				assertThat(claims).as("claims of " + slug).isEqualTo(libraries == 1 ? 4 : 0);
				whole += libraries;
			}
			assertThat(whole).as("articles stored before the kill").isBetween(20, ARTICLES - 1);

			CommandLine rerun = CommandLine.start("import", folder.toString(), "--url=" + server.baseUrl());
			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			assertThat(count(server, "Library?_id=" + String.join(",", slugs))).isEqualTo(ARTICLES);
			assertThat(count(server, "Citation?title=Crash%20shared%20work")).isEqualTo(7);
		}
	}

	private static String evidenceIds(String slug) {
		return IntStream.rangeClosed(1, 4).mapToObj(n -> slug + "-c" + n).collect(Collectors.joining(","));
	}

	private static int count(ServerProcess server, String query) {
		String body = Http.get(server.baseUrl() + "/" + query + (query.contains("?") ? "&" : "?") + "_summary=count",
				"application/fhir+json").body();
		return FHIR.newJsonParser().parseResource(Bundle.class, body).getTotal();
	}

	private static void waitForLibraries(ServerProcess server, int atLeast) {
		await().atMost(Duration.ofMinutes(3)).until(() -> count(server, "Library") >= atLeast);
	}
}
