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
		return page(article.question(), body(article));
	}

	/** The article's body, question heading included, as HTML rendered by commonmark. */
	static String body(Article article) {
		return RENDERER.render(PARSER.parse(MarkdownArticleWriter.body(article)));
	}

	static String page(String question, String body) {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
				+ ArticleToFhir.escape(question) + "</title></head><body>\n" + body + "</body></html>\n";
	}

	/** HTML from {@link #body} as XHTML, for a FHIR narrative: void elements closed. */
	static String xhtml(String body) {
		return body.replace("<br>", "<br/>").replace("<hr>", "<hr/>");
	}
}
