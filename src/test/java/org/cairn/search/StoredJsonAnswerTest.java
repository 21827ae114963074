package org.cairn.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.cairn.bench.CorpusGenerator;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A resource in a search page is, byte for byte, what reading it returns, whether the page is the
 * first to hold it (its JSON then made from what is stored, or parsed and encoded where what is
 * stored differs from what the answer holds) or a later one (its JSON kept).
 */
class StoredJsonAnswerTest extends CairnServerTest {

	private static final String JSON = "application/fhir+json";
	private static final String BATCH_EXTENSION = "http://example.org/fhir/StructureDefinition/batch";
	private static final String WITH_PARTS =
			"&_include=Library:composed-of&_include=Library:cites&_revinclude=Provenance:target";

	@Test
	void everyResourceOfAnArticleIsInItsSearchPagesAsItIsRead() {
		Set<String> types = new TreeSet<>();
		int resources = 0;
		CorpusGenerator corpus = new CorpusGenerator(71, 4);
		for (int i = 0; i < corpus.articleCount(); i++) {
			String libraryId = importArticle(corpus.text(i), corpus.isMarkdown(i) ? "text/markdown" : "text/plain");
			resources += assertEntriesAsRead("Library?_id=" + libraryId + WITH_PARTS, types);
		}
		resources += assertEntriesAsRead(
				"Library?_id=" + importArticle(Articles.reference(), "text/plain") + WITH_PARTS, types);
		assertThat(types).containsExactly("Citation", "Evidence", "Library", "Provenance");
		assertThat(resources).isGreaterThan(60);
	}

	@Test
	void aReferenceStoredAbsoluteOnTheBaseOfTheAnswerIsInSearchPagesAsItIsRead() {
		String word = TestResources.unique();
		String claimId = client().create()
				.resource(TestResources.evidence("Stored form check " + word))
				.execute()
				.getId()
				.getIdPart();
		Evidence condition = TestResources.evidence("A contained condition " + word);
		condition.setId("condition");
		Library library = TestResources.library("Stored form " + word);
		library.addContained(condition);
		library.addRelatedArtifact()
				.setType(RelatedArtifactType.DEPENDSON)
				.setResourceReference(new Reference("#condition"));
		// Absolute on the base the server is reached by below: stored as written, answered relative.
		library.addRelatedArtifact()
				.setType(RelatedArtifactType.COMPOSEDOF)
				.setResourceReference(new Reference(otherBase() + "/Evidence/" + claimId));
		client().create().resource(library).execute();

		Set<String> types = new TreeSet<>();
		String query = "Library?title=Stored%20form%20" + word;
		assertThat(assertEntriesAsRead(otherBase(), query, types)).isEqualTo(1);
		assertThat(assertEntriesAsRead(baseUrl(), query, types)).isEqualTo(1);
		assertThat(types).containsExactly("Library");
		assertThat(Http.get(otherBase() + "/" + query, JSON).body())
				.contains("{\"reference\":\"Evidence/" + claimId + "\"}");
	}

	@Test
	void aMetaExtensionIsInSearchPagesAsItIsRead() {
		String word = TestResources.unique();
		Library library = TestResources.library("Meta extension " + word);
		// Stored in the resource's JSON; the rest of its meta is stored in HAPI's tables.
		library.getMeta().addExtension(BATCH_EXTENSION, new StringType(word));
		client().create().resource(library).execute();

		Set<String> types = new TreeSet<>();
		String query = "Library?title=Meta%20extension%20" + word;
		assertThat(assertEntriesAsRead(query, types)).isEqualTo(1);
		Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, Http.get(baseUrl() + "/" + query, JSON).body());
		assertThat(page.getEntryFirstRep().getResource().getMeta().getExtensionByUrl(BATCH_EXTENSION))
				.extracting(extension -> extension.getValue().primitiveValue())
				.isEqualTo(word);
	}

	/** This server under another name than {@link #baseUrl()}. */
	private String otherBase() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	private int assertEntriesAsRead(String query, Set<String> types) {
		return assertEntriesAsRead(baseUrl(), query, types);
	}

	/**
	 * Each resource of the page, served the first time and again, is what reading it returns;
	 * returns how many the page held.
	 */
	private int assertEntriesAsRead(String base, String query, Set<String> types) {
		HttpResponse<String> first = Http.get(base + "/" + query, JSON);
		HttpResponse<String> again = Http.get(base + "/" + query, JSON);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, first.body());
		assertThat(page.getEntry()).isNotEmpty();
		for (Bundle.BundleEntryComponent entry : page.getEntry()) {
			Resource resource = entry.getResource();
			HttpResponse<String> read =
					Http.get(base + "/" + resource.fhirType() + "/" + resource.getIdPart(), JSON);
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(first.body()).as(query).contains(read.body());
			assertThat(again.body()).as(query).contains(read.body());
			types.add(resource.fhirType());
		}
		return page.getEntry().size();
	}

	private String importArticle(String text, String contentType) {
		HttpResponse<String> response = Articles.importText(text, contentType, baseUrl());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Library.class, response.body()).getIdPart();
	}
}
