package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Provenance;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;
import org.junit.jupiter.api.Test;

/** Importing articles over HTTP and what ends up stored. */
class ArticleImportTest extends CairnServerTest {

	static final String REFERENCE_ID = "what-is-the-cause-of-focal-localized-ee7fa9";

	@Test
	void referenceArticleBecomesOneLibraryEighteenEvidenceAndSixCitations() {
		HttpResponse<String> response = importText(Articles.reference(), "text/plain");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Location").orElse("")).contains("/Library/" + REFERENCE_ID + "/_history/");

		Library library = client().read().resource(Library.class).withId(REFERENCE_ID).execute();
		assertThat(library.getTitle()).isEqualTo("What is the cause of focal (localized) movement disorders?");
		assertThat(library.getDateElement().getValueAsString()).isEqualTo("2025-02-11");
		assertThat(library.getUsage()).startsWith("This information is intended for healthcare professionals.");
		assertThat(library.getUsage()).doesNotContain("follow-up");

		List<RelatedArtifact> claims = related(library, RelatedArtifactType.COMPOSEDOF);
		List<RelatedArtifact> citations = related(library, RelatedArtifactType.CITATION);
		// Guidelines: 1 lead + 4 + 3 bullets; Research: (1 lead + 4) + (1 lead + 2) + (1 lead + 1)
		assertThat(claims).hasSize(18);
		assertThat(citations).extracting(RelatedArtifact::getLabel).containsExactly("1", "2", "3", "4", "5", "6");
		assertThat(claims).extracting(RelatedArtifact::getLabel).containsExactly(
				null,
				"Causes of Focal Movement Disorders", "Causes of Focal Movement Disorders",
				"Causes of Focal Movement Disorders", "Causes of Focal Movement Disorders",
				"Diagnosis and Treatment", "Diagnosis and Treatment", "Diagnosis and Treatment",
				"Causes of Focal Movement Disorders", "Causes of Focal Movement Disorders",
				"Causes of Focal Movement Disorders", "Causes of Focal Movement Disorders",
				"Causes of Focal Movement Disorders",
				"Relationship between Movement Disorders and Seizures",
				"Relationship between Movement Disorders and Seizures",
				"Relationship between Movement Disorders and Seizures",
				"Diagnostic Challenges", "Diagnostic Challenges");
		assertThat(claims.get(0).getDisplay()).isEqualTo("From the Guidelines");
		assertThat(claims.get(8).getDisplay()).isEqualTo("From the Research");

		Evidence lead = evidence(claims.get(0));
		assertThat(lead.getDescription()).isEqualTo(
				"Focal movement disorders are primarily caused by abnormal electrical activity in a specific area of the brain.");
		assertThat(lead.getRelatedArtifact()).isEmpty();

		Evidence twoReferences = evidence(claims.get(12));
		assertThat(twoReferences.getDescription()).startsWith("Other conditions, such as drug-induced movement disorders");
		assertThat(twoReferences.getRelatedArtifact()).extracting(RelatedArtifact::getLabel).containsExactly("2", "5");

		Evidence figure = evidence(claims.get(6));
		assertThat(figure.getDescription()).contains("approximately 30% of patients do not respond");
		assertThat(figure.getStatisticFirstRep().getQuantity().getValue()).isEqualByComparingTo(new BigDecimal("30"));
		assertThat(figure.getStatisticFirstRep().getQuantity().getUnit()).isEqualTo("%");

		Citation sixth = client().read().resource(Citation.class)
				.withId(citations.get(5).getResourceReference().getReferenceElement().getIdPart()).execute();
		assertThat(sixth.getCitedArtifact().getTitleFirstRep().getText()).isEqualTo("Persistent hand spasm: movement disorder or seizure?");
		assertThat(sixth.getCitedArtifact().getPublicationFormFirstRep().getPublishedIn().getTitle())
				.isEqualTo("Journal of the neurological sciences");
		assertThat(sixth.getCitedArtifact().getPublicationFormFirstRep().getArticleDateElement().getValueAsString()).isEqualTo("2007");

		Bundle provenance = client().search().forResource(Provenance.class)
				.where(new ReferenceClientParam("target").hasId("Library/" + REFERENCE_ID))
				.returnBundle(Bundle.class).execute();
		assertThat(provenance.getEntry()).isNotEmpty();

		// a word of one claim finds the article by full text
		Bundle byClaimWord = client().search().forResource(Library.class)
				.where(new ca.uhn.fhir.rest.gclient.StringClientParam("_content").matches().value("hippocampal"))
				.returnBundle(Bundle.class).execute();
		assertThat(byClaimWord.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(REFERENCE_ID);
	}

	@Test
	void importingTheSameArticleAgainWritesNothing() {
		String text = Articles.pageText("idempotent gout " + TestResources.unique(), "Gout flares " + TestResources.unique());
		Library first = parse(importText(text, "text/plain"));
		int provenanceBefore = provenanceCount(first.getIdPart());

		HttpResponse<String> again = importText(text, "text/plain");

		assertThat(again.headers().firstValue("X-Cairn-Import")).contains("unchanged");
		Library second = client().read().resource(Library.class).withId(first.getIdPart()).execute();
		assertThat(second.getMeta().getVersionId()).isEqualTo(first.getMeta().getVersionId());
		assertThat(provenanceCount(first.getIdPart())).isEqualTo(provenanceBefore).isEqualTo(1);
	}

	@Test
	void aChangedClaimMakesNewVersionsOfTheLibraryAndThatClaimOnly() {
		String topic = "revised asthma " + TestResources.unique();
		String shared = "Inhaler technique " + TestResources.unique();
		Library first = parse(importText(Articles.pageText(topic, shared), "text/plain"));
		List<RelatedArtifact> claims = related(first, RelatedArtifactType.COMPOSEDOF);

		String changed = Articles.pageText(topic, shared).replace("beyond 6 weeks", "beyond 8 weeks");
		HttpResponse<String> response = importText(changed, "text/plain");

		assertThat(response.headers().firstValue("X-Cairn-Import")).contains("updated");
		Library second = parse(response);
		assertThat(second.getMeta().getVersionId()).isEqualTo("2");
		assertThat(evidence(claims.get(2)).getMeta().getVersionId()).isEqualTo("2");
		assertThat(evidence(claims.get(2)).getDescription()).contains("beyond 8 weeks");
		assertThat(evidence(claims.get(1)).getMeta().getVersionId()).isEqualTo("1");
		Bundle provenance = client().search().forResource(Provenance.class)
				.where(new ReferenceClientParam("target").hasId("Library/" + first.getIdPart()))
				.returnBundle(Bundle.class).execute();
		assertThat(provenance.getEntry()).hasSize(2);
		assertThat(provenance.getEntry()).anySatisfy(e -> {
			Provenance p = (Provenance) e.getResource();
			assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");
			assertThat(p.getTargetFirstRep().getReference()).endsWith("/_history/2");
		});
	}

	@Test
	void theImportAnswersWithTheLibraryAsAReadReturnsIt() {
		String topic = "answered bursitis " + TestResources.unique();
		String shared = "Bursa imaging " + TestResources.unique();
		HttpResponse<String> created = importText(Articles.pageText(topic, shared), "text/plain");
		assertThat(created.headers().firstValue("X-Cairn-Import")).contains("created");
		assertThat(created.body()).isEqualTo(readAsJson(parse(created)));

		HttpResponse<String> updated = importText(Articles.pageText(topic, shared).replace("65%", "70%"), "text/plain");
		assertThat(updated.headers().firstValue("X-Cairn-Import")).contains("updated");
		Library second = parse(updated);
		assertThat(second.getMeta().getVersionId()).isEqualTo("2");
		assertThat(updated.body()).isEqualTo(readAsJson(second));
	}

	@Test
	void preferReturnMinimalAnswersWithoutABodyAndOperationOutcomeWithWhatWasStored() {
		String topic = "quiet tendinitis " + TestResources.unique();
		HttpResponse<String> minimal = importPreferring(
				Articles.pageText(topic, "Tendon imaging " + TestResources.unique()), "return=minimal");
		assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(200);
		assertThat(minimal.body()).isEmpty();
		assertThat(minimal.headers().firstValue("X-Cairn-Import")).contains("created");
		String location = minimal.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> read = Http.get(location, "application/fhir+json");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(FHIR.newJsonParser().parseResource(Library.class, read.body()).getTitle()).contains(topic);

		HttpResponse<String> withOutcome = importPreferring(
				Articles.pageText(topic, "Tendon imaging " + TestResources.unique()), "return=OperationOutcome");
		assertThat(withOutcome.statusCode()).as(withOutcome.body()).isEqualTo(200);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, withOutcome.body());
		String idAndVersion = withOutcome.headers().firstValue("Location").orElseThrow().replaceAll(".*/(Library/)", "$1");
		assertThat(idAndVersion).endsWith("/_history/2");
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("Article updated: " + idAndVersion + ", stored as ");
	}

