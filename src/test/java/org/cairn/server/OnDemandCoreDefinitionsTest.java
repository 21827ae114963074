package org.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hl7.fhir.common.hapi.validation.support.DefaultProfileValidationSupportNpmStrategy;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.SearchParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The R5 definitions parsed on demand answer every lookup as HAPI's own loader (which parses all
 * of them up front) does: the validator and the search parameter extractor see no difference.
 */
class OnDemandCoreDefinitionsTest {

	private static final FhirContext R5 = FhirContext.forR5Cached();

	private static IValidationSupport hapis;
	private static OnDemandCoreDefinitions onDemand;

	@BeforeAll
	static void loadBoth() {
		hapis = new DefaultProfileValidationSupportNpmStrategy(R5);
		onDemand = new OnDemandCoreDefinitions(R5);
	}

	@Test
	void everyStructureDefinitionIsFoundByEachNameHapiFilesItUnder() {
		List<CanonicalResource> all = canonical(hapis.fetchAllStructureDefinitions());
		assertThat(canonical(onDemand.fetchAllStructureDefinitions()))
				.extracting(CanonicalResource::getUrl)
				.containsExactlyInAnyOrderElementsOf(all.stream().map(CanonicalResource::getUrl).toList());
		assertSameAnswers(all, IValidationSupport::fetchStructureDefinition);
		assertThat(url(onDemand.fetchStructureDefinition("Library"))).isEqualTo("http://hl7.org/fhir/StructureDefinition/Library|5.0.0");
		assertThat(url(onDemand.fetchStructureDefinition("StructureDefinition/Evidence")))
				.isEqualTo("http://hl7.org/fhir/StructureDefinition/Evidence|5.0.0");
	}

	@Test
	void everyCodeSystemAndValueSetIsFoundAsHapiFindsIt() {
		List<CanonicalResource> conformance = canonical(hapis.fetchAllConformanceResources());
		List<CanonicalResource> codeSystems = conformance.stream().filter(r -> r.fhirType().equals("CodeSystem")).toList();
		List<CanonicalResource> valueSets = conformance.stream().filter(r -> r.fhirType().equals("ValueSet")).toList();
		assertThat(codeSystems).hasSizeGreaterThan(1000);
		assertThat(valueSets).hasSizeGreaterThan(3000);
		assertSameAnswers(codeSystems, IValidationSupport::fetchCodeSystem);
		assertSameAnswers(valueSets, IValidationSupport::fetchValueSet);

		ValidationSupportContext context = new ValidationSupportContext(onDemand);
		assertThat(onDemand.isCodeSystemSupported(context, "http://hl7.org/fhir/publication-status")).isTrue();
		assertThat(onDemand.isValueSetSupported(context, "http://hl7.org/fhir/ValueSet/publication-status")).isTrue();
		assertThat(onDemand.isCodeSystemSupported(context, "http://example.org/no-such-system")).isFalse();
		assertThat(onDemand.fetchValueSet("http://example.org/no-such-value-set")).isNull();
	}

	@Test
	void codeSystemsAndValueSetsKeptCompressedParseAsTheyDoUncompressed() {
		OnDemandCoreDefinitions compressed = new OnDemandCoreDefinitions(R5);
		OnDemandCoreDefinitions uncompressed = new OnDemandCoreDefinitions(R5);
		compressed.fetchValueSet("http://hl7.org/fhir/ValueSet/publication-status");
		compressed.compressUnparsedTerminology();

		IParser json = R5.newJsonParser();
		List<CanonicalResource> conformance = canonical(hapis.fetchAllConformanceResources());
		List<String> codeSystems = urls(conformance, "CodeSystem");
		List<String> valueSets = urls(conformance, "ValueSet");
		assertThat(codeSystems.size() + valueSets.size()).isGreaterThan(4000);
		for (String url : codeSystems) {
			assertThat(json.encodeResourceToString(compressed.fetchCodeSystem(url)))
					.as(url)
					.isEqualTo(json.encodeResourceToString(uncompressed.fetchCodeSystem(url)));
		}
		for (String url : valueSets) {
			assertThat(json.encodeResourceToString(compressed.fetchValueSet(url)))
					.as(url)
					.isEqualTo(json.encodeResourceToString(uncompressed.fetchValueSet(url)));
		}
	}

	private static List<String> urls(List<CanonicalResource> resources, String type) {
		return resources.stream()
				.filter(resource -> resource.fhirType().equals(type))
				.map(resource -> resource.getUrl() + (resource.hasVersion() ? "|" + resource.getVersion() : ""))
				.distinct()
				.toList();
	}

	@Test
	void theCoreSearchParametersAreTheOnesHapiLoads() {
		Function<IValidationSupport, List<String>> urls = support -> support.<IBaseResource>fetchAllSearchParameters().stream()
				.map(parameter -> ((SearchParameter) parameter).getUrl())
				.toList();
		assertThat(urls.apply(onDemand)).hasSizeGreaterThan(1000).containsExactlyInAnyOrderElementsOf(urls.apply(hapis));
	}

	@Test
	void parsedDefinitionsCarryNoNarrative() {
		DomainResource library = (DomainResource) onDemand.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Library");
		assertThat(library.hasText()).isFalse();
		assertThat(((DomainResource) hapis.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/Library")).hasText())
				.isTrue();
	}

	@Test
	void theFilesHapiKeepsAsBinariesAreThereToo() {
		// spec.internals is in all three packages and validation-oo.json in two: the last one's is kept
		for (String key : List.of("spec.internals", "sdmap.details", "zachman.png", "validation-oo.json", "ig-r4.json")) {
			assertThat(onDemand.fetchBinary(key)).as(key).isNotNull().isEqualTo(hapis.fetchBinary(key));
		}
		assertThat(onDemand.fetchBinary("no-such-file.png")).isNull();
	}

	/** Looks each resource up by URL, URL|version and the URL's last segments, in both. */
	private static void assertSameAnswers(
			List<CanonicalResource> resources, BiFunction<IValidationSupport, String, IBaseResource> lookup) {
		for (CanonicalResource resource : resources) {
			String url = resource.getUrl();
			List<String> keys = resource.hasVersion() ? List.of(url, url + "|" + resource.getVersion()) : List.of(url);
			for (String key : keys) {
				for (String each : List.of(key, key.substring(key.lastIndexOf('/') + 1))) {
					assertThat(url(lookup.apply(onDemand, each)))
							.as("lookup of %s", each)
							.isEqualTo(url(lookup.apply(hapis, each)));
				}
			}
		}
	}

	private static List<CanonicalResource> canonical(List<? extends IBaseResource> resources) {
		return resources.stream().map(CanonicalResource.class::cast).toList();
	}

	private static String url(IBaseResource resource) {
		return resource == null ? null : ((CanonicalResource) resource).getUrl() + "|" + ((CanonicalResource) resource).getVersion();
	}
}
