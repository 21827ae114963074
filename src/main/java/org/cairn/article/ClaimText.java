package org.cairn.article;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A claim's text split from the reference numbers written at its end. */
record ClaimText(String text, List<Integer> references) {

	/** Page text: "... disorders 1." or "... disease 2, 5" (the period, if any, stays with the text). */
	private static final Pattern PAGE_REFERENCES = Pattern.compile("^(.*?\\S)\\s+(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)(\\.?)$");

	/** Markdown: "... disorders. [1]" or "... disease [2, 5]". */
	private static final Pattern MARKDOWN_REFERENCES = Pattern.compile("^(.*?)\\s*\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)\\]\\s*(\\.?)$");

	static ClaimText ofPageText(String line) {
		return split(PAGE_REFERENCES, line);
	}

	static ClaimText ofMarkdown(String line) {
		return split(MARKDOWN_REFERENCES, line);
	}

	static boolean endsWithPageReferences(String line) {
		return PAGE_REFERENCES.matcher(line.strip()).matches();
	}

	private static ClaimText split(Pattern pattern, String line) {
		String text = line.strip();
		Matcher matcher = pattern.matcher(text);
		if (!matcher.matches()) {
			return new ClaimText(text, List.of());
		}
		List<Integer> numbers = Arrays.stream(matcher.group(2).split(","))
				.map(String::strip)
				.map(Integer::valueOf)
				.toList();
		return new ClaimText(matcher.group(1) + matcher.group(3), numbers);
	}
}