	@Test
	void anArticleNearTheSizeLimitIsStoredWholeAndFoundBySearch() {
		String topic = "lengthy tendinopathy " + TestResources.unique();
		String claim = "Eccentric loading was studied in tendon cohorts with pain scores recorded weekly (é, ü, →). ";
		String longClaim = claim.repeat(8_000).trim();
		String text = Articles.pageText(topic, "Tendon loading trial " + TestResources.unique())
				.replace("Early treatment reduced complications in 65% of patients 2", longClaim + " 2");
		assertThat(text.getBytes(StandardCharsets.UTF_8).length).isBetween(700_000, 1_000_000);

		HttpResponse<String> response = importText(text, "text/plain");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Library library = parse(response);
		assertThat(readAsJson(library).length()).isGreaterThan(1_000_000);

		Evidence stored = related(library, RelatedArtifactType.COMPOSEDOF).stream()
				.map(this::evidence)
				.filter(e -> e.getDescription().length() > 100_000)
				.findFirst()
				.orElseThrow();
		assertThat(stored.getDescription()).isEqualTo(longClaim);

		Bundle found = client().search().byUrl("Library?_id=" + library.getIdPart()
						+ "&_include=Library:composed-of").returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Library", "Evidence");
		assertThat(found.getEntry()).map(e -> e.getResource())
				.filteredOn(r -> r instanceof Evidence e && e.getDescription().equals(longClaim))
				.hasSize(1);
	}

