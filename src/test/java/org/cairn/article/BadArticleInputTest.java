package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Each kind of bad article gets 400 naming the line and the problem, and nothing is stored. */
class BadArticleInputTest extends CairnServerTest {

	@Test
	void missingQuestionLine() {
		String text = "From the Guidelines\n\nA lead sentence 1.\n\nReferences\n\nGuideline\n\nA title\n\nA journal, 2020\n";

		assertRejected(text, "text/plain", 1, "expected the article's question");
	}

	@Test
	void claimCitingAReferenceNotInTheList() {
		String topic = "bad citation " + TestResources.unique();
		String text = Articles.pageText(topic, "Some study").replace("complications in 65% of patients 2", "complications 7");

		assertRejected(text, "text/plain", 23, "cites reference 7, but the reference list has only 2 entries");
		assertNothingStoredAbout(topic);
	}

	@Test
	void referenceWithoutTitle() {
		String topic = "untitled reference " + TestResources.unique();
		String text = Articles.pageText(topic, "Vanishing title").replace("Research\n\nVanishing title\n\n", "Research\n\n");

		assertRejected(text, "text/plain", 33, "reference 2 has no title");
		assertNothingStoredAbout(topic);
	}

	@Test
	void aQuestionWithNoClaimsIsRefusedNamingTheQuestionsLine() {
		String pageTopic = "claimless " + TestResources.unique();
		String page = "\nHow is " + pageTopic + " treated?\n\nLast updated: March 3, 2025\n";
		String markdownTopic = "claimless markdown " + TestResources.unique();
		String markdown = "---\nreview-status: approved\n---\n\n# How is " + markdownTopic + " treated?\n\n## References\n";

		assertRejected(page, "text/plain", 2, "no claims follow the article's question");
		assertRejected(markdown, "text/markdown", 5, "no claims follow the article's question");
		assertNothingStoredAbout(pageTopic);
		assertNothingStoredAbout(markdownTopic);
	}

	@Test
	void brokenFrontMatter() {
		String text = """
				---
				slug: broken-front-matter
				topics: [unclosed
				review-status: approved
				---

				# Is this stored?

				## From the Guidelines

				- Never [1]

				## References

				1. **Guideline** A title. *A journal*, 2020
				""";

		HttpResponse<String> response = assertRejected(text, "text/markdown", 4, "broken front matter");
		assertThat(response.body()).doesNotContain("\tat ");
	}

	@Test
	void emptyBody() {
		assertRejected("", "text/plain", 0, "empty");
	}

	@Test
	void fiftyMegabyteBody() {
		String huge = Articles.pageText("huge " + TestResources.unique(), "Huge").repeat(50 * 1024 * 1024 / 900);

		assertRejected(huge, "text/plain", 0, "articles may be at most");
	}

	private HttpResponse<String> assertRejected(String text, String contentType, int line, String problem) {
		HttpResponse<String> response = Articles.importText(text, contentType, baseUrl());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
		String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
		assertThat(diagnostics).contains(problem);
		if (line > 0) {
			assertThat(diagnostics).startsWith("line " + line + ":");
			assertThat(outcome.getIssueFirstRep().getLocation()).extracting(Object::toString)
					.containsExactly("Line[" + line + "] Col[1]");
		}
		return response;
	}

	private void assertNothingStoredAbout(String topic) {
		Bundle found = client().search().forResource(Library.class)
				.where(Library.TITLE.matches().value("How is " + topic))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).isEmpty();
	}
}
