package org.cairn.conformance;

/** What one load of the conformance folder did. */
public record ConformanceLoadReport(int created, int updated, int unchanged) {

	public int total() {
		return created + updated + unchanged;
	}
}
