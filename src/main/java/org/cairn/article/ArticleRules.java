package org.cairn.article;

import java.text.Normalizer;
import java.util.Locale;

/** Checks that hold for an article whatever format it came in. */
final class ArticleRules {

	/** Evidence ids add "-c" and a claim number; FHIR ids have at most 64 characters. */
	private static final int MAX_SLUG = 48;

	private ArticleRules() {}

	/** @param questionLine the 1-based line of the question, which the claims follow */
	static Article check(Article article, int questionLine) {
		if (article.question() == null || article.question().isBlank()) {
			throw new ArticleFormatException(1, "the article has no question line");
		}
		if (article.claims().isEmpty()) {
			throw new ArticleFormatException(questionLine,
					"no claims follow the article's question: expected parts such as \"From the Guidelines\" after it");
		}
		for (Article.CitedWork work : article.references()) {
			if (work.title() == null || work.title().isBlank()) {
				throw new ArticleFormatException(work.line(), "reference " + work.number() + " has no title");
			}
		}
		int count = article.references().size();
		for (Article.Claim claim : article.claims()) {
			for (int number : claim.references()) {
				if (number < 1 || number > count) {
					throw new ArticleFormatException(
							claim.line(),
							"the claim cites reference " + number + ", but the reference list has "
									+ (count == 0 ? "no entries" : "only " + count + (count == 1 ? " entry" : " entries")));
				}
			}
		}
		return article;
	}

	/**
	 * A lowercase, dash-separated name from free text, short enough for FHIR ids with suffixes.
	 * A long text is cut and given a digest of the whole, so two questions that start alike
	 * still name two articles.
	 */
	static String slugOf(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		if (slug.isEmpty()) {
			return "article";
		}
		if (slug.length() <= MAX_SLUG) {
			return slug;
		}
		String cut = slug.substring(0, MAX_SLUG - 8).replaceAll("-[^-]*$", "");
		return cut + "-" + ArticleFhir.digest(slug, 3);
	}
}
