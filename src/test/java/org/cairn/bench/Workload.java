package org.cairn.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.cairn.article.Article;
import org.cairn.article.ArticleFhir;
import org.cairn.article.ArticleFormat;
import org.cairn.article.ArticleResources;
import org.cairn.article.ArticleToFhir;

/**
 * The same work for every server: the generated articles, each also as the transaction Bundle
 * Cairn would make of it (written to disk once), and the searches drawn from their content so
 * that every search finds something.
 */
final class Workload {

	final CorpusGenerator corpus;
	final List<Path> bundles;
	/** Resources each article stores: its Library, Evidence, Citations and one Provenance. */
	final int[] resourceCounts;
	final List<Search> searches;

	private Workload(CorpusGenerator corpus, List<Path> bundles, int[] resourceCounts, List<Search> searches) {
		this.corpus = corpus;
		this.bundles = bundles;
		this.resourceCounts = resourceCounts;
		this.searches = searches;
	}

	/** One kind of search, a list of concrete queries to cycle through, and what a useful answer holds. */
	record Search(String name, List<String> queries, List<String> answerMustContain) {}

	/** Writes the corpus's article texts under {@code out/corpus} and their Bundles under {@code out/bundles}. */
	static Workload build(CorpusGenerator corpus, Path out) throws IOException {
		Path textDir = Files.createDirectories(out.resolve("corpus"));
		Path bundleDir = Files.createDirectories(out.resolve("bundles"));
		IParser json = FhirContext.forR5Cached().newJsonParser();
		int n = corpus.articleCount();
		int[] resourceCounts = new int[n];
		Set<String> topics = new LinkedHashSet<>();
		Set<String> titleFragments = new LinkedHashSet<>();
		Set<String> contentWords = new LinkedHashSet<>();
		Set<String> statuses = new LinkedHashSet<>();
		List<String> libraryUrls = new ArrayList<>();
		List<Path> bundles = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String text = corpus.text(i);
			Files.writeString(textDir.resolve(corpus.fileName(i)), text);
			Article article = ArticleFormat.ofFileName(corpus.fileName(i)).parse(text);
			ArticleResources resources = ArticleToFhir.resources(article);
			resourceCounts[i] = resources.size() + 1;
			Path bundle = bundleDir.resolve(article.slug() + ".json");
			Files.writeString(bundle, json.encodeResourceToString(ArticleToFhir.transaction(resources, 0, "CREATE", 1)));
			bundles.add(bundle);
			article.topics().forEach(t -> topics.add(t.system() + "|" + t.code()));
			words(article.question(), 7).forEach(w -> titleFragments.add(w.substring(1, 6)));
			// From the title: plain HAPI's _content reads string elements only, not markdown or narrative.
			contentWords.addAll(words(article.question(), 6));
			statuses.add(article.reviewStatus());
			libraryUrls.add(ArticleFhir.libraryUrl(article.slug()));
		}
		List<Search> searches = List.of(
				new Search("topic token", queries("Library?topic=", topics), List.of("\"entry\"")),
				new Search("title :contains", queries("Library?title:contains=", titleFragments), List.of("\"entry\"")),
				new Search("_content full text", queries("Library?_content=", contentWords), List.of("\"entry\"")),
				new Search("review status + _revinclude Provenance",
						queries("Library?review-status=", statuses).stream()
								.map(q -> q + "&_revinclude=Provenance:target").toList(),
						List.of("\"Provenance\"")),
				new Search("article by url + _include Evidence, Citation",
						queries("Library?url=", libraryUrls).stream()
								.map(q -> q + "&_include=Library:composed-of&_include=Library:cites&_revinclude=Provenance:target")
								.toList(),
						List.of("\"Evidence\"", "\"Citation\"", "\"Provenance\"")));
		return new Workload(corpus, bundles, resourceCounts, searches);
	}

	int resources(int from, int to) {
		int sum = 0;
		for (int i = from; i < to; i++) {
			sum += resourceCounts[i];
		}
		return sum;
	}

	/** Distinct lower-case words of at least {@code minLength} letters. */
	private static List<String> words(String text, int minLength) {
		List<String> words = new ArrayList<>();
		for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{IsAlphabetic}]+")) {
			if (w.length() >= minLength && w.chars().allMatch(c -> c < 128)) {
				words.add(w);
			}
		}
		return words;
	}

	/** URL-encoded queries in a fixed shuffled order, so each run sends the same sequence. */
	private static List<String> queries(String prefix, java.util.Collection<String> values) {
		List<String> queries = new ArrayList<>();
		values.forEach(v -> queries.add(prefix + URLEncoder.encode(v, StandardCharsets.UTF_8)));
		Collections.shuffle(queries, new Random(7));
		return queries;
	}
}
