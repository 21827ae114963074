package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.hl7.fhir.r5.model.Library;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rendering a stored article and importing the rendering gives back exactly the same article. */
class RoundTripTest extends CairnServerTest {

	static Stream<Path> articles() {
		return Stream.concat(Stream.of(Articles.REFERENCE), ExampleArticleLoader.articleFiles(Articles.EXAMPLES).stream());
	}

	@ParameterizedTest
	@MethodSource("articles")
	void importOfRenderedArticleEqualsTheImportedArticle(Path file) {
		String original = Articles.read(file);
		ArticleFormat format = ArticleFormat.ofFileName(file.toString());
		HttpResponse<String> first = Articles.importText(original, format == ArticleFormat.MARKDOWN ? "text/markdown" : "text/plain", baseUrl());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		Library library = FHIR.newJsonParser().parseResource(Library.class, first.body());

		HttpResponse<String> rendered = Http.get(baseUrl() + "/Library/" + library.getIdPart() + "/$render", "text/markdown");
		assertThat(rendered.statusCode()).isEqualTo(200);
		assertThat(rendered.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");

		Article parsedOriginal = withoutLines(format.parse(original));
		Article parsedRendering = withoutLines(ArticleFormat.MARKDOWN.parse(rendered.body()));
		assertThat(parsedRendering).isEqualTo(parsedOriginal);

		HttpResponse<String> second = Articles.importText(rendered.body(), "text/markdown", baseUrl());
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		assertThat(second.headers().firstValue("X-Cairn-Import")).contains("unchanged");
	}

	@ParameterizedTest
	@MethodSource("articles")
	void htmlRenderingShowsQuestionClaimsAndReferences(Path file) {
		Article article = ArticleFormat.ofFileName(file.toString()).parse(Articles.read(file));
		Articles.importText(Articles.read(file), file.toString().endsWith(".md") ? "text/markdown" : "text/plain", baseUrl());

		HttpResponse<String> html = Http.send(HttpRequest.newBuilder(
						URI.create(baseUrl() + "/Library/" + article.slug() + "/$render"))
				.header("Accept", "text/html"));

		assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(html.body()).contains("<h1>" + escape(article.question()) + "</h1>");
		assertThat(html.body()).contains("<h2>References</h2>");
		assertThat(html.body()).contains(escape(article.references().get(0).title()));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** Line numbers differ between a text and its rendering; everything else must not. */
	private static Article withoutLines(Article article) {
		return new Article(
				article.slug(), article.question(), article.version(), article.lastUpdated(), article.reviewStatus(),
				article.audience(), article.topics(), article.authors(), article.reviewers(),
				article.parts().stream().map(p -> new Article.Part(p.title(), p.source(), p.sections().stream()
						.map(s -> new Article.Section(s.heading(), s.claims().stream()
								.map(c -> new Article.Claim(c.text(), c.references(), c.bullet(), 0)).toList()))
						.toList())).toList(),
				article.references().stream().map(r -> new Article.CitedWork(
						r.number(), r.kind(), r.title(), r.source(), r.year(), r.pmid(), r.doi(), 0)).toList(),
				article.disclaimer());
	}
}
