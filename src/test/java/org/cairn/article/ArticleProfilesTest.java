package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cairn.bench.CorpusGenerator;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * What an import stores conforms to FHIR R5 and Cairn's profiles, checked by the server's own
 * {@code $validate} for the reference article, every example and a generated corpus in both
 * layouts. Imports rely on this instead of validating each article again at runtime.
 */
class ArticleProfilesTest extends CairnServerTest {

	private static final int GENERATED = 30;

	@Test
	void everyResourceOfEveryArticleIsValidAgainstItsProfile() throws IOException {
		Map<String, String> articles = new LinkedHashMap<>();
		articles.put("reference article", Articles.reference());
		try (Stream<Path> examples = Files.list(Articles.EXAMPLES)) {
			examples.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".md"))
					.sorted()
					.forEach(p -> articles.put(p.getFileName().toString(), Articles.read(p)));
		}
		CorpusGenerator corpus = new CorpusGenerator(11, GENERATED);
		for (int i = 0; i < GENERATED; i++) {
			articles.put(corpus.fileName(i), corpus.text(i));
		}

		List<String> problems = new ArrayList<>();
		int validated = 0;
		for (Map.Entry<String, String> article : articles.entrySet()) {
			Article parsed = ArticleFormat.ofFileName(article.getKey()).parse(article.getValue());
			Bundle transaction = ArticleToFhir.transaction(ArticleToFhir.resources(parsed), 0, "CREATE", 1);
			for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
				problems.addAll(errors(article.getKey(), entry.getResource()));
				validated++;
			}
		}

		assertThat(validated).isGreaterThan(articles.size() * 10);
		assertThat(problems).isEmpty();
	}

	private List<String> errors(String article, Resource resource) {
		HttpResponse<String> response = Http.sendFhir("POST", baseUrl() + "/" + resource.fhirType() + "/$validate",
				FHIR.newJsonParser().encodeResourceToString(resource));
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
		return outcome.getIssue().stream()
				.filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
						|| issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
				.map(issue -> article + " " + resource.fhirType() + "/" + resource.getIdPart() + ": "
						+ issue.getDiagnostics() + " at " + issue.getExpression())
				.toList();
	}
}
