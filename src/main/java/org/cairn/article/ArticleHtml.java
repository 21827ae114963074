package org.cairn.article;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** An article as HTML, rendered by commonmark from its Markdown body. */
public final class ArticleHtml {

	private static final Parser PARSER = Parser.builder().build();
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).build();

	private ArticleHtml() {}

	/** A complete page. */
	public static String render(Article article) {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
				+ ArticleToFhir.escape(article.question()) + "</title></head><body>\n"
				+ RENDERER.render(PARSER.parse(MarkdownArticleWriter.body(article)))
				+ "</body></html>\n";
	}

	/** The body without the question heading, as XHTML for a FHIR narrative. */
	static String bodyHtml(Article article) {
		String html = RENDERER.render(PARSER.parse(MarkdownArticleWriter.body(article)));
		return html.replaceFirst("(?s)^<h1>.*?</h1>\\n", "").replace("<br>", "<br/>").replace("<hr>", "<hr/>");
	}
}
