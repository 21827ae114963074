package org.cairn.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Cairn's FHIR endpoint answers. Which resource types it serves is {@link ServedResourceTypes}'s.
 *
 * @param validateRequests validate every created or updated resource against its profiles (422 when invalid)
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 * @param writeCollisionRetries times a write that collided with a concurrent one is re-run before 409
 */
@ConfigurationProperties("cairn.fhir")
public record FhirServerProperties(
		boolean validateRequests, int defaultPageSize, int maxPageSize, int writeCollisionRetries) {}
