package org.cairn.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Names Cairn uses for articles in FHIR: canonical URLs, ids, code systems, extensions. */
public final class ArticleFhir {

	public static final String BASE = "http://cairn.dev/fhir";
	public static final String REVIEW_STATUS_EXTENSION = BASE + "/StructureDefinition/review-status";
	public static final String REVIEW_STATUS_SYSTEM = "http://hl7.org/fhir/cited-artifact-status-type";
	public static final String EVIDENCE_SOURCE_SYSTEM = BASE + "/CodeSystem/evidence-source";
	public static final String CLAIM_FORM_SYSTEM = BASE + "/CodeSystem/claim-form";
	public static final String ARTICLE_PROFILE = BASE + "/StructureDefinition/cairn-article";
	public static final String CLAIM_PROFILE = BASE + "/StructureDefinition/cairn-claim";
	public static final String CITED_WORK_PROFILE = BASE + "/StructureDefinition/cairn-cited-work";
	public static final String USAGE_CONTEXT_SYSTEM = "http://terminology.hl7.org/CodeSystem/usage-context-type";
	public static final String PMID_SYSTEM = "https://pubmed.ncbi.nlm.nih.gov";
	public static final String DOI_SYSTEM = "https://doi.org";

	private ArticleFhir() {}

	public static String libraryUrl(String slug) {
		return BASE + "/Library/" + slug;
	}

	public static String evidenceId(String slug, int claimNumber) {
		return slug + "-c" + claimNumber;
	}

	public static String evidenceUrl(String evidenceId) {
		return BASE + "/Evidence/" + evidenceId;
	}

	/**
	 * One id per distinct work across all articles: from its PMID, else its DOI, else its
	 * normalised title, source and year.
	 */
	public static String citationId(Article.CitedWork work) {
		if (work.pmid() != null) {
			return "pmid-" + work.pmid().replaceAll("\\D", "");
		}
		if (work.doi() != null) {
			return "doi-" + digest(work.doi().toLowerCase(Locale.ROOT), 8);
		}
		return "work-" + digest(normalised(work.title()) + "|" + normalised(work.source()) + "|" + work.year(), 8);
	}

	public static String citationUrl(String citationId) {
		return BASE + "/Citation/" + citationId;
	}

	private static String normalised(String text) {
		return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
	}

	/** The first {@code bytes} bytes of the text's SHA-256, in hex. */
	static String digest(String text, int bytes) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, bytes);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
