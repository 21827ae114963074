package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r5.model.DomainResource;

/**
 * Reads the FHIR R5 core definitions on a second core while Spring and Hibernate boot on the first.
 *
 * <p>HAPI parses the whole R5 core, extensions and terminology packages (about 10 s here) the
 * first time any R5 context asks for its validation support, and caches them once per FHIR
 * version. The search parameter extractor asks for them mid-way through start-up; started
 * early, the work is done by then.
 *
 * <p>Those definitions then stay in memory for validation, narratives included: their HTML is
 * about half of the heap Cairn holds when idle and nothing reads it, so it is dropped.
 */
public final class CoreDefinitionsPreloader {

	private CoreDefinitionsPreloader() {}

	public static void start() {
		Thread thread = new Thread(CoreDefinitionsPreloader::load, "fhir-core-preload");
		thread.setDaemon(true);
		thread.start();
	}

	private static void load() {
		FhirContext.forR5Cached().getValidationSupport().fetchAllConformanceResources().stream()
				.filter(DomainResource.class::isInstance)
				.map(DomainResource.class::cast)
				.forEach(resource -> resource.setText(null));
	}
}
