package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Transactions sent at the same moment that create the same shared resource all go through, and
 * the collisions Cairn retries leave no SQL errors in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentWritesTest extends CairnServerTest {

	private static final int CLIENTS = 8;
	private static final int ROUNDS = 3;

	@Test
	void concurrentTransactionsCreatingTheSameCitationAllSucceed(CapturedOutput log) throws Exception {
		String run = TestResources.unique();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				String citationId = "shared-" + run + "-" + round;
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Bundle>> answers = new ArrayList<>();
				for (int client = 0; client < CLIENTS; client++) {
					Bundle transaction = articleCiting(citationId, "lib-" + run + "-" + round + "-" + client);
					answers.add(pool.submit(() -> {
						start.await();
						return client().transaction().withBundle(transaction).execute();
					}));
				}
				start.countDown();
				for (Future<Bundle> answer : answers) {
					assertThat(answer.get().getEntry()).allSatisfy(
							entry -> assertThat(entry.getResponse().getStatus()).startsWith("20"));
				}
				Citation stored = client().read().resource(Citation.class).withId(citationId).execute();
				assertThat(stored.getIdElement().getVersionIdPart()).isEqualTo("1");
			}
		} finally {
			pool.shutdownNow();
		}
		// The collisions were retried and every write went through: nothing for an operator to chase.
		assertThat(log.getAll().lines().filter(line -> line.contains("SqlExceptionHelper"))).isEmpty();
	}

	private static Bundle articleCiting(String citationId, String libraryId) {
		Citation citation = new Citation();
		citation.setId(citationId);
		citation.setStatus(PublicationStatus.ACTIVE);
		citation.setTitle("A shared guideline " + citationId);
		Library library = TestResources.library("Cites " + citationId);
		library.setId(libraryId);
		library.addRelatedArtifact()
				.setType(org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType.CITATION)
				.setResourceReference(new org.hl7.fhir.r5.model.Reference("Citation/" + citationId));
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : List.of(citation, library)) {
			bundle.addEntry()
					.setFullUrl("http://example.org/fhir/" + resource.fhirType() + "/" + resource.getIdPart())
					.setResource(resource)
					.getRequest()
					.setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(resource.fhirType() + "/" + resource.getIdPart());
		}
		return bundle;
	}
}