	private String readAsJson(Library library) {
		HttpResponse<String> read = Http.get(baseUrl() + "/Library/" + library.getIdPart(), "application/fhir+json");
		assertThat(read.statusCode()).isEqualTo(200);
		return read.body();
	}

	@Test
	void twoArticlesCitingTheSameWorkShareOneCitation() {
		String shared = "Shared cohort study " + TestResources.unique();
		Library a = parse(importText(Articles.pageText("sharing eczema " + TestResources.unique(), shared), "text/plain"));
		Library b = parse(importText(Articles.pageText("sharing psoriasis " + TestResources.unique(), shared), "text/plain"));

		assertThat(citationsTitled(shared)).hasSize(1);
		assertThat(related(a, RelatedArtifactType.CITATION).get(1).getResource())
				.isEqualTo(related(b, RelatedArtifactType.CITATION).get(1).getResource());
	}

	@Test
	void aWorkCitedAgainIsRewrittenOnlyWhenItsDetailsChange() {
		String pmid = String.valueOf(Math.abs(TestResources.unique().hashCode()));
		String title = "Shared guideline " + TestResources.unique();
		parse(importText(Articles.markdownCitingPmid("gout-" + TestResources.unique(), pmid, title), "text/markdown"));
		parse(importText(Articles.markdownCitingPmid("lupus-" + TestResources.unique(), pmid, title), "text/markdown"));

		Citation same = client().read().resource(Citation.class).withId("pmid-" + pmid).execute();
		assertThat(same.getIdElement().getVersionIdPart()).isEqualTo("1");
		assertThat(same.getTitle()).startsWith(title).doesNotContain("revised");

		parse(importText(Articles.markdownCitingPmid("sarcoidosis-" + TestResources.unique(), pmid, title + ", revised"),
				"text/markdown"));

		Citation revised = client().read().resource(Citation.class).withId("pmid-" + pmid).execute();
		assertThat(revised.getIdElement().getVersionIdPart()).isEqualTo("2");
		assertThat(revised.getTitle()).startsWith(title + ", revised");
	}

