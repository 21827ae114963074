package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.ClasspathUtil;
import ca.uhn.fhir.util.ILockable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.SearchParameter;

/**
 * The FHIR R5 definitions HAPI ships (core, extensions, terminology), each parsed the first time
 * it is asked for.
 *
 * <p>HAPI's own loader parses every JSON file of the three packages the first time anything asks
 * for R5 validation support, which the search parameter extractor does during start-up: about
 * 180 MB of JSON, StructureMaps and example Bundles it then drops included, 15 s of CPU on a
 * 2-core machine. Here start-up only unpacks the four kinds HAPI keeps (StructureDefinition,
 * CodeSystem, ValueSet, SearchParameter) and indexes them by URL from each package's
 * {@code .index.json}; the validator parses the ones it uses when it first validates.
 *
 * <p>It is put in place of HAPI's R5 implementation behind {@link DefaultProfileValidationSupport}
 * (which keeps one per FHIR version for the whole JVM), so every R5 {@link FhirContext} and the
 * JPA validation chain use it. Lookups answer exactly as HAPI's pre-populated support does: by
 * URL, URL|version, or the URL's last one or two path segments; a later package wins a tie.
 *
 * <p>Narratives are dropped once parsed: nothing reads them, and they were half the heap of an
 * idle server.
 */
public final class OnDemandCoreDefinitions implements IValidationSupport, ILockable {

	private static final String PACKAGE_DIR = "org/hl7/fhir/r5/packages/";

	/** In HAPI's order; only the core's search parameters are loaded, as HAPI does. */
	private static final List<Source> SOURCES = List.of(
			new Source("hl7.fhir.r5.core-5.0.0.tgz", true),
			new Source("hl7.fhir.uv.extensions.r5-1.0.0.tgz", false),
			new Source("hl7.terminology-5.1.0.tgz", false));

	private enum Kind {
		StructureDefinition,
		CodeSystem,
		ValueSet,
		SearchParameter
	}

	private record Source(String file, boolean withSearchParameters) {}

	private final FhirContext fhirContext;
	/** Unpacking and indexing the packages: run by a start-up thread, or by the first lookup. */
	private final FutureTask<Packages> packages = new FutureTask<>(this::readPackages);

