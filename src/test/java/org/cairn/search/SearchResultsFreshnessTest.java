package org.cairn.search;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Meta;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;
import org.junit.jupiter.api.Test;

/**
 * Search pages are built from parsed versions and written from encoded JSON kept in memory (the
 * searches here ask for JSON, which takes that path); what a reader gets must still be exactly
 * what is stored now: the current version, its current tags, the current version of each
 * included resource.
 */
class SearchResultsFreshnessTest extends CairnServerTest {

	@Test
	void repeatedSearchAnswersTheSameAndAnUpdateShowsAtOnce() {
		String title = "Freshness " + TestResources.unique();
		Library library = TestResources.library(title);
		library.setDescription("First wording.");
		IIdType id = client().create().resource(library).execute().getId().toUnqualifiedVersionless();

		Library first = onlyLibrary(searchByTitle(title));
		Library again = onlyLibrary(searchByTitle(title));
		assertThat(FHIR.newJsonParser().encodeResourceToString(again))
				.isEqualTo(FHIR.newJsonParser().encodeResourceToString(first));
		assertThat(again.getMeta().getVersionId()).isEqualTo("1");
		assertThat(again.getDescription()).isEqualTo("First wording.");

		library.setId(id);
		library.setDescription("Second wording.");
		client().update().resource(library).execute();

		Library updated = onlyLibrary(searchByTitle(title));
		assertThat(updated.getMeta().getVersionId()).isEqualTo("2");
		assertThat(updated.getDescription()).isEqualTo("Second wording.");
	}

	@Test
	void tagsAddedAndRemovedWithoutANewVersionShowInSearches() {
		String title = "Tagged " + TestResources.unique();
		IIdType id = client().create()
				.resource(TestResources.library(title))
				.execute()
				.getId()
				.toUnqualifiedVersionless();
		assertThat(onlyLibrary(searchByTitle(title)).getMeta().getTag()).isEmpty();

		Meta tag = new Meta();
		tag.addTag(new Coding("http://example.org/editorial", "featured", "Featured"));
		client().meta().add().onResource(id).meta(tag).execute();
		Library tagged = onlyLibrary(searchByTitle(title));
		assertThat(tagged.getMeta().getTag()).extracting(Coding::getCode).containsExactly("featured");
		assertThat(tagged.getMeta().getVersionId()).isEqualTo("1");

		client().meta().delete().onResource(id).meta(tag).execute();
		assertThat(onlyLibrary(searchByTitle(title)).getMeta().getTag()).isEmpty();
	}

	@Test
	void includedResourcesAreTheirCurrentVersion() {
		String word = "inc" + TestResources.unique();
		Evidence evidence = TestResources.evidence("Claim before review " + word);
		IIdType evidenceId =
				client().create().resource(evidence).execute().getId().toUnqualifiedVersionless();
		String title = "Including " + word;
		Library library = TestResources.library(title);
		library.addRelatedArtifact()
				.setType(RelatedArtifactType.COMPOSEDOF)
				.setResourceReference(new Reference(evidenceId.getValue()));
		client().create().resource(library).execute();

		assertThat(includedEvidence(title).getDescription()).isEqualTo("Claim before review " + word);

		evidence.setId(evidenceId);
		evidence.setDescription("Claim after review " + word);
		client().update().resource(evidence).execute();

		Evidence included = includedEvidence(title);
		assertThat(included.getDescription()).isEqualTo("Claim after review " + word);
		assertThat(included.getMeta().getVersionId()).isEqualTo("2");
	}

	/**
	 * A page's versions and their tags are loaded with one query parameter per resource, the
	 * lists padded to a few lengths: every length of page still holds each resource once, in its
	 * current version, with its own tags.
	 */
	@Test
	void pagesOfEveryLengthHoldEachResourceInItsCurrentVersionWithItsOwnTags() {
		String title = "Page lengths " + TestResources.unique();
		int count = 23;
		Map<String, String> tagById = new HashMap<>();
		Map<String, String> versionById = new HashMap<>();
		for (int i = 0; i < count; i++) {
			Library library = TestResources.library(title);
			library.getMeta().addTag("http://example.org/editorial", "shelf-" + i, null);
			IIdType id = client().create().resource(library).execute().getId().toUnqualifiedVersionless();
			if (i % 3 == 0) {
				library.setId(id);
				library.setDescription("Revised " + i);
				client().update().resource(library).execute();
			}
			tagById.put(id.getIdPart(), "shelf-" + i);
			versionById.put(id.getIdPart(), i % 3 == 0 ? "2" : "1");
		}

		for (int pageSize : new int[] {1, 10, 11, 23}) {
			Map<String, Library> seen = new HashMap<>();
			Bundle page = jsonClient().search()
					.forResource(Library.class)
					.where(Library.TITLE.matchesExactly().value(title))
					.count(pageSize)
					.returnBundle(Bundle.class)
					.execute();
			int pages = 0;
			while (page != null && pages++ < count) {
				assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(pageSize);
				for (Bundle.BundleEntryComponent entry : page.getEntry()) {
					Library library = (Library) entry.getResource();
					assertThat(seen.put(library.getIdElement().getIdPart(), library)).as("seen once").isNull();
				}
				page = page.getLink(Bundle.LINK_NEXT) == null
						? null
						: jsonClient().loadPage().next(page).execute();
			}
			assertThat(seen.keySet()).as("page size %d", pageSize).isEqualTo(tagById.keySet());
			seen.forEach((id, library) -> {
				assertThat(library.getMeta().getVersionId()).isEqualTo(versionById.get(id));
				assertThat(library.getMeta().getTag()).extracting(Coding::getCode).containsExactly(tagById.get(id));
			});
		}
	}

	private Bundle searchByTitle(String title) {
		return jsonClient().search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value(title))
				.returnBundle(Bundle.class)
				.execute();
	}

	private Evidence includedEvidence(String title) {
		Bundle page = jsonClient().search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value(title))
				.include(Library.INCLUDE_COMPOSED_OF)
				.returnBundle(Bundle.class)
				.execute();
		List<Evidence> included = page.getEntry().stream()
				.filter(entry -> entry.getSearch().getMode() == SearchEntryMode.INCLUDE)
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(Evidence.class::isInstance)
				.map(Evidence.class::cast)
				.toList();
		assertThat(included).hasSize(1);
		return included.get(0);
	}

	private IGenericClient jsonClient() {
		IGenericClient client = client();
		client.setEncoding(EncodingEnum.JSON);
		return client;
	}

	private static Library onlyLibrary(Bundle page) {
		assertThat(page.getEntry()).hasSize(1);
		return (Library) page.getEntry().get(0).getResource();
	}
}
