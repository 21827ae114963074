package org.cairn.search;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR5;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cairn.article.Article;
import org.cairn.article.ArticleFormat;
import org.cairn.article.ArticleToFhir;
import org.cairn.bench.CorpusGenerator;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.TestResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;
import org.hl7.fhir.r5.model.SearchParameter;
import org.hl7.fhir.r5.model.UsageContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a write puts in the search index: the same as HAPI's own R5 extractor would, though
 * Cairn's skips the paths of R5's many-type expressions that name other resource types.
 */
class SearchIndexingTest extends CairnServerTest {

	private static final int GENERATED = 20;
	private static final Pattern IDENTITY_HASH = Pattern.compile("@[0-9a-f]+(?=\\[)");
	private static final String USE_CONTEXT = "http://terminology.hl7.org/CodeSystem/usage-context-type";

	@Autowired
	ISearchParamExtractor extractor;

	@Autowired
	StorageSettings storageSettings;

	@Autowired
	PartitionSettings partitionSettings;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ISearchParamRegistry searchParamRegistry;

	@Test
	void everyArticleResourceIsIndexedAsHapiWouldIndexIt() throws IOException {
		ISearchParamExtractor hapis =
				new SearchParamExtractorR5(storageSettings, partitionSettings, fhirContext, searchParamRegistry);
		assertThat(extractor).isInstanceOf(TypeScopedSearchParamExtractor.class);

		List<IBaseResource> resources = new ArrayList<>();
		for (Map.Entry<String, String> article : articles().entrySet()) {
			Article parsed = ArticleFormat.ofFileName(article.getKey()).parse(article.getValue());
			Bundle transaction = ArticleToFhir.transaction(ArticleToFhir.resources(parsed), 0, "CREATE", 1);
			transaction.getEntry().forEach(entry -> resources.add(entry.getResource()));
		}
		resources.add(libraryUsedIn("Index check " + TestResources.unique(), 30));

		List<String> differences = new ArrayList<>();
		int indexValues = 0;
		for (IBaseResource resource : resources) {
			for (Map.Entry<String, Function<ISearchParamExtractor, Collection<?>>> kind : indexKinds(resource).entrySet()) {
				List<String> expected = sorted(kind.getValue().apply(hapis));
				List<String> actual = sorted(kind.getValue().apply(extractor));
				indexValues += expected.size();
				if (!expected.equals(actual)) {
					differences.add(resource.fhirType() + " " + kind.getKey() + ": HAPI " + expected + ", Cairn " + actual);
				}
			}
		}

		assertThat(resources).hasSizeGreaterThan(300);
		assertThat(indexValues).isGreaterThan(resources.size() * 5);
		assertThat(differences).isEmpty();
	}

	@Test
	void useContextQuantitiesAndTheirTypesAreSearchable() {
		String title = "QuantityContext" + TestResources.unique();
		String id = client().create().resource(libraryUsedIn(title, 45)).execute().getId().getIdPart();

		assertThat(libraryIds("context-quantity=ge40&title=" + title)).containsExactly(id);
		assertThat(libraryIds("context-quantity=lt40&title=" + title)).isEmpty();
		assertThat(libraryIds("context-type-quantity=" + USE_CONTEXT + "|age$ge40&title=" + title)).containsExactly(id);
		assertThat(libraryIds("context-type-value=" + USE_CONTEXT + "|focus$http://snomed.info/sct|49049000&title="
				+ title)).containsExactly(id);
		assertThat(libraryIds("context-type-value=" + USE_CONTEXT + "|focus$http://snomed.info/sct|1&title=" + title))
				.isEmpty();
	}

	@Test
	void aParameterJoiningPathsOfSeveralTypesInParenthesesFindsEachOfThem() {
		String unique = TestResources.unique();
		SearchParameter union = new SearchParameter();
		union.setUrl("http://cairn.dev/fhir/SearchParameter/test-union-title-" + unique);
		union.setName("TestUnionTitle");
		union.setStatus(Enumerations.PublicationStatus.ACTIVE);
		union.setDescription("The title of a Library or an Evidence, from one parenthesised union");
		union.setCode("union-title-" + unique);
		union.addBase(Enumerations.VersionIndependentResourceTypesAll.LIBRARY);
		union.addBase(Enumerations.VersionIndependentResourceTypesAll.EVIDENCE);
		union.setType(Enumerations.SearchParamType.STRING);
		union.setExpression("(Library.title | Evidence.title)");
		union.setProcessingMode(SearchParameter.SearchProcessingModeType.NORMAL);
		client().create().resource(union).execute();
		searchParamRegistry.forceRefresh();

		Evidence evidence = TestResources.evidence("A claim indexed through a union");
		evidence.setTitle("Union" + unique);
		String id = client().create().resource(evidence).execute().getId().getIdPart();

		Bundle found = client().search()
				.byUrl("Evidence?union-title-" + unique + "=Union" + unique)
				.returnBundle(Bundle.class)
				.execute();
		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(id);
	}

	/** A Library meant for patients aged {@code age} to 90 with Parkinson's disease. */
	private static Library libraryUsedIn(String title, int age) {
		Library library = TestResources.library(title);
		library.addUseContext(new UsageContext(new Coding(USE_CONTEXT, "age", null),
				new Range().setLow(new Quantity(age).setUnit("a")).setHigh(new Quantity(90).setUnit("a"))));
		library.addUseContext(new UsageContext(new Coding(USE_CONTEXT, "focus", null),
				new CodeableConcept(new Coding("http://snomed.info/sct", "49049000", "Parkinson's disease"))));
		return library;
	}

	private List<String> libraryIds(String query) {
		Bundle found = client().search()
				.byUrl("Library?" + query)
				.returnBundle(Bundle.class)
				.execute();
		return found.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static Map<String, Function<ISearchParamExtractor, Collection<?>>> indexKinds(IBaseResource resource) {
		Map<String, Function<ISearchParamExtractor, Collection<?>>> kinds = new LinkedHashMap<>();
		kinds.put("tokens", e -> e.extractSearchParamTokens(resource));
		kinds.put("strings", e -> e.extractSearchParamStrings(resource));
		kinds.put("uris", e -> e.extractSearchParamUri(resource));
		kinds.put("dates", e -> e.extractSearchParamDates(resource));
		kinds.put("numbers", e -> e.extractSearchParamNumber(resource));
		kinds.put("quantities", e -> e.extractSearchParamQuantity(resource));
		kinds.put("composites", e -> e.extractSearchParamComposites(resource));
		kinds.put("references", e -> e.extractResourceLinks(resource, false));
		return kinds;
	}

	/** Index values as text, without the identity hashes HAPI's toString prints. */
	private static List<String> sorted(Collection<?> values) {
		return values.stream()
				.map(value -> IDENTITY_HASH.matcher(String.valueOf(value)).replaceAll(""))
				.sorted()
				.toList();
	}

	private static Map<String, String> articles() throws IOException {
		Map<String, String> articles = new LinkedHashMap<>();
		articles.put(Articles.REFERENCE.getFileName().toString(), Articles.reference());
		try (Stream<Path> examples = Files.list(Articles.EXAMPLES)) {
			examples.sorted().forEach(p -> articles.put(p.getFileName().toString(), Articles.read(p)));
		}
		CorpusGenerator corpus = new CorpusGenerator(23, GENERATED);
		for (int i = 0; i < GENERATED; i++) {
			articles.put(corpus.fileName(i), corpus.text(i));
		}
		return articles;
	}
}
