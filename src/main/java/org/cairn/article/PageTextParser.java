package org.cairn.article;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an article in the page-text layout: the article's web page copied as text, page chrome
 * included. The chrome (menu words, the review-status steps, the "Personalize" panel, the
 * follow-up promo) is recognised and left out; the last-updated date and the "pending review"
 * note are read from it.
 */
public final class PageTextParser {

	private static final Pattern PART = Pattern.compile("^From the (\\S.*)$");
	private static final Pattern LAST_UPDATED = Pattern.compile("^Last updated:\\s*(.+?)\\s*(View editorial policy)?$");
	private static final Pattern SOURCE_AND_YEAR = Pattern.compile("^(.+?),\\s*(\\d{4})$");
	private static final Pattern REFERENCE_KIND = Pattern.compile("^(Guideline|Research)$", Pattern.CASE_INSENSITIVE);
	private static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
	private static final String REFERENCES = "References";
	private static final String DISCLAIMER = "Professional Medical Disclaimer";
	private static final String PROMO = "Have a follow-up question?";
	private static final int MAX_HEADING_WORDS = 14;

	private final List<String> lines;
	private int next;

	private PageTextParser(String text) {
		this.lines = List.of(text.replace("\uFEFF", "").split("\\r?\\n", -1));
	}

	public static Article parse(String text) {
		return new PageTextParser(text).article();
	}

	private Article article() {
		int questionLine = skipBlank();
		if (questionLine < 0) {
			throw new ArticleFormatException(0, "the article is empty");
		}
		String question = lines.get(questionLine).strip();
		if (isLandmark(question) || question.startsWith("Medical Advisory Board")) {
			throw new ArticleFormatException(questionLine + 1, "expected the article's question as its first line, found \""
					+ question + "\"");
		}
		next = questionLine + 1;

		LocalDate lastUpdated = null;
		String reviewStatus = "approved";
		while (next < lines.size() && !PART.matcher(lines.get(next).strip()).matches() && !isSectionEnd(lines.get(next))) {
			String line = lines.get(next).strip();
			Matcher updated = LAST_UPDATED.matcher(line);
			if (updated.matches()) {
				lastUpdated = date(updated.group(1), next + 1);
			} else if (line.contains("pending human review")) {
				reviewStatus = "submitted";
			}
			next++;
		}

		List<Article.Part> parts = new ArrayList<>();
		while (next < lines.size() && PART.matcher(lines.get(next).strip()).matches()) {
			parts.add(part());
		}
		List<Article.CitedWork> references = REFERENCES.equals(current()) ? references() : List.of();
		String disclaimer = DISCLAIMER.equals(current()) ? disclaimer() : null;

		Article article = new Article(
				ArticleRules.slugOf(question),
				question,
				"1.0.0",
				lastUpdated,
				reviewStatus,
				List.of(),
				List.of(),
				List.of(),
				List.of(),
				parts,
				references,
				disclaimer);
		return ArticleRules.check(article, questionLine + 1);
	}

	private Article.Part part() {
		String title = lines.get(next).strip();
		next++;
		List<Article.Section> sections = new ArrayList<>();
		String heading = null;
		List<Article.Claim> claims = new ArrayList<>();
		for (; next < lines.size(); next++) {
			String line = lines.get(next).strip();
			if (line.isEmpty()) {
				continue;
			}
			if (PART.matcher(line).matches() || isSectionEnd(line)) {
				break;
			}
			if (line.startsWith("•")) {
				ClaimText claim = ClaimText.ofPageText(line.substring(1));
				claims.add(new Article.Claim(claim.text(), claim.references(), true, next + 1));
			} else if (isHeading(line)) {
				addSection(sections, heading, claims);
				heading = line;
				claims = new ArrayList<>();
			} else {
				ClaimText claim = ClaimText.ofPageText(line);
				claims.add(new Article.Claim(claim.text(), claim.references(), false, next + 1));
			}
		}
		addSection(sections, heading, claims);
		return new Article.Part(title, sourceOf(title), sections);
	}

