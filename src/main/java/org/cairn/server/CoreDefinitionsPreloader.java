package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;

/**
 * Reads the FHIR R5 core definitions on a second core while Spring and Hibernate boot on the first.
 *
 * <p>HAPI parses the whole R5 core package (about 10 s here) the first time any R5 context asks
 * for its validation support, and caches it once per FHIR version. The search parameter
 * extractor asks for it mid-way through start-up; started early, the work is done by then.
 */
public final class CoreDefinitionsPreloader {

	private CoreDefinitionsPreloader() {}

	public static void start() {
		Thread thread = new Thread(() -> FhirContext.forR5Cached().getValidationSupport(), "fhir-core-preload");
		thread.setDaemon(true);
		thread.start();
	}
}
