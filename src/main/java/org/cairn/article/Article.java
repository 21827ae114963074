package org.cairn.article;

import java.time.LocalDate;
import java.util.List;

/**
 * A topic-summary article: a clinical question answered by claims grouped in parts and
 * sections, each claim citing numbered references.
 *
 * @param slug stable name of the article; the ids of its FHIR resources derive from it
 * @param question the clinical question, the article's title
 * @param version semantic version of the article's content
 * @param lastUpdated when the content last changed
 * @param reviewStatus editorial review status, a code of {@code cited-artifact-status-type}
 * @param audience who it is written for ({@code clinician}, {@code patient})
 * @param topics coded conditions or subjects the article is about
 * @param authors who wrote it
 * @param reviewers who reviewed it
 * @param parts "From the Guidelines", "From the Research"... in order
 * @param references the numbered reference list, number 1 first
 * @param disclaimer the professional disclaimer, if any
 */
public record Article(
		String slug,
		String question,
		String version,
		LocalDate lastUpdated,
		String reviewStatus,
		List<String> audience,
		List<Topic> topics,
		List<String> authors,
		List<String> reviewers,
		List<Part> parts,
		List<CitedWork> references,
		String disclaimer) {

	public List<Claim> claims() {
		return parts.stream()
				.flatMap(part -> part.sections().stream())
				.flatMap(section -> section.claims().stream())
				.toList();
	}

	/** A coded topic, e.g. SNOMED CT or ICD-10-CM. */
	public record Topic(String system, String code, String display) {}

	/** A part of the answer; {@code source} says whether it draws on guidelines or research. */
	public record Part(String title, String source, List<Section> sections) {}

	/** Claims under one heading; the first section of a part may have none. */
	public record Section(String heading, List<Claim> claims) {}

	/**
	 * One claim.
	 *
	 * @param text the claim as written, without its reference numbers
	 * @param references the reference numbers it cites, in the order written
	 * @param bullet a bullet point, or else a lead sentence
	 * @param line where it stands in the source text (1-based), for error messages
	 */
	public record Claim(String text, List<Integer> references, boolean bullet, int line) {}

	/**
	 * One entry of the reference list.
	 *
	 * @param kind {@code guideline} or {@code research}
	 * @param source the journal or publisher
	 * @param year the publication year
	 */
	public record CitedWork(
			int number, String kind, String title, String source, Integer year, String pmid, String doi, int line) {}
}
