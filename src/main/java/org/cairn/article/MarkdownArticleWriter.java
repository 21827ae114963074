package org.cairn.article;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes an article in Cairn's Markdown format, the one {@link MarkdownArticleParser} reads. */
public final class MarkdownArticleWriter {

	private MarkdownArticleWriter() {}

	public static String write(Article article) {
		return "---\n" + frontMatter(article) + "---\n\n" + body(article);
	}

	/** The article without front matter: what a reader sees. */
	public static String body(Article article) {
		StringBuilder md = new StringBuilder();
		md.append("# ").append(article.question()).append("\n\n");
		for (Article.Part part : article.parts()) {
			md.append("## ").append(part.title()).append("\n\n");
			for (Article.Section section : part.sections()) {
				if (section.heading() != null) {
					md.append("### ").append(section.heading()).append("\n\n");
				}
				boolean inList = false;
				for (Article.Claim claim : section.claims()) {
					if (claim.bullet()) {
						md.append("- ").append(withReferences(claim)).append('\n');
						inList = true;
					} else {
						if (inList) {
							md.append('\n');
							inList = false;
						}
						md.append(withReferences(claim)).append("\n\n");
					}
				}
				if (inList) {
					md.append('\n');
				}
			}
		}
		if (!article.references().isEmpty()) {
			md.append("## References\n\n");
			for (Article.CitedWork work : article.references()) {
				md.append(work.number()).append(". **").append(capitalized(work.kind())).append("** ")
						.append(work.title()).append(" *").append(work.source()).append('*');
				if (work.year() != null) {
					md.append(", ").append(work.year());
				}
				md.append('\n');
			}
			md.append('\n');
		}
		if (article.disclaimer() != null) {
			md.append("## Disclaimer\n\n").append(article.disclaimer()).append('\n');
		}
		return md.toString();
	}

	private static String withReferences(Article.Claim claim) {
		if (claim.references().isEmpty()) {
			return claim.text();
		}
		return claim.text() + " [" + claim.references().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
	}

	private static String frontMatter(Article article) {
		Map<String, Object> front = new LinkedHashMap<>();
		front.put("slug", article.slug());
		front.put("version", article.version());
		if (article.lastUpdated() != null) {
			front.put("last-updated", article.lastUpdated().toString());
		}
		front.put("review-status", article.reviewStatus());
		if (!article.audience().isEmpty()) {
			front.put("audience", article.audience());
		}
		if (!article.topics().isEmpty()) {
			List<Map<String, String>> topics = new ArrayList<>();
			for (Article.Topic topic : article.topics()) {
				Map<String, String> entry = new LinkedHashMap<>();
				entry.put("system", topic.system());
				entry.put("code", topic.code());
				if (topic.display() != null) {
					entry.put("display", topic.display());
				}
				topics.add(entry);
			}
			front.put("topics", topics);
		}
		putPeople(front, "authors", article.authors());
		putPeople(front, "reviewers", article.reviewers());
		Map<Integer, Map<String, String>> ids = new LinkedHashMap<>();
		for (Article.CitedWork work : article.references()) {
			Map<String, String> entry = new LinkedHashMap<>();
			if (work.pmid() != null) {
				entry.put("pmid", work.pmid());
			}
			if (work.doi() != null) {
				entry.put("doi", work.doi());
			}
			if (!entry.isEmpty()) {
				ids.put(work.number(), entry);
			}
		}
		if (!ids.isEmpty()) {
			front.put("references", ids);
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setWidth(200);
		return new Yaml(options).dump(front);
	}

	private static void putPeople(Map<String, Object> front, String key, List<String> names) {
		if (!names.isEmpty()) {
			front.put(key, names.stream().map(name -> Map.of("name", name)).toList());
		}
	}

	private static String capitalized(String word) {
		return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}
}
