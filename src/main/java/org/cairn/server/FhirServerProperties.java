package org.cairn.server;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Cairn's FHIR endpoint serves.
 *
 * @param resourceTypes the only resource types stored, searched and full-text indexed (see {@link ServedResourceTypes})
 * @param validateRequests validate every created or updated resource against its profiles (422 when invalid)
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 */
@ConfigurationProperties("cairn.fhir")
public record FhirServerProperties(
		List<String> resourceTypes, boolean validateRequests, int defaultPageSize, int maxPageSize) {}
