package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every error is a FHIR OperationOutcome with the status a FHIR client expects. */
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesTest extends CairnServerTest {

	@Test
	void malformedJsonIs400() {
		HttpResponse<String> response = Http.sendFhir("POST", baseUrl() + "/Library", "{\"resourceType\":\"Library\",");

		assertThat(diagnostics(assertOutcome(response, 400))).contains("line: 1");
	}

	@Test
	void aResourceOfAnotherTypeThanItsUrlNamesIs400NamingBoth() {
		String title = "Misfiled " + UUID.randomUUID();
		HttpResponse<String> response = Http.sendFhir("POST", baseUrl() + "/Library",
				"{\"resourceType\":\"Citation\",\"status\":\"active\",\"title\":\"" + title + "\"}");

		assertThat(diagnostics(assertOutcome(response, 400))).contains("Library").contains("Citation");
		String search = Http.get(baseUrl() + "/Citation?title:exact=" + title.replace(" ", "%20"), "application/fhir+json")
				.body();
		assertThat(search).as("nothing stored").contains("\"resourceType\":\"Bundle\"").doesNotContain("\"entry\"");
	}

	@Test
	void aTransactionThatIsNotABundleIs400NamingWhatItIs() {
		HttpResponse<String> response = Http.sendFhir(
				"POST", baseUrl(), "{\"resourceType\":\"Library\",\"status\":\"active\",\"type\":{\"text\":\"x\"}}");

		assertThat(diagnostics(assertOutcome(response, 400))).contains("Bundle").contains("Library");
	}

	@Test
	void unknownIdIs404() {
		HttpResponse<String> response = Http.get(baseUrl() + "/Library/no-such-article", "application/fhir+json");

		assertThat(diagnostics(assertOutcome(response, 404))).contains("Library/no-such-article");
	}

	@Test
	void unservedResourceTypeIs404() {
		HttpResponse<String> response = Http.get(baseUrl() + "/Patient", "application/fhir+json");

		assertThat(diagnostics(assertOutcome(response, 404))).contains("Patient");
	}

	@Test
	void invalidResourceIs422NamingTheElement() {
		// Library.type is required (1..1) in R5
		HttpResponse<String> response = Http.sendFhir(
				"POST", baseUrl() + "/Library", "{\"resourceType\":\"Library\",\"status\":\"active\",\"title\":\"No type\"}");

		assertThat(diagnostics(assertOutcome(response, 422))).contains("Library.type");
	}

	@Test
	void aRefusedBodyIsLoggedAsOneWarningNotAsAServerError(CapturedOutput log) {
		String marker = "Unlogged" + UUID.randomUUID().toString().replace("-", "");
		assertOutcome(Http.sendFhir("POST", baseUrl() + "/Library", "{\"resourceType\":\"Library\",\"" + marker + "\":1}"), 422);
		assertOutcome(Http.sendFhir("POST", baseUrl() + "/Library", "{\"resourceType\":\"Library\",\"status\":" + marker + "}"), 400);

		List<String> lines = log.getAll().lines()
				.filter(line -> line.contains(marker) && line.contains("REST processing")).toList();
		assertThat(lines).as("one line for each refused body").hasSize(2)
				.allSatisfy(line -> assertThat(line).contains(" WARN ").contains("Failure during REST processing"));
		assertThat(log.getAll()).doesNotContain("Exception thrown by interceptor");
	}

	@Test
	void staleIfMatchIsAVersionConflict() {
		String id = client().create().resource(TestResources.library("Versioned")).execute().getId().getIdPart();
		Library current = client().read().resource(Library.class).withId(id).execute();
		current.setDescription("first edit");
		client().update().resource(current).execute();

		String body = FHIR.newJsonParser().encodeResourceToString(current.setDescription("edit based on version 1"));
		HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Library/" + id))
				.header("Content-Type", "application/fhir+json")
				.header("If-Match", "W/\"1\"")
				.PUT(HttpRequest.BodyPublishers.ofString(body)));

		OperationOutcome outcome = assertOutcome(response, 409);
		assertThat(diagnostics(outcome)).contains("version");
		Library after = client().read().resource(Library.class).withId(id).execute();
		assertThat(after.getDescription()).isEqualTo("first edit");
	}

	@Test
	void unknownPathOutsideFhirIsAnOperationOutcomeNotAnErrorPage() {
		HttpResponse<String> response = Http.get("http://localhost:" + port + "/no/such/page", "text/html");

		assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/fhir+json");
		assertThat(response.body()).doesNotContain("<html").doesNotContain("Whitelabel");
		assertThat(diagnostics(assertOutcome(response, 404))).contains("/no/such/page");
	}

	private static OperationOutcome assertOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("\tat ");
		return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
	}

	private static String diagnostics(OperationOutcome outcome) {
		return outcome.getIssueFirstRep().getDiagnostics();
	}
}
