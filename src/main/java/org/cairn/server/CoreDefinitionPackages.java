package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.ClasspathUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's three R5 definition packages (core, extensions, terminology) unpacked and indexed by URL,
 * each definition kept as its JSON until {@link Definition#resource} first parses it. Read by
 * {@link OnDemandCoreDefinitions}.
 *
 * <p>CodeSystems and ValueSets, most of which no validation ever asks for, can be compressed once
 * what start-up needs is parsed ({@link #compressUnparsed}: 27 MB of JSON, 7 MB compressed). The
 * packages' other files (images and reports, 18 MB, which nothing in Cairn reads) are read again
 * from their package when asked for.
 */
final class CoreDefinitionPackages {

	private static final String PACKAGE_DIR = "org/hl7/fhir/r5/packages/";
	/** Inside each package: its resources, and the other files HAPI serves as binaries. */
	private static final String PACKAGE_FOLDER = "package/";
	private static final String BINARY_FOLDER = "other/";

	/** In HAPI's order; only the core's search parameters are loaded, as HAPI does. */
	private static final List<Source> SOURCES = List.of(
			new Source("hl7.fhir.r5.core-5.0.0.tgz", true),
			new Source("hl7.fhir.uv.extensions.r5-1.0.0.tgz", false),
			new Source("hl7.terminology-5.1.0.tgz", false));

	/** The kinds of definition HAPI keeps from its packages. */
	enum Kind {
		StructureDefinition,
		CodeSystem,
		ValueSet,
		SearchParameter
	}

	private record Source(String file, boolean withSearchParameters) {}

	private final Map<Kind, List<Definition>> all = new EnumMap<>(Kind.class);
	private final Map<Kind, Map<String, Definition>> byUrl = new EnumMap<>(Kind.class);
	/** Each other file's package, the last of the packages that have it. */
	private final Map<String, Source> binaries = new HashMap<>();

	private CoreDefinitionPackages() {
		for (Kind kind : Kind.values()) {
			all.put(kind, new ArrayList<>());
			byUrl.put(kind, new HashMap<>());
		}
	}

	static CoreDefinitionPackages read() {
		CoreDefinitionPackages packages = new CoreDefinitionPackages();
		for (Source source : SOURCES) {
			packages.read(source);
		}
		return packages;
	}

	List<Definition> all(Kind kind) {
		return all.get(kind);
	}

	/** By URL, URL|version, or the URL's last one or two path segments; null if none. */
	Definition find(Kind kind, String url) {
		return url == null ? null : byUrl.get(kind).get(url);
	}

	/** Compresses the JSON of the definitions of these kinds not parsed yet. */
	void compressUnparsed(Kind... kinds) {
		for (Kind kind : kinds) {
			all.get(kind).forEach(Definition::compress);
		}
	}

	/** An other file of the packages, read from its package again; null if none has it. */
	byte[] binary(String key) {
		Source source = binaries.get(key);
		if (source == null) {
			return null;
		}
		byte[][] found = new byte[1][];
		String wanted = PACKAGE_FOLDER + BINARY_FOLDER + key;
		readEntries(source, (name, tar) -> {
			if (name.equals(wanted)) {
				found[0] = tar.readAllBytes();
			}
		});
		return found[0];
	}

	private void read(Source source) {
		Map<String, byte[]> files = new HashMap<>();
		byte[][] index = new byte[1][];
		readEntries(source, (name, tar) -> {
			if (!name.startsWith(PACKAGE_FOLDER)) {
				return;
			}
			String path = name.substring(PACKAGE_FOLDER.length());
			if (path.equals(".index.json")) {
				index[0] = tar.readAllBytes();
			} else if (path.startsWith(BINARY_FOLDER) && path.indexOf('/', BINARY_FOLDER.length()) < 0) {
				binaries.put(path.substring(BINARY_FOLDER.length()), source);
			} else if (path.indexOf('/') < 0 && isKept(path)) {
				files.put(path, tar.readAllBytes());
			}
		});
		if (index[0] == null) {
			throw new IllegalStateException(source.file() + " has no package/.index.json");
		}
		indexFiles(source, index[0], files);
	}

	private interface EntryReader {
		void read(String name, TarArchiveInputStream tar) throws IOException;
	}

	private static void readEntries(Source source, EntryReader reader) {
		try (InputStream tgz = ClasspathUtil.loadResourceAsStream(PACKAGE_DIR + source.file());
				TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz, 1 << 16))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				reader.read(entry.getName(), tar);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + source.file(), e);
		}
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
	static final class Definition {

		private byte[] json;
		private boolean compressed;
		private volatile IBaseResource resource;

		Definition(byte[] json) {
			this.json = json;
		}

		synchronized void compress() {
			if (resource == null && !compressed) {
				json = deflate(json);
				compressed = true;
			}
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
						parsed = parser.parseResource(withoutNarrative(compressed ? inflate(json) : json));
						resource = parsed;
						json = null;
					}
				}
			}
			return parsed;
		}

		private static byte[] deflate(byte[] json) {
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try {
				deflater.setInput(json);
				deflater.finish();
				ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
				byte[] buffer = new byte[8192];
				while (!deflater.finished()) {
					out.write(buffer, 0, deflater.deflate(buffer));
				}
				return out.toByteArray();
			} finally {
				deflater.end();
			}
		}

		private static byte[] inflate(byte[] compressed) {
			try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
				return in.readAllBytes();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
