package org.cairn.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.StringClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Narrative;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;

/** {@code _content}, {@code _text} and {@code :text} work out of the box on the knowledge types. */
class FullTextSearchTest extends CairnServerTest {

	private static final StringClientParam CONTENT = new StringClientParam("_content");
	private static final StringClientParam TEXT = new StringClientParam("_text");

	@Test
	void contentFindsWordsInMarkdownDescriptionsOfLibraryAndEvidence() {
		String word = "zq" + TestResources.unique().replaceAll("\\d", "x");
		Library library = TestResources.library("Anticoagulation in atrial fibrillation");
		library.setDescription("Apixaban is preferred over " + word + " for most patients.");
		String libraryId = client().create().resource(library).execute().getId().getIdPart();
		String evidenceId = client().create()
				.resource(TestResources.evidence("Warfarin needs " + word + " monitoring of INR."))
				.execute()
				.getId()
				.getIdPart();

		assertThat(ids(search(Library.class, CONTENT.matches().value(word)))).containsExactly(libraryId);
		assertThat(ids(search(Evidence.class, CONTENT.matches().value(word)))).containsExactly(evidenceId);
	}

	@Test
	void contentFindsCitationTitles() {
		String word = "kw" + TestResources.unique().replaceAll("\\d", "y");
		Citation citation = new Citation();
		citation.setStatus(PublicationStatus.ACTIVE);
		citation.getCitedArtifact().addTitle().setText("Outcomes of " + word + " therapy in adults");
		String id = client().create().resource(citation).execute().getId().getIdPart();

		assertThat(ids(search(Citation.class, CONTENT.matches().value(word)))).containsExactly(id);
	}

	@Test
	void textSearchesTheNarrative() {
		String word = "nv" + TestResources.unique().replaceAll("\\d", "w");
		Library library = TestResources.library("Narrative search");
		library.getText()
				.setStatus(Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Summary about " + word + "</p></div>");
		String id = client().create().resource(library).execute().getId().getIdPart();
		String withoutNarrative = client().create()
				.resource(TestResources.library("Plain " + word))
				.execute()
				.getId()
				.getIdPart();

		List<String> found = ids(search(Library.class, TEXT.matches().value(word)));
		assertThat(found).containsExactly(id).doesNotContain(withoutNarrative);
	}

	@Test
	void contentAlsoSearchesTheNarrative() {
		String word = "nc" + TestResources.unique().replaceAll("\\d", "u");
		Library library = TestResources.library("Narrative content");
		library.getText()
				.setStatus(Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul><li>A claim about " + word + "</li></ul></div>");
		String id = client().create().resource(library).execute().getId().getIdPart();

		assertThat(ids(search(Library.class, CONTENT.matches().value(word)))).containsExactly(id);
	}

	@Test
	void textModifierOnTokensMatchesCodingDisplays() {
		String word = "dx" + TestResources.unique().replaceAll("\\d", "v");
		Library library = TestResources.library("Topic search");
		library.addTopic().addCoding().setSystem("http://snomed.info/sct").setCode("37796009").setDisplay(word + " migraine");
		String id = client().create().resource(library).execute().getId().getIdPart();

		Bundle found = client().search()
				.byUrl("Library?topic:text=" + word)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(ids(found)).containsExactly(id);
	}

	@Test
	void aFullTextSearchPagesThroughEveryMatch() {
		String word = "pg" + TestResources.unique().replaceAll("\\d", "t");
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Set<String> written = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			Library library = TestResources.library("Paged " + word + " " + i);
			library.setId(word + "-" + i);
			written.add(library.getIdElement().getIdPart());
			transaction.addEntry()
					.setResource(library)
					.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Library/" + library.getIdElement().getIdPart());
		}
		client().transaction().withBundle(transaction).execute();

		Bundle page = client().search()
				.forResource(Library.class)
				.where(CONTENT.matches().value(word))
				.count(4)
				.returnBundle(Bundle.class)
				.execute();
		List<String> seen = new ArrayList<>(ids(page));
		int pages = 1;
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			// HAPI keeps the search's matches and serves later pages from them by the search's id
			assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).contains("_getpages=");
			page = client().loadPage().next(page).execute();
			seen.addAll(ids(page));
			pages++;
		}
		assertThat(pages).isEqualTo(8);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
		assertThat(page.getTotal()).isEqualTo(30);
	}

	@Test
	void aPageOfAnUnknownSearchIsGone() {
		assertThatThrownBy(() -> client().search()
						.byUrl(client().getServerBase() + "?_getpages=" + UUID.randomUUID() + "&_getpagesoffset=4&_count=4")
						.returnBundle(Bundle.class)
						.execute())
				.isInstanceOf(ResourceGoneException.class)
				.hasMessageContaining("does not exist and may have expired");
	}

	private Bundle search(Class<? extends Resource> type, ca.uhn.fhir.rest.gclient.ICriterion<?> criterion) {
		IGenericClient client = client();
		return client.search().forResource(type).where(criterion).returnBundle(Bundle.class).execute();
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream()
				.map(e -> e.getResource().getIdElement().getIdPart())
				.toList();
	}
}
