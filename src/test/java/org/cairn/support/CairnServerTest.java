package org.cairn.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one real Cairn server on a random port, shared by every test
 * class (HAPI JPA is slow to boot), with its own fresh data folder under {@code target/}.
 * Tests talk to it over HTTP only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CairnServerTest {

	protected static final FhirContext FHIR = FhirContext.forR5Cached();

	private static final Path DATA_DIR = freshDataDir();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("cairn.data-dir", DATA_DIR::toString);
		// Idle soon after the last request, so the heap sizing test need not wait long.
		registry.add("cairn.heap.idle-after", () -> "1s");
	}

	protected String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	protected IGenericClient client() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return FHIR.newRestfulGenericClient(baseUrl());
	}

	private static Path freshDataDir() {
		try {
			Files.createDirectories(Path.of("target"));
			return Files.createTempDirectory(Path.of("target"), "test-data-").toAbsolutePath();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
