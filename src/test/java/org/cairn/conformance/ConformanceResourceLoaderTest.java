package org.cairn.conformance;

import static ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils.JOB_REINDEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.io.IOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.NamingSystem;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

class ConformanceResourceLoaderTest extends CairnServerTest {

	@Autowired
	ConformanceResourceLoader loader;

	@Autowired
	IJobCoordinator jobCoordinator;

	@Autowired
	IJobMaintenanceService jobMaintenance;

	@Test
	void cairnsOwnResourcesAreLoadedAtStartUp() {
		SearchParameter reviewStatus =
				client().read().resource(SearchParameter.class).withId("library-review-status").execute();
		assertThat(reviewStatus.getCode()).isEqualTo("review-status");
		CodeSystem source = client().read().resource(CodeSystem.class).withId("cairn-evidence-source").execute();
		assertThat(source.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsExactly("guideline", "research");
	}

	@Test
	void loadedSearchParameterIsUsable() {
		Library library = TestResources.library("Review status " + TestResources.unique());
		library.addExtension(new Extension(
				"http://cairn.dev/fhir/StructureDefinition/review-status",
				new CodeableConcept(new Coding("http://hl7.org/fhir/cited-artifact-status-type", "under-review", null))));
		String id = client().create().resource(library).execute().getId().getIdPart();

		Bundle underReview = client().search()
				.forResource(Library.class)
				.where(new TokenClientParam("review-status").exactly().code("under-review"))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(underReview.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
	}

	@Test
	void cairnsArticleProfileIsEnforced() {
		String body = """
				{"resourceType":"Library","meta":{"profile":["http://cairn.dev/fhir/StructureDefinition/cairn-article"]},
				 "status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/library-type","code":"asset-collection"}]}}
				""";

		HttpResponse<String> response = Http.sendFhir("POST", baseUrl() + "/Library", body);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body())
				.contains("Library.title: minimum required = 1")
				.contains("http://cairn.dev/fhir/StructureDefinition/review-status");
	}

	@Test
	void loadingTwiceChangesNothingAndAnEditMakesANewVersion(@TempDir Path dir) throws IOException {
		String id = "test-cs-" + TestResources.unique();
		Path file = dir.resolve("CodeSystem-" + id + ".json");
		Files.writeString(file, codeSystem(id, "First title"));

		assertThat(loader.load(dir)).isEqualTo(new ConformanceLoadReport(1, 0, 0));
		assertThat(loader.load(dir)).isEqualTo(new ConformanceLoadReport(0, 0, 1));
		assertThat(versionOf(id)).isEqualTo("1");

		Files.writeString(file, codeSystem(id, "Edited title"));
		assertThat(loader.load(dir)).isEqualTo(new ConformanceLoadReport(0, 1, 0));
		CodeSystem stored = client().read().resource(CodeSystem.class).withId(id).execute();
		assertThat(stored.getTitle()).isEqualTo("Edited title");
		assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void malformedFileIsNamedAndNothingOfTheFolderIsStored(@TempDir Path dir) throws IOException {
		String goodId = "test-cs-" + TestResources.unique();
		Files.writeString(dir.resolve("a-good.json"), codeSystem(goodId, "Good"));
		Path bad = dir.resolve("b-broken.json");
		Files.writeString(bad, "{\"resourceType\":\"CodeSystem\",\"id\":\"x\",\"status\":");

		assertThatThrownBy(() -> loader.load(dir))
				.isInstanceOf(MalformedConformanceResourceException.class)
				.hasMessageContaining(bad.toString());
		Bundle found = client().search()
				.forResource(CodeSystem.class)
				.where(CodeSystem.URL.matches().value("http://test.invalid/" + goodId))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(found.getEntry()).isEmpty();
	}

	@Test
	void aSearchParameterForATypeWithNothingStoredIsSearchableAtOnceAndReindexesNothing(@TempDir Path dir)
			throws IOException {
		assertThat(count("NamingSystem"))
				.as("this test needs a resource type no other test stores")
				.isZero();
		String code = "test-ns-title-" + TestResources.unique();
		Files.writeString(dir.resolve("SearchParameter-" + code + ".json"), searchParameter(code, "NamingSystem"));
		List<String> jobsBefore = reindexJobIds();

		assertThat(loader.load(dir)).isEqualTo(new ConformanceLoadReport(1, 0, 0));

		assertThat(reindexJobIds()).isEqualTo(jobsBefore);
		NamingSystem namingSystem = new NamingSystem();
		namingSystem.setName("Test").setTitle("Registry of " + code).setStatus(Enumerations.PublicationStatus.ACTIVE)
				.setKind(NamingSystem.NamingSystemType.IDENTIFIER).setDateElement(new DateTimeType("2026-01-01"));
		namingSystem.addUniqueId().setType(NamingSystem.NamingSystemIdentifierType.URI).setValue("http://test.invalid/" + code);
		String id = client().create().resource(namingSystem).execute().getId().getIdPart();
		assertThat(idsFound("NamingSystem?" + code + "=registry")).containsExactly(id);
	}

	@Test
	void aSearchParameterForATypeWithStoredResourcesIndexesThem(@TempDir Path dir) throws IOException {
		String code = "test-org-name-" + TestResources.unique();
		Organization organization = new Organization().setName("Clinic of " + code);
		String id = client().create().resource(organization).execute().getId().getIdPart();
		Files.writeString(dir.resolve("SearchParameter-" + code + ".json"), searchParameter(code, "Organization"));
		List<String> jobsBefore = reindexJobIds();

		assertThat(loader.load(dir)).isEqualTo(new ConformanceLoadReport(1, 0, 0));

		assertThat(reindexJobIds()).hasSize(jobsBefore.size() + 1);
		// The re-index job's steps advance on HAPI's maintenance pass, once a minute unless run sooner.
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			jobMaintenance.runMaintenancePass();
			assertThat(idsFound("Organization?" + code + "=clinic")).containsExactly(id);
		});
	}

	private String versionOf(String id) {
		return client().read().resource(CodeSystem.class).withId(id).execute().getMeta().getVersionId();
	}

	private int count(String type) {
		Bundle bundle = client().search().byUrl(type + "?_summary=count").returnBundle(Bundle.class).execute();
		return bundle.getTotal();
	}

	private List<String> idsFound(String url) {
		Bundle bundle = client().search().byUrl(url).returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private List<String> reindexJobIds() {
		return jobCoordinator.getJobInstancesByJobDefinitionId(JOB_REINDEX, 1000, 0).stream()
				.map(JobInstance::getInstanceId)
				.toList();
	}

	/** A string search parameter on the title or name of the given type. */
	private static String searchParameter(String code, String base) {
		String element = base.equals("Organization") ? "name" : "title";
		return """
				{"resourceType":"SearchParameter","id":"%s","url":"http://test.invalid/SearchParameter/%s",
				 "name":"Test","status":"active","description":"Test parameter","code":"%s",
				 "base":["%s"],"type":"string","expression":"%s.%s"}
				""".formatted(code, code, code, base, base, element);
	}

	private static String codeSystem(String id, String title) {
		return """
				{"resourceType":"CodeSystem","id":"%s","url":"http://test.invalid/%s","name":"Test",
				 "title":"%s","status":"active","content":"complete",
				 "concept":[{"code":"a","display":"A"}]}
				""".formatted(id, id, title);
	}
}
