package org.cairn.article;

import java.util.Locale;

/** The two article layouts Cairn reads. */
public enum ArticleFormat {
	PAGE_TEXT,
	MARKDOWN;

	public Article parse(String text) {
		return this == MARKDOWN ? MarkdownArticleParser.parse(text) : PageTextParser.parse(text);
	}

	/** From a media type ({@code text/markdown}, {@code text/plain}), else from the text itself. */
	public static ArticleFormat of(String mediaType, String text) {
		String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
		if (type.contains("markdown")) {
			return MARKDOWN;
		}
		if (type.startsWith("text/plain")) {
			return PAGE_TEXT;
		}
		return text.stripLeading().startsWith("---") || text.stripLeading().startsWith("# ") ? MARKDOWN : PAGE_TEXT;
	}

	/** From a file name: {@code .md} is Markdown, anything else page text. */
	public static ArticleFormat ofFileName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".md") ? MARKDOWN : PAGE_TEXT;
	}
}
