package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Bundle.BundleType;
import org.hl7.fhir.r5.model.Bundle.HTTPVerb;
import org.hl7.fhir.r5.model.CapabilityStatement;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Provenance;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.ResourceType;
import org.junit.jupiter.api.Test;

class FhirRestTest extends CairnServerTest {

	@Test
	void capabilityStatementIsR5AndListsTheKnowledgeTypes() {
		CapabilityStatement capabilities = client().capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("5.0.0");
		List<String> types = capabilities.getRestFirstRep().getResource().stream()
				.map(r -> r.getType())
				.toList();
		assertThat(types).contains("Library", "Evidence", "Citation", "Provenance", "ArtifactAssessment");
		assertThat(types).doesNotContain("Patient", "Observation");
	}

	@Test
	void createReadUpdateVreadHistoryDelete() {
		IGenericClient client = client();
		String title = "Hypertension in pregnancy " + TestResources.unique();
		MethodOutcome created = client.create().resource(TestResources.library(title)).execute();
		assertThat(created.getCreated()).isTrue();
		String id = created.getId().getIdPart();

		Library read = client.read().resource(Library.class).withId(id).execute();
		assertThat(read.getTitle()).isEqualTo(title);
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");

		read.setDescription("Labetalol and nifedipine are first-line.");
		MethodOutcome updated = client.update().resource(read).execute();
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

		Library version1 = client.read().resource(Library.class).withIdAndVersion(id, "1").execute();
		assertThat(version1.hasDescription()).isFalse();

		Bundle history = client.history().onInstance("Library/" + id).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);

