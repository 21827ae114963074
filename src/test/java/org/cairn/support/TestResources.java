package org.cairn.support;

import java.util.UUID;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;

/** Small valid knowledge resources for tests, each unique so tests never see each other's data. */
public final class TestResources {

	private TestResources() {}

	public static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	public static Library library(String title) {
		Library library = new Library();
		library.setStatus(PublicationStatus.ACTIVE);
		library.setTitle(title);
		library.setType(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/library-type", "asset-collection", "Asset Collection")));
		return library;
	}

	public static Evidence evidence(String claim) {
		Evidence evidence = new Evidence();
		evidence.setStatus(PublicationStatus.ACTIVE);
		evidence.setDescription(claim);
		evidence.addVariableDefinition()
				.setDescription("condition")
				.setVariableRole(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/variable-role", "measuredVariable", "measured variable")));
		return evidence;
	}
}
