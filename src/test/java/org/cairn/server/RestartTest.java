package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.StringClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cairn.support.ServerProcess;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cairn as its own process: what it accepted survives a kill, and bad set-up stops it. */
class RestartTest {

	private static final FhirContext FHIR = FhirContext.forR5Cached();

	@Test
	void writtenResourcesSurviveAKillAndAreFoundByFullTextAfterRestart(@TempDir Path dataDir) throws Exception {
		String word = "durable" + TestResources.unique().replaceAll("\\d", "q");
		String id;
		String conformanceVersion;
		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			conformanceVersion = conformanceVersion(server);
			Library library = TestResources.library("Restart test");
			library.setDescription("Survives a " + word + " restart.");
			id = client(server).create().resource(library).execute().getId().getIdPart();
			// at once: before the full-text index's next commit
			server.kill();
		}

		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			Library read = client(server).read().resource(Library.class).withId(id).execute();
			assertThat(read.getDescription()).contains(word);

			assertThat(librariesFoundByFullText(server, word)).containsExactly(id);

			// a second start loads the same conformance files without making new versions
			assertThat(conformanceVersion(server)).isEqualTo(conformanceVersion);
		}
	}

	@Test
	void aCleanStopNeedsNoFullTextRecoveryAndLosesNothingButSearchPages(@TempDir Path dataDir) throws Exception {
		String word = "orderly" + TestResources.unique().replaceAll("\\d", "q");
		String id;
		Bundle firstPage;
		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			Library library = TestResources.library("Clean stop test");
			library.setDescription("Kept over an " + word + " stop.");
			id = client(server).create().resource(library).execute().getId().getIdPart();
			client(server).create().resource(TestResources.library("Also " + word)).execute();
			firstPage = client(server).search()
					.forResource(Library.class)
					.where(new StringClientParam("_content").matches().value(word))
					.count(1)
					.returnBundle(Bundle.class)
					.execute();
			server.stop();
		}

		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			assertThat(server.output())
					.contains("Full-text index closed cleanly at the last stop")
					.doesNotContain("indexed again");
			assertThat(librariesFoundByFullText(server, word)).hasSize(2).contains(id);
			// a full-text search's later pages are kept in memory: after a restart they are gone,
			// as an expired search's are, and the search is run again
			String next = firstPage.getLink(Bundle.LINK_NEXT).getUrl();
			String nextOnThisServer = server.baseUrl() + next.substring(next.indexOf('?'));
			assertThatThrownBy(() -> client(server).search().byUrl(nextOnThisServer).returnBundle(Bundle.class).execute())
					.isInstanceOf(ResourceGoneException.class);

			// the marker is used once: a kill after this start is recovered from at the next one
			server.kill();
		}
		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			assertThat(server.output()).doesNotContain("closed cleanly").contains("indexed again");
		}
	}

	@Test
	void whileStartingTheServerAnswers503AndLogsNoErrorEvenIfStoppedAtOnce(@TempDir Path dataDir) throws Exception {
		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			// an empty data folder: conformance resources and examples load after Tomcat listens
			assertThat(server.answersWhileStarting()).isNotEmpty().allSatisfy(answer -> {
				assertThat(answer.statusCode()).isEqualTo(503);
				assertThat(answer.headers().firstValue("Retry-After")).contains("5");
				OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body());
				assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("still starting");
			});
			assertThat(server.output()).contains("Cairn ready in").doesNotContain(" ERROR ");

			// an operator stopping it right away: work started on a new database must not outlive the database
			server.stop();
			assertThat(server.output()).doesNotContain(" ERROR ");
		}
	}

	@Test
	void malformedConformanceFileStopsStartUpNamingTheFile(@TempDir Path dataDir, @TempDir Path conformance)
			throws Exception {
		Path broken = conformance.resolve("SearchParameter-broken.json");
		Files.writeString(broken, "{\"resourceType\": \"SearchParameter\", \"id\": \"broken\", \"status\": [");

		try (ServerProcess server = new ServerProcess(dataDir, "--cairn.conformance.dir=" + conformance).start()) {
			assertThat(server.awaitExit()).isNotZero();
			assertThat(server.output()).contains("Malformed conformance resource " + broken);
		}
	}

	private static List<String> librariesFoundByFullText(ServerProcess server, String word) {
		Bundle found = client(server).search()
				.forResource(Library.class)
				.where(new StringClientParam("_content").matches().value(word))
				.returnBundle(Bundle.class)
				.execute();
		return found.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static String conformanceVersion(ServerProcess server) {
		return client(server)
				.read()
				.resource(CodeSystem.class)
				.withId("cairn-evidence-source")
				.execute()
				.getMeta()
				.getVersionId();
	}

	private static IGenericClient client(ServerProcess server) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return FHIR.newRestfulGenericClient(server.baseUrl());
	}
}