	private List<Article.CitedWork> references() {
		next++;
		List<Article.CitedWork> works = new ArrayList<>();
		List<Integer> entryLines = new ArrayList<>();
		for (; next < lines.size() && !isSectionEnd(lines.get(next)); next++) {
			if (!lines.get(next).isBlank()) {
				entryLines.add(next);
			}
		}
		for (int i = 0; i < entryLines.size(); ) {
			int kindLine = entryLines.get(i);
			String kind = lines.get(kindLine).strip();
			int number = works.size() + 1;
			if (!REFERENCE_KIND.matcher(kind).matches()) {
				throw new ArticleFormatException(kindLine + 1, "reference " + number
						+ " should start with its kind (Guideline or Research), found \"" + kind + "\"");
			}
			String title = i + 1 < entryLines.size() ? lines.get(entryLines.get(i + 1)).strip() : "";
			boolean titleMissing = title.isEmpty()
					|| REFERENCE_KIND.matcher(title).matches()
					|| (SOURCE_AND_YEAR.matcher(title).matches()
							&& (i + 2 >= entryLines.size()
									|| REFERENCE_KIND.matcher(lines.get(entryLines.get(i + 2)).strip()).matches()));
			if (titleMissing) {
				throw new ArticleFormatException(kindLine + 1, "reference " + number + " has no title");
			}
			String sourceLine = i + 2 < entryLines.size() ? lines.get(entryLines.get(i + 2)).strip() : "";
			if (sourceLine.isEmpty() || REFERENCE_KIND.matcher(sourceLine).matches()) {
				throw new ArticleFormatException(entryLines.get(i + 1) + 1, "reference " + number
						+ " has no source line (\"Journal or publisher, year\") after its title");
			}
			Matcher source = SOURCE_AND_YEAR.matcher(sourceLine);
			works.add(new Article.CitedWork(
					number,
					kind.toLowerCase(Locale.ROOT),
					title,
					source.matches() ? source.group(1) : sourceLine,
					source.matches() ? Integer.valueOf(source.group(2)) : null,
					null,
					null,
					kindLine + 1));
			i += 3;
		}
		return works;
	}

	private String disclaimer() {
		next++;
		List<String> paragraphs = new ArrayList<>();
		for (; next < lines.size() && !PROMO.equals(current()); next++) {
			if (!lines.get(next).isBlank()) {
				paragraphs.add(lines.get(next).strip());
			}
		}
		return paragraphs.isEmpty() ? null : String.join("\n\n", paragraphs);
	}

	private static void addSection(List<Article.Section> sections, String heading, List<Article.Claim> claims) {
		if (heading != null || !claims.isEmpty()) {
			sections.add(new Article.Section(heading, List.copyOf(claims)));
		}
	}

	/** A short line with no closing punctuation and no reference numbers heads a group of claims. */
	private static boolean isHeading(String line) {
		return !ClaimText.endsWithPageReferences(line)
				&& !line.matches(".*[.:;!?,)\"”’]$")
				&& line.split("\\s+").length <= MAX_HEADING_WORDS;
	}

	static String sourceOf(String partTitle) {
		String lower = partTitle.toLowerCase(Locale.ROOT);
		return lower.contains("guideline") ? "guideline" : lower.contains("research") ? "research" : null;
	}

	private String current() {
		int line = next;
		while (line < lines.size() && lines.get(line).isBlank()) {
			line++;
		}
		if (line < lines.size()) {
			next = line;
			return lines.get(line).strip();
		}
		return null;
	}

	private int skipBlank() {
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).isBlank()) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isSectionEnd(String line) {
		String stripped = line.strip();
		return REFERENCES.equals(stripped) || DISCLAIMER.equals(stripped) || PROMO.equals(stripped);
	}

	private static boolean isLandmark(String line) {
		return PART.matcher(line).matches() || isSectionEnd(line);
	}

	private static LocalDate date(String text, int line) {
		try {
			return LocalDate.parse(text, PAGE_DATE);
		} catch (DateTimeParseException e) {
			throw new ArticleFormatException(line, "cannot read the last-updated date \"" + text
					+ "\"; expected a date like \"February 11, 2025\"");
		}
	}
}
