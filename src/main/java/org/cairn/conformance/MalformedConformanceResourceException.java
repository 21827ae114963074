package org.cairn.conformance;

import java.nio.file.Path;

/** A file in the conformance folder that is not a usable FHIR resource; start-up stops on it. */
public class MalformedConformanceResourceException extends RuntimeException {

	public MalformedConformanceResourceException(Path file, String problem, Throwable cause) {
		super("Malformed conformance resource " + file + ": " + problem, cause);
	}
}
