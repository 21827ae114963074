package org.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cairn.article.Article;
import org.cairn.article.ArticleFormat;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Library;
import org.junit.jupiter.api.Test;

/** The benchmark, run small (both servers, a few articles and requests), so it keeps working; and its corpus alone. */
class BenchmarkSmokeTest {

	private static final Path OUT = Path.of("target", "bench-smoke");

	@Test
	void measuresCairnAndTheBaselineOnTheSameWorkAndWritesTheFigures() throws Exception {
		Benchmark.run("--articles=12", "--requests=20", "--warmup=5", "--idle-seconds=1", "--search-clients=1,2",
				"--cairn-jvm-args=-Xmx1g", "--out=" + OUT);

		JsonNode results = new ObjectMapper().readTree(OUT.resolve("results.json").toFile());
		List<String> names = new ArrayList<>();
		for (JsonNode figure : results.get("figures")) {
			String name = figure.get("name").asText();
			names.add(name);
			if (name.startsWith("articles stored")) {
				assertThat(figure.get("cairn").asInt()).as(name).isEqualTo(12);
				assertThat(figure.get("baseline").asInt()).as(name).isEqualTo(12);
			}
			if (name.endsWith("failed articles")) {
				// the baseline loses articles when concurrent transactions create the same Citation
				assertThat(figure.get("cairn").asInt()).as(name).isZero();
			}
			if (name.endsWith(": p99") || name.endsWith("requests/s")) {
				assertThat(figure.get("cairn").asDouble()).as(name).isPositive();
				assertThat(figure.get("baseline").asDouble()).as(name).isPositive();
				assertThat(figure.get("timesBetter").asDouble()).as(name).isPositive();
			}
		}
		assertThat(names).noneMatch(name -> name.endsWith("failed or empty answers"));
		assertThat(names).contains(
				"time to ready", "idle RSS", "RSS after loading",
				"time to ready, restarted with the articles", "idle RSS, restarted with the articles",
				"import $import-article: articles/s", "import transaction Bundles: articles/s",
				"topic token, 2 clients: p99", "title :contains, 1 client: p99", "_content full text, 2 clients: requests/s",
				"review status + _revinclude Provenance, 1 client: p50",
				"article by url + _include Evidence, Citation, 2 clients: p95");
		assertThat(OUT.resolve("results.md")).content().contains("| time to ready");
		assertThat(files(OUT.resolve("corpus"), "")).hasSize(12);
	}

	@Test
	void withNoServersItWritesTheArticlesAndTheirBundlesOnly() throws Exception {
		Path out = Path.of("target", "bench-corpus");
		Benchmark.run("--articles=6", "--servers=", "--out=" + out);

		assertThat(files(out.resolve("corpus"), ".md")).hasSize(3);
		List<Path> texts = files(out.resolve("corpus"), ".txt");
		assertThat(texts).hasSize(3);
		Article first = ArticleFormat.PAGE_TEXT.parse(Files.readString(texts.get(0)));
		List<Path> bundles = files(out.resolve("bundles"), ".json");
		assertThat(bundles).hasSize(6);
		Bundle bundle = FhirContext.forR5Cached().newJsonParser()
				.parseResource(Bundle.class, Files.readString(out.resolve("bundles").resolve(first.slug() + ".json")));
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
		assertThat(bundle.getEntry()).anySatisfy(entry -> assertThat(entry.getResource()).isInstanceOfSatisfying(
				Library.class, library -> assertThat(library.getTitle()).isEqualTo(first.question())));
		assertThat(new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("figures")).isEmpty();
	}

	@Test
	void anUnknownServerIsRefusedByName() {
		assertThatThrownBy(() -> Benchmark.run("--articles=2", "--servers=cairn,hapi"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("[hapi]");
	}

	private static List<Path> files(Path dir, String suffix) throws IOException {
		try (Stream<Path> listed = Files.list(dir)) {
			return listed.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
	}
}