	OnDemandCoreDefinitions(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * Makes this HAPI's R5 default profile support for the JVM, unless HAPI's own was made first,
	 * and reads the packages (about a second) on a second thread meanwhile.
	 */
	public static void install() {
		Map<FhirVersionEnum, IValidationSupport> implementations = defaultImplementations();
		OnDemandCoreDefinitions installed;
		synchronized (implementations) {
			if (implementations.containsKey(FhirVersionEnum.R5)) {
				return;
			}
			installed = new OnDemandCoreDefinitions(FhirContext.forR5Cached());
			implementations.put(FhirVersionEnum.R5, installed);
		}
		Thread reader = new Thread(installed::readAndParseWhatStartUpNeeds, "fhir-core-definitions");
		reader.setDaemon(true);
		reader.start();
	}

	@SuppressWarnings("unchecked")
	private static Map<FhirVersionEnum, IValidationSupport> defaultImplementations() {
		try {
			Field field = DefaultProfileValidationSupport.class.getDeclaredField("ourImplementations");
			field.setAccessible(true);
			return (Map<FhirVersionEnum, IValidationSupport>) field.get(null);
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("HAPI's DefaultProfileValidationSupport has changed", e);
		}
	}

	/**
	 * Start-up asks for every StructureDefinition (HAPI's FHIRPath engine for search parameters
	 * lists the types) and every core SearchParameter: those are parsed here, beside the boot.
	 */
	private void readAndParseWhatStartUpNeeds() {
		fetchAllStructureDefinitions();
		fetchAllSearchParameters();
	}

	private Packages packages() {
		packages.run();
		try {
			return packages.get();
		} catch (ExecutionException e) {
			throw new IllegalStateException("Cannot read HAPI's R5 definition packages", e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading HAPI's R5 definition packages", e);
		}
	}

	private Packages readPackages() {
		Packages read = new Packages();
		for (Source source : SOURCES) {
			read.read(source);
		}
		return read;
	}

	/** The definitions of all three packages, indexed. */
	private static final class Packages {

		private final Map<Kind, List<Definition>> all = new EnumMap<>(Kind.class);
		private final Map<Kind, Map<String, Definition>> byUrl = new EnumMap<>(Kind.class);
		private final Map<String, byte[]> binaries = new HashMap<>();

		Packages() {
			for (Kind kind : Kind.values()) {
				all.put(kind, new ArrayList<>());
				byUrl.put(kind, new HashMap<>());
			}
		}

		private void read(Source source) {
			Map<String, byte[]> files = new HashMap<>();
			byte[] index = null;
			try (InputStream tgz = ClasspathUtil.loadResourceAsStream(PACKAGE_DIR + source.file());
					TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz, 1 << 16))) {
				TarArchiveEntry entry;
				while ((entry = tar.getNextEntry()) != null) {
					String name = entry.getName();
					if (name.equals("package/.index.json")) {
						index = tar.readAllBytes();
					} else if (name.startsWith("package/other/") && name.indexOf('/', 14) < 0) {
						binaries.put(name.substring(14), tar.readAllBytes());
					} else if (name.startsWith("package/") && name.indexOf('/', 8) < 0 && isKept(name.substring(8))) {
						files.put(name.substring(8), tar.readAllBytes());
					}
				}
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read " + source.file(), e);
			}
			if (index == null) {
				throw new IllegalStateException(source.file() + " has no package/.index.json");
			}
			indexFiles(source, index, files);
		}

		/** File names in these packages start with their resource type; the index has the rest. */
		private static boolean isKept(String fileName) {
			for (Kind kind : Kind.values()) {
				if (fileName.startsWith(kind.name() + "-") && fileName.endsWith(".json")) {
					return true;
				}
			}
			return false;
		}

		private void indexFiles(Source source, byte[] index, Map<String, byte[]> files) {
			JsonNode entries;
			try {
				entries = new ObjectMapper().readTree(index).path("files");
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read the index of " + source.file(), e);
			}
			// HAPI adds a package's files in file name order, so where two share a URL the later name wins
			List<JsonNode> byFileName = new ArrayList<>();
			entries.forEach(byFileName::add);
			byFileName.sort(Comparator.comparing(entry -> entry.path("filename").asText()));
			for (JsonNode entry : byFileName) {
				Kind kind = kindOf(entry.path("resourceType").asText());
				if (kind == null || (kind == Kind.SearchParameter && !source.withSearchParameters())) {
					continue;
				}
				String fileName = entry.path("filename").asText();
				byte[] json = files.get(fileName);
				String url = entry.path("url").asText("");
				if (json == null || url.isBlank()) {
					throw new IllegalStateException(source.file() + ": " + fileName + " is indexed but not readable");
				}
				Definition definition = new Definition(json);
				all.get(kind).add(definition);
				for (String key : lookupKeys(url, entry.path("version").asText(""))) {
					byUrl.get(kind).put(key, definition);
				}
			}
		}

		private static Kind kindOf(String resourceType) {
			for (Kind kind : Kind.values()) {
				if (kind.name().equals(resourceType)) {
					return kind;
				}
			}
			return null;
		}

		/** The keys HAPI's PrePopulatedValidationSupport files a definition under. */
		private static List<String> lookupKeys(String url, String version) {
			int pipe = url.indexOf('|');
			String unversioned = pipe < 0 ? url : url.substring(0, pipe);
			List<String> urls = new ArrayList<>(List.of(url, unversioned));
			if (!version.isBlank()) {
				urls.add(unversioned + "|" + version);
			}
			List<String> keys = new ArrayList<>();
			for (String each : urls) {
				keys.add(each);
				int lastSlash = each.lastIndexOf('/');
				if (lastSlash >= 0) {
					keys.add(each.substring(lastSlash + 1));
					int previousSlash = each.lastIndexOf('/', lastSlash - 1);
					if (previousSlash >= 0) {
						keys.add(each.substring(previousSlash + 1));
					}
				}
			}
			return keys;
		}
	}

