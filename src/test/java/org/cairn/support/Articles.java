package org.cairn.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Article texts for tests: the reference article from ../shared, and small ones written here. */
public final class Articles {

	public static final Path REFERENCE = Path.of("..", "shared", "articles", "focal-movement-disorders.txt");
	public static final Path EXAMPLES = Path.of("fhir-resources", "examples");

	private Articles() {}

	/** Posts an article's text to {@code $import-article} on the server at {@code baseUrl}, asking for JSON. */
	public static HttpResponse<String> importText(String text, String contentType, String baseUrl) {
		return Http.send(importRequest(text, contentType, baseUrl));
	}

	/** The request {@link #importText} sends, for tests that add headers to it. */
	public static HttpRequest.Builder importRequest(String text, String contentType, String baseUrl) {
		return HttpRequest.newBuilder(URI.create(baseUrl + "/Library/$import-article"))
				.header("Content-Type", contentType + "; charset=utf-8")
				.header("Accept", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(text));
	}

	public static String reference() {
		return read(REFERENCE);
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A small page-text article about {@code topic}, citing a shared work titled {@code sharedTitle}
	 * as reference 2 and a work of its own as reference 1.
	 */
	public static String pageText(String topic, String sharedTitle) {
		return """
				How is %1$s managed in adults?

				Article Review Status
				Submitted
				Under Review
				Approved

				Last updated: March 3, 2025View editorial policy

				From the Guidelines

				Management of %1$s follows a stepwise approach 1.

				First steps

				  • Lifestyle measures help approximately 30%% of patients 1.
				  • Referral is advised when symptoms persist beyond 6 weeks 1, 2

				From the Research

				Outcomes

				  • Early treatment reduced complications in 65%% of patients 2

				References

				Guideline

				Stepwise care of %1$s: a consensus statement

				Journal of General Medicine, 2023

				Research

				%2$s

				Annals of Internal Medicine, 2021

				Professional Medical Disclaimer

				For healthcare professionals; not a substitute for clinical judgement.
				""".formatted(topic, sharedTitle);
	}

	/**
	 * A Markdown article on {@code topic} whose first reference is the work with PubMed id
	 * {@code pmid}, titled {@code workTitle}.
	 */
	public static String markdownCitingPmid(String topic, String pmid, String workTitle) {
		return """
				---
				slug: %1$s
				version: 1.0.0
				last-updated: 2025-04-02
				review-status: submitted
				references:
				  1: {pmid: "%2$s"}
				---

				# How is %1$s treated?

				## From the Guidelines

				### First steps

				- Treatment starts with the measures of the cited guideline. [1]

				## References

				1. **Guideline** %3$s. *Journal of General Medicine*, 2024
				""".formatted(topic, pmid, workTitle);
	}
}