	@Test
	void oneSearchBringsAnArticleWithItsClaimsWorksAndProvenanceAndCitesFindsItsReaders() {
		String shared = "Included trial " + TestResources.unique();
		Library a = parse(importText(Articles.pageText("including rosacea " + TestResources.unique(), shared), "text/plain"));
		Library b = parse(importText(Articles.pageText("including acne " + TestResources.unique(), shared), "text/plain"));

		Bundle whole = client().search()
				.forResource(Library.class)
				.where(Library.URL.matches().value(a.getUrl()))
				.include(Library.INCLUDE_COMPOSED_OF)
				.include(new ca.uhn.fhir.model.api.Include("Library:cites"))
				.revInclude(Provenance.INCLUDE_TARGET)
				.returnBundle(Bundle.class)
				.execute();
		List<String> ids = whole.getEntry().stream()
				.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
				.toList();
		List<String> expected = new java.util.ArrayList<>(related(a, RelatedArtifactType.COMPOSEDOF).stream()
				.map(r -> r.getResourceReference().getReference())
				.toList());
		related(a, RelatedArtifactType.CITATION).forEach(r -> expected.add(r.getResourceReference().getReference()));
		expected.add("Library/" + a.getIdPart());
		assertThat(ids).containsAll(expected);
		assertThat(ids).anyMatch(id -> id.startsWith("Provenance/"));

		String sharedCitation = related(a, RelatedArtifactType.CITATION).get(1).getResourceReference().getReference();
		Bundle citing = client().search()
				.forResource(Library.class)
				.where(new ReferenceClientParam("cites").hasId(sharedCitation))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(citing.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactlyInAnyOrder(a.getIdPart(), b.getIdPart());
	}

	@Test
	void concurrentImportsOfArticlesSharingAWorkCreateOneCitation() {
		String shared = "Concurrent registry analysis " + TestResources.unique();
		List<CompletableFuture<HttpResponse<String>>> imports = List.of(
				CompletableFuture.supplyAsync(() -> importText(Articles.pageText("parallel acne " + TestResources.unique(), shared), "text/plain")),
				CompletableFuture.supplyAsync(() -> importText(Articles.pageText("parallel rosacea " + TestResources.unique(), shared), "text/plain")),
				CompletableFuture.supplyAsync(() -> importText(Articles.pageText("parallel vitiligo " + TestResources.unique(), shared), "text/plain")));

		assertThat(imports).allSatisfy(f -> assertThat(f.join().statusCode()).as(f.join().body()).isEqualTo(200));
		assertThat(citationsTitled(shared)).hasSize(1);
	}

	@Test
	void parametersResourceAndMarkdownBodiesAreAccepted() {
		String topic = "parameters " + TestResources.unique();
		String text = Articles.pageText(topic, "Parameters work " + TestResources.unique());
		String parameters = """
				{"resourceType":"Parameters","parameter":[{"name":"text","valueString":%s},{"name":"format","valueString":"page-text"}]}
				""".formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString());
		Library fromParameters = parse(importText(parameters, "application/fhir+json"));
		assertThat(fromParameters.getTitle()).isEqualTo("How is " + topic + " managed in adults?");

		String markdown = Articles.read(Articles.EXAMPLES.resolve("vitamin-b12-deficiency.md"));
		Library fromMarkdown = parse(importText(markdown, "text/markdown"));
		assertThat(fromMarkdown.getIdPart()).isEqualTo("vitamin-b12-deficiency");
		assertThat(fromMarkdown.getTopic()).extracting(t -> t.getCodingFirstRep().getSystem())
				.contains("http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10-cm");
	}

	private HttpResponse<String> importPreferring(String text, String prefer) {
		return Http.send(Articles.importRequest(text, "text/plain", baseUrl()).header("Prefer", prefer));
	}

	private HttpResponse<String> importText(String text, String contentType) {
		return Articles.importText(text, contentType, baseUrl());
	}

	private static Library parse(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Library.class, response.body());
	}

	private Evidence evidence(RelatedArtifact claim) {
		return client().read().resource(Evidence.class)
				.withId(claim.getResourceReference().getReferenceElement().getIdPart()).execute();
	}

	private List<Bundle.BundleEntryComponent> citationsTitled(String title) {
		IGenericClient client = client();
		return client.search().forResource(Citation.class)
				.where(Citation.TITLE.matchesExactly().value(title))
				.returnBundle(Bundle.class).execute().getEntry();
	}

	private int provenanceCount(String libraryId) {
		return client().search().forResource(Provenance.class)
				.where(new ReferenceClientParam("target").hasId("Library/" + libraryId))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}

	static List<RelatedArtifact> related(Library library, RelatedArtifactType type) {
		return library.getRelatedArtifact().stream().filter(r -> r.getType() == type).toList();
	}
}
