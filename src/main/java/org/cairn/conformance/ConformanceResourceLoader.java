package org.cairn.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads Cairn's conformance resources from {@code fhir-resources/} at start-up.
 *
 * <p>Each file holds one resource with a fixed id and is stored by update, so loading is
 * idempotent: an unchanged file leaves its resource at the same version, an edited one makes a
 * new version. Every file is parsed before anything is stored, so one malformed file stops
 * start-up, naming the file, without having loaded the others half-way.
 */
@Component
@Order(0)
public class ConformanceResourceLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ConformanceResourceLoader.class);

	/** Definitions first: value sets need their code systems, search parameters their extensions. */
	private static final List<String> LOAD_ORDER =
			List.of("CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter");

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final ConformanceProperties properties;
	private final SearchParameterReindexing reindexing;

	public ConformanceResourceLoader(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			ConformanceProperties properties,
			SearchParameterReindexing reindexing) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.properties = properties;
		this.reindexing = reindexing;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (properties.dir() == null || !Files.isDirectory(properties.dir())) {
			log.warn("No conformance folder at {}: none loaded", properties.dir());
			return;
		}
		ConformanceLoadReport report = load(properties.dir());
		log.info(
				"Conformance resources from {}: {} created, {} updated, {} unchanged",
				properties.dir(),
				report.created(),
				report.updated(),
				report.unchanged());
	}

	public ConformanceLoadReport load(Path dir) {
		List<IBaseResource> resources = resourceFiles(dir).stream()
				.map(this::parse)
				.sorted(Comparator.comparingInt(this::loadRank))
				.toList();
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		boolean searchParametersChanged = false;
		for (IBaseResource resource : resources) {
			SystemRequestDetails request = resource instanceof SearchParameter parameter
					? reindexing.requestToStore(parameter)
					: new SystemRequestDetails();
			DaoMethodOutcome outcome = daoRegistry.getResourceDao(resource).update(resource, request);
			if (Boolean.TRUE.equals(outcome.getCreated())) {
				created++;
			} else if (outcome.isNop()) {
				unchanged++;
			} else {
				updated++;
			}
			searchParametersChanged |= resource instanceof SearchParameter && !outcome.isNop();
		}
		if (searchParametersChanged) {
			reindexing.refreshRegistry();
		}
		return new ConformanceLoadReport(created, updated, unchanged);
	}

	private List<Path> resourceFiles(Path dir) {
		List<Path> excluded = properties.exclude().stream().map(dir::resolve).toList();
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile)
					.filter(file -> excluded.stream().noneMatch(file::startsWith))
					.filter(file -> file.toString().endsWith(".json") || file.toString().endsWith(".xml"))
					.sorted()
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read conformance folder " + dir, e);
		}
	}

	private IBaseResource parse(Path file) {
		IParser parser = file.toString().endsWith(".json") ? fhirContext.newJsonParser() : fhirContext.newXmlParser();
		parser.setParserErrorHandler(new StrictErrorHandler());
		IBaseResource resource;
		try {
			resource = parser.parseResource(Files.readString(file));
		} catch (DataFormatException e) {
			throw new MalformedConformanceResourceException(file, e.getMessage(), e);
		} catch (IOException e) {
			throw new MalformedConformanceResourceException(file, "cannot be read", e);
		}
		if (resource.getIdElement().getIdPart() == null) {
			throw new MalformedConformanceResourceException(file, "has no id, so it cannot be loaded idempotently", null);
		}
		if (!daoRegistry.isResourceTypeSupported(fhirContext.getResourceType(resource))) {
			throw new MalformedConformanceResourceException(
					file, fhirContext.getResourceType(resource) + " is not a resource type Cairn serves", null);
		}
		return resource;
	}

	private int loadRank(IBaseResource resource) {
		int rank = LOAD_ORDER.indexOf(fhirContext.getResourceType(resource));
		return rank < 0 ? LOAD_ORDER.size() : rank;
	}
}
