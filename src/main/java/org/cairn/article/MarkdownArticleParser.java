package org.cairn.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads an article written by hand in Markdown with YAML front matter (see README.md).
 * commonmark finds the blocks; claim and reference text is taken verbatim from the source,
 * so inline Markdown in a claim survives a round trip.
 */
public final class MarkdownArticleParser {

	private static final Parser PARSER =
			Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
	private static final Pattern REFERENCE = Pattern.compile(
			"^\\*\\*(?<kind>[A-Za-z]+)\\*\\*\\s+(?<title>.*?)\\s*\\*(?<source>[^*]+)\\*\\s*(?:,\\s*(?<year>\\d{4}))?\\.?$");

	private final String[] lines;
	private final int bodyOffset;
	private final FrontMatter front;

	private MarkdownArticleParser(String text) {
		this.lines = text.replace("\uFEFF", "").split("\\r?\\n", -1);
		this.front = FrontMatter.read(lines);
		this.bodyOffset = front.bodyStart();
	}

	public static Article parse(String text) {
		if (text.isBlank()) {
			throw new ArticleFormatException(0, "the article is empty");
		}
		return new MarkdownArticleParser(text).article();
	}

	private Article article() {
		StringBuilder body = new StringBuilder();
		for (int i = bodyOffset; i < lines.length; i++) {
			body.append(lines[i]).append('\n');
		}
		Node document = PARSER.parse(body.toString());

		String question = null;
		int questionLine = 0;
		List<Article.Part> parts = new ArrayList<>();
		List<Article.CitedWork> references = new ArrayList<>();
		List<String> disclaimer = new ArrayList<>();
		String mode = "start";
		String partTitle = null;
		List<Article.Section> sections = null;
		String heading = null;
		List<Article.Claim> claims = null;

		for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
			int line = lineOf(node);
			if (node instanceof Heading h && h.getLevel() == 1) {
				question = headingText(node);
				questionLine = line;
			} else if (node instanceof Heading h && h.getLevel() == 2) {
				if (partTitle != null) {
					addSection(sections, heading, claims);
					parts.add(new Article.Part(partTitle, PageTextParser.sourceOf(partTitle), sections));
					partTitle = null;
				}
				String title = headingText(node);
				String lower = title.toLowerCase(Locale.ROOT);
				if (lower.equals("references")) {
					mode = "references";
				} else if (lower.contains("disclaimer")) {
					mode = "disclaimer";
				} else {
					mode = "part";
					partTitle = title;
					sections = new ArrayList<>();
					heading = null;
					claims = new ArrayList<>();
				}
			} else if (node instanceof Heading h && h.getLevel() == 3 && "part".equals(mode)) {
				addSection(sections, heading, claims);
				heading = headingText(node);
				claims = new ArrayList<>();
			} else if (node instanceof Paragraph && "part".equals(mode)) {
				ClaimText claim = ClaimText.ofMarkdown(rawText(node));
				claims.add(new Article.Claim(claim.text(), claim.references(), false, line));
			} else if (node instanceof BulletList && "part".equals(mode)) {
				for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
					ClaimText claim = ClaimText.ofMarkdown(rawText(item.getFirstChild()));
					claims.add(new Article.Claim(claim.text(), claim.references(), true, lineOf(item)));
				}
			} else if (node instanceof OrderedList && "references".equals(mode)) {
				for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
					references.add(reference((ListItem) item, references.size() + 1));
				}
			} else if (node instanceof Paragraph && "disclaimer".equals(mode)) {
				disclaimer.add(rawText(node));
			} else {
				throw new ArticleFormatException(line, "unexpected " + describe(node)
						+ ("start".equals(mode) ? " before the first part (\"## From the Guidelines\")" : " here"));
			}
		}
		if (partTitle != null) {
			addSection(sections, heading, claims);
			parts.add(new Article.Part(partTitle, PageTextParser.sourceOf(partTitle), sections));
		}
		if (question == null) {
			throw new ArticleFormatException(bodyOffset + 1, "the article has no question: expected a \"# Question?\" heading");
		}
		Article article = new Article(
				front.string("slug", ArticleRules.slugOf(question)),
				question,
				front.string("version", "1.0.0"),
				front.date("last-updated"),
				front.string("review-status", "submitted"),
				front.strings("audience"),
				front.topics(),
				front.names("authors"),
				front.names("reviewers"),
				parts,
				references,
				disclaimer.isEmpty() ? null : String.join("\n\n", disclaimer));
		return ArticleRules.check(article, questionLine);
	}

	private Article.CitedWork reference(ListItem item, int number) {
		int line = lineOf(item);
		String text = item.getFirstChild() == null ? "" : rawText(item.getFirstChild());
		Matcher matcher = REFERENCE.matcher(text);
		if (!matcher.matches()) {
			throw new ArticleFormatException(line, "reference " + number
					+ " should read \"**Kind** Title. *Source*, Year\", found \"" + text + "\"");
		}
		Map<String, String> ids = front.referenceIds(number);
		return new Article.CitedWork(
				number,
				matcher.group("kind").toLowerCase(Locale.ROOT),
				matcher.group("title"),
				matcher.group("source").strip(),
				matcher.group("year") == null ? null : Integer.valueOf(matcher.group("year")),
				ids.get("pmid"),
				ids.get("doi"),
				line);
	}

	private static void addSection(List<Article.Section> sections, String heading, List<Article.Claim> claims) {
		if (heading != null || !claims.isEmpty()) {
			sections.add(new Article.Section(heading, List.copyOf(claims)));
		}
	}

	/** 1-based line in the whole text, front matter included. */
	private int lineOf(Node node) {
		List<SourceSpan> spans = node.getSourceSpans();
		return spans.isEmpty() ? 0 : bodyOffset + spans.get(0).getLineIndex() + 1;
	}

	private String rawText(Node node) {
		List<String> pieces = new ArrayList<>();
		for (SourceSpan span : node.getSourceSpans()) {
			String line = lines[bodyOffset + span.getLineIndex()];
			pieces.add(line.substring(span.getColumnIndex(), span.getColumnIndex() + span.getLength()).strip());
		}
		return String.join(" ", pieces);
	}

	private String headingText(Node node) {
		return rawText(node).replaceFirst("^#+\\s*", "").replaceFirst("\\s+#+$", "").strip();
	}

	private static String describe(Node node) {
		if (node instanceof Heading h) {
			return "heading of level " + h.getLevel();
		}
		return node.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}
}