		client.delete().resourceById("Library", id).execute();
		Bundle afterDelete = client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value(title))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(afterDelete.getEntry()).isEmpty();
	}

	@Test
	void transactionStoresAllEntriesWithResolvedReferences() {
		String claim = "Aspirin lowers recurrent stroke risk " + TestResources.unique();
		Evidence evidence = TestResources.evidence(claim);
		Library library = TestResources.library("Secondary stroke prevention");
		library.addRelatedArtifact()
				.setType(RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
				.setResourceReference(new Reference("urn:uuid:3f1c2b9e-7f4a-4c1e-9d6b-2a8e5c0d1f20"));

		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		transaction.addEntry()
				.setFullUrl("urn:uuid:3f1c2b9e-7f4a-4c1e-9d6b-2a8e5c0d1f20")
				.setResource(evidence)
				.getRequest()
				.setMethod(HTTPVerb.POST)
				.setUrl("Evidence");
		transaction.addEntry()
				.setFullUrl("urn:uuid:0b7d8e21-5c3a-4f6e-8a9b-1c2d3e4f5a6b")
				.setResource(library)
				.getRequest()
				.setMethod(HTTPVerb.POST)
				.setUrl("Library");

		Bundle response = client().transaction().withBundle(transaction).execute();
		assertThat(response.getEntry()).hasSize(2);
		assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));

		String libraryId = response.getEntry().get(1).getResponse().getLocation();
		Library stored = client().read().resource(Library.class).withUrl(libraryId).execute();
		String evidenceRef = stored.getRelatedArtifactFirstRep().getResourceReference().getReference();
		assertThat(evidenceRef).startsWith("Evidence/");
		Evidence storedEvidence = client().read().resource(Evidence.class).withUrl(evidenceRef).execute();
		assertThat(storedEvidence.getDescription()).isEqualTo(claim);
	}

	@Test
	void transactionNamingSeveralStoredResourcesByIdUpdatesEachOfThem() {
		String word = TestResources.unique();
		Bundle create = new Bundle().setType(BundleType.TRANSACTION);
		for (int i = 0; i < 3; i++) {
			Evidence evidence = TestResources.evidence("Claim " + i + " " + word);
			evidence.setId("claim-" + i + "-" + word);
			create.addEntry().setFullUrl(baseUrl() + "/Evidence/claim-" + i + "-" + word).setResource(evidence).getRequest()
					.setMethod(HTTPVerb.PUT).setUrl("Evidence/claim-" + i + "-" + word);
		}
		client().transaction().withBundle(create).execute();

		Bundle update = new Bundle().setType(BundleType.TRANSACTION);
		Library library = TestResources.library("Claims by id " + word);
		library.setId("claims-" + word);
		for (int i = 0; i < 3; i++) {
			Evidence evidence = TestResources.evidence("Claim " + i + " reviewed " + word);
			evidence.setId("claim-" + i + "-" + word);
			update.addEntry().setFullUrl(baseUrl() + "/Evidence/claim-" + i + "-" + word).setResource(evidence).getRequest()
					.setMethod(HTTPVerb.PUT).setUrl("Evidence/claim-" + i + "-" + word);
			library.addRelatedArtifact()
					.setType(RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
					.setResourceReference(new Reference("Evidence/claim-" + i + "-" + word));
		}
		update.addEntry().setFullUrl(baseUrl() + "/Library/claims-" + word).setResource(library).getRequest()
				.setMethod(HTTPVerb.PUT).setUrl("Library/claims-" + word);
		Bundle response = client().transaction().withBundle(update).execute();

		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
				.containsExactly("200 OK", "200 OK", "200 OK", "201 Created");
		for (int i = 0; i < 3; i++) {
			Evidence stored = client().read().resource(Evidence.class).withId("claim-" + i + "-" + word).execute();
			assertThat(stored.getDescription()).isEqualTo("Claim " + i + " reviewed " + word);
			assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
		}
		Bundle composed = client().search().forResource(Library.class)
				.where(new ca.uhn.fhir.rest.gclient.TokenClientParam("_id").exactly().code("claims-" + word))
				.include(Library.INCLUDE_COMPOSED_OF)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(composed.getEntry()).hasSize(4);
	}

	@Test
	void conditionalCreateAndUpdateMatchOnIdentifier() {
		IGenericClient client = client();
		String value = "pmid-" + TestResources.unique();
		Library library = TestResources.library("Conditional article");
		library.addIdentifier(new Identifier().setSystem("urn:test:articles").setValue(value));
		String match = "Library?identifier=urn:test:articles|" + value;

		MethodOutcome first = client.create().resource(library).conditionalByUrl(match).execute();
		MethodOutcome second = client.create().resource(library).conditionalByUrl(match).execute();
		assertThat(first.getCreated()).isTrue();
		assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
		assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());

		library.setTitle("Conditional article, revised");
		MethodOutcome updated = client.update().resource(library).conditionalByUrl(match).execute();
		assertThat(updated.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
	}

	@Test
	void includeAndRevincludeFollowReferencesBothWays() {
		IGenericClient client = client();
		String tag = TestResources.unique();
		Evidence evidence = TestResources.evidence("Claim " + tag);
		evidence.setUrl("http://cairn.dev/fhir/Evidence/include-" + tag);
		client.create().resource(evidence).execute();
		Library library = TestResources.library("Include test " + tag);
		// the part named by canonical only, as other authoring tools do: Cairn links the stored Evidence
		library.addRelatedArtifact()
				.setType(RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
				.setResource(evidence.getUrl());
		String libraryId = client.create().resource(library).execute().getId().getIdPart();
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference("Library/" + libraryId));
		provenance.addAgent().setWho(new Reference().setDisplay("Editor " + tag));
		client.create().resource(provenance).execute();

		Bundle withIncludes = client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value("Include test " + tag))
				.include(Library.INCLUDE_COMPOSED_OF)
				.revInclude(Provenance.INCLUDE_TARGET)
				.returnBundle(Bundle.class)
				.execute();

		List<ResourceType> types = withIncludes.getEntry().stream()
				.map(e -> e.getResource().getResourceType())
				.toList();
		assertThat(types).containsExactlyInAnyOrder(ResourceType.Library, ResourceType.Evidence, ResourceType.Provenance);
	}

	@Test
	void searchResultsArePaged() {
		IGenericClient client = client();
		String tag = "Paging" + TestResources.unique();
		for (int i = 0; i < 5; i++) {
			client.create().resource(TestResources.library(tag + " part " + i)).execute();
		}
		Bundle page1 = client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matches().value(tag))
				.count(2)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(page1.getEntry()).hasSize(2);
		// a plain search URL: it pages the same way after a restart, nothing kept on the server
		assertThat(page1.getLink(Bundle.LINK_NEXT).getUrl()).contains("Library?").contains("_offset=2");

		Bundle page2 = client.loadPage().next(page1).execute();
		Bundle page3 = client.loadPage().next(page2).execute();
		assertThat(page2.getEntry()).hasSize(2);
		assertThat(page3.getEntry()).hasSize(1);
		assertThat(page3.getLink(Bundle.LINK_NEXT)).isNull();
		List<String> seen = java.util.stream.Stream.of(page1, page2, page3)
				.flatMap(page -> page.getEntry().stream())
				.map(e -> e.getResource().getIdElement().getIdPart())
				.toList();
		assertThat(seen).doesNotHaveDuplicates().hasSize(5);
	}

	@Test
	void aSearchWithoutCountAnswersTheDefaultPageSize() {
		IGenericClient client = client();
		String tag = "Default page " + TestResources.unique();
		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		for (int i = 0; i < 23; i++) {
			transaction.addEntry()
					.setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
					.setResource(TestResources.library(tag + " " + i))
					.getRequest().setMethod(HTTPVerb.POST).setUrl("Library");
		}
		client.transaction().withBundle(transaction).execute();

		Bundle first = client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matches().value(tag))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(first.getEntry()).hasSize(20);
		Bundle rest = client.loadPage().next(first).execute();
		assertThat(rest.getEntry()).hasSize(3);
		assertThat(rest.getTotal()).isEqualTo(23);
	}

	@Test
	void summaryAndElementsTrimTheResource() {
		IGenericClient client = client();
		String tag = TestResources.unique();
		Library library = TestResources.library("Trim test " + tag);
		library.setDescription("A long description that a summary leaves out.");
		library.setPurpose("Purpose " + tag);
		client.create().resource(library).execute();

		Library elements = (Library) client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value("Trim test " + tag))
				.elementsSubset("title")
				.returnBundle(Bundle.class)
				.execute()
				.getEntryFirstRep()
				.getResource();
		assertThat(elements.getTitle()).isEqualTo("Trim test " + tag);
		assertThat(elements.hasPurpose()).isFalse();
		assertThat(elements.hasDescription()).isFalse();

		Bundle count = client.search()
				.forResource(Library.class)
				.where(Library.TITLE.matchesExactly().value("Trim test " + tag))
				.summaryMode(SummaryEnum.COUNT)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(count.getTotal()).isEqualTo(1);
		assertThat(count.getEntry()).isEmpty();
	}

	@Test
	void speaksJsonAndXml() {
		String id = client().create().resource(TestResources.library("Encodings")).execute().getId().getIdPart();
		for (EncodingEnum encoding : List.of(EncodingEnum.JSON, EncodingEnum.XML)) {
			IGenericClient client = client();
			client.setEncoding(encoding);
			Library library = client.read().resource(Library.class).withId(id).execute();
			assertThat(library.getTitle()).isEqualTo("Encodings");
			assertThat(library.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
		}
	}
}
