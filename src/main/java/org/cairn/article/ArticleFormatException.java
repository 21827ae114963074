package org.cairn.article;

/** Article text that cannot be read as an article; says where and what. */
public class ArticleFormatException extends RuntimeException {

	private final int line;

	public ArticleFormatException(int line, String problem) {
		super(line > 0 ? "line " + line + ": " + problem : problem);
		this.line = line;
	}

	/** 1-based line of the article text, or 0 when the problem is the text as a whole. */
	public int line() {
		return line;
	}
}
