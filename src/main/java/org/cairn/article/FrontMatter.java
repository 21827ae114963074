package org.cairn.article;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** The YAML block between the leading {@code ---} lines of a Markdown article. */
final class FrontMatter {

	private final Map<?, ?> values;
	private final String[] lines;
	private final int bodyStart;

	private FrontMatter(Map<?, ?> values, String[] lines, int bodyStart) {
		this.values = values;
		this.lines = lines;
		this.bodyStart = bodyStart;
	}

	static FrontMatter read(String[] lines) {
		int first = 0;
		while (first < lines.length && lines[first].isBlank()) {
			first++;
		}
		if (first >= lines.length || !lines[first].strip().equals("---")) {
			return new FrontMatter(Map.of(), lines, 0);
		}
		int end = first + 1;
		while (end < lines.length && !lines[end].strip().equals("---")) {
			end++;
		}
		if (end >= lines.length) {
			throw new ArticleFormatException(first + 1, "the front matter opened here is never closed with a \"---\" line");
		}
		StringBuilder yaml = new StringBuilder();
		for (int i = first + 1; i < end; i++) {
			yaml.append(lines[i]).append('\n');
		}
		Object parsed;
		try {
			parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString());
		} catch (MarkedYAMLException e) {
			int line = first + 2 + (e.getProblemMark() == null ? 0 : e.getProblemMark().getLine());
			throw new ArticleFormatException(line, "broken front matter: " + e.getProblem());
		} catch (YAMLException e) {
			throw new ArticleFormatException(first + 1, "broken front matter: " + e.getMessage());
		}
		if (parsed != null && !(parsed instanceof Map)) {
			throw new ArticleFormatException(first + 2, "broken front matter: expected \"key: value\" lines");
		}
		return new FrontMatter(parsed == null ? Map.of() : (Map<?, ?>) parsed, lines, end + 1);
	}

	int bodyStart() {
		return bodyStart;
	}

	String string(String key, String fallback) {
		Object value = values.get(key);
		return value == null ? fallback : String.valueOf(value);
	}

	/** A date, whether YAML read it as a timestamp or it was quoted as text. */
	LocalDate date(String key) {
		Object value = values.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Date date) {
			return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
		}
		try {
			return LocalDate.parse(String.valueOf(value));
		} catch (DateTimeParseException e) {
			throw new ArticleFormatException(lineOf(key), key + " \"" + value + "\" is not a date like 2025-02-11");
		}
	}

	List<String> strings(String key) {
		Object value = values.get(key);
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of(String.valueOf(value));
	}

	/** People given either as plain names or as {@code {name: ...}} entries. */
	List<String> names(String key) {
		List<String> names = new ArrayList<>();
		if (values.get(key) instanceof List<?> list) {
			for (Object entry : list) {
				names.add(entry instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : String.valueOf(entry));
			}
		}
		return names;
	}

	List<Article.Topic> topics() {
		List<Article.Topic> topics = new ArrayList<>();
		if (values.get("topics") instanceof List<?> list) {
			for (Object entry : list) {
				Map<String, String> topic = map(entry);
				if (topic.get("code") == null || topic.get("system") == null) {
					throw new ArticleFormatException(lineOf("topics"), "each topic needs a system and a code");
				}
				topics.add(new Article.Topic(topic.get("system"), topic.get("code"), topic.get("display")));
			}
		}
		return topics;
	}

	Map<String, String> referenceIds(int number) {
		if (values.get("references") instanceof Map<?, ?> references) {
			Object ids = references.get(number);
			return map(ids == null ? references.get(String.valueOf(number)) : ids);
		}
		return Map.of();
	}

	/** The line a top-level key is written on, for error messages. */
	int lineOf(String key) {
		for (int i = 0; i < bodyStart; i++) {
			if (lines[i].startsWith(key + ":")) {
				return i + 1;
			}
		}
		return 1;
	}

	private static Map<String, String> map(Object value) {
		Map<String, String> map = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> m) {
			m.forEach((k, v) -> map.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
		}
		return map;
	}
}