	private IBaseResource find(Kind kind, String url) {
		Definition definition = url == null ? null : packages().byUrl.get(kind).get(url);
		return definition == null ? null : definition.resource(fhirContext);
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> List<T> parseAll(Kind kind) {
		List<T> resources = new ArrayList<>();
		for (Definition definition : packages().all.get(kind)) {
			resources.add((T) definition.resource(fhirContext));
		}
		return Collections.unmodifiableList(resources);
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "R5 core, extension and terminology definitions (parsed on demand)";
	}

	@Override
	public IBaseResource fetchStructureDefinition(String url) {
		return find(Kind.StructureDefinition, url);
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		return find(Kind.CodeSystem, system);
	}

	@Override
	public IBaseResource fetchValueSet(String url) {
		return find(Kind.ValueSet, url);
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return packages().byUrl.get(Kind.CodeSystem).containsKey(system);
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String url) {
		return packages().byUrl.get(Kind.ValueSet).containsKey(url);
	}

	@Override
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		return parseAll(Kind.StructureDefinition);
	}

	@Override
	public <T extends IBaseResource> List<T> fetchAllSearchParameters() {
		List<T> searchParameters = new ArrayList<>(parseAll(Kind.SearchParameter));
		// HAPI leaves out the _in parameters, which its search engine does not support
		searchParameters.removeIf(parameter -> "_in".equals(((SearchParameter) parameter).getCode()));
		return Collections.unmodifiableList(searchParameters);
	}

	/**
	 * The CodeSystems, StructureDefinitions and ValueSets parsed so far. HAPI's only caller,
	 * {@code TermReadSvcImpl.invalidateCaches()} (run on every CodeSystem, ValueSet and
	 * StructureDefinition write), clears what earlier validations cached on these resources, and a
	 * definition never parsed has nothing cached: parsing all 6,000 for it took seconds per write.
	 */
	@Override
	public List<IBaseResource> fetchAllConformanceResources() {
		List<IBaseResource> resources = new ArrayList<>();
		for (Kind kind : List.of(Kind.CodeSystem, Kind.StructureDefinition, Kind.ValueSet)) {
			for (Definition definition : packages().all.get(kind)) {
				if (definition.isParsed()) {
					resources.add(definition.resource(fhirContext));
				}
			}
		}
		return resources;
	}

	@Override
	public byte[] fetchBinary(String key) {
		return packages().binaries.get(key);
	}

	/** Nothing is ever added after start-up. */
	@Override
	public void lock() {}

	private static final JsonFactory JSON = new JsonFactory();

	/**
	 * The resource's JSON without its top-level {@code text}: the narrative is over half of a
	 * StructureDefinition's JSON, and parsing its XHTML cost more than copying the rest.
	 */
	static String withoutNarrative(byte[] json) {
		StringWriter copy = new StringWriter(json.length);
		try (JsonParser in = JSON.createParser(json);
				JsonGenerator out = JSON.createGenerator(copy)) {
			if (in.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("A definition is not a JSON object");
			}
			out.writeStartObject();
			while (in.nextToken() == JsonToken.FIELD_NAME) {
				String name = in.currentName();
				in.nextToken();
				if (name.equals("text")) {
					in.skipChildren();
				} else {
					out.writeFieldName(name);
					out.copyCurrentStructure(in);
				}
			}
			out.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return copy.toString();
	}

	/** One definition's JSON, parsed (once) when first needed; the JSON is let go then. */
	private static final class Definition {

		private byte[] json;
		private volatile IBaseResource resource;

		Definition(byte[] json) {
			this.json = json;
		}

		boolean isParsed() {
			return resource != null;
		}

		IBaseResource resource(FhirContext fhirContext) {
			IBaseResource parsed = resource;
			if (parsed == null) {
				synchronized (this) {
					parsed = resource;
					if (parsed == null) {
						IParser parser = fhirContext.newJsonParser();
						parser.setParserErrorHandler(new LenientErrorHandler(false));
						parsed = parser.parseResource(withoutNarrative(json));
						resource = parsed;
						json = null;
					}
				}
			}
			return parsed;
		}
	}
}
