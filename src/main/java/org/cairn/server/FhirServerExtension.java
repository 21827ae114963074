package org.cairn.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A capability's hook into the FHIR endpoint: a bean of this type registers its operation
 * providers and interceptors, so the server wiring never has to know each capability.
 */
@FunctionalInterface
public interface FhirServerExtension {

	void extend(RestfulServer server);
}
