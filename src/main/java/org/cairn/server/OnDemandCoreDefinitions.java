package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.util.ILockable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.cairn.server.CoreDefinitionPackages.Definition;
import org.cairn.server.CoreDefinitionPackages.Kind;
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
 * {@code .index.json}; what start-up itself asks for (every StructureDefinition, the core
 * SearchParameters) is parsed on a second thread while Spring boots, CodeSystems and ValueSets
 * when the validator first needs each.
 *
 * <p>It is put in place of HAPI's R5 implementation behind {@link DefaultProfileValidationSupport}
 * (which keeps one per FHIR version for the whole JVM), so every R5 {@link FhirContext} and the
 * JPA validation chain use it. Lookups answer exactly as HAPI's pre-populated support does: by
 * URL, URL|version, or the URL's last one or two path segments; a later package, and within a
 * package a later file name, wins a tie.
 *
 * <p>Narratives are cut from the JSON before it is parsed: nothing reads them, they are over half
 * of a StructureDefinition's JSON, and held they were half the heap of an idle server.
 */
public final class OnDemandCoreDefinitions implements IValidationSupport, ILockable {

	private final FhirContext fhirContext;
	/** Unpacking and indexing the packages: run by a start-up thread, or by the first lookup. */
	private final FutureTask<CoreDefinitionPackages> packages = new FutureTask<>(CoreDefinitionPackages::read);

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

	void compressUnparsedTerminology() {
		packages().compressUnparsed(Kind.CodeSystem, Kind.ValueSet);
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
	 * Then the CodeSystems and ValueSets no validation has asked for yet are compressed (27 MB of
	 * JSON, 7 MB compressed), still during start-up, so the garbage it leaves is gone before the
	 * heap settles to its idle size; compressing while the packages are read, which the main
	 * thread waits for, added 0.3 s to start-up.
	 */
	private void readAndParseWhatStartUpNeeds() {
		fetchAllStructureDefinitions();
		fetchAllSearchParameters();
		compressUnparsedTerminology();
	}

	private CoreDefinitionPackages packages() {
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

	private IBaseResource find(Kind kind, String url) {
		Definition definition = packages().find(kind, url);
		return definition == null ? null : definition.resource(fhirContext);
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> List<T> parseAll(Kind kind) {
		List<T> resources = new ArrayList<>();
		for (Definition definition : packages().all(kind)) {
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
		return packages().find(Kind.CodeSystem, system) != null;
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String url) {
		return packages().find(Kind.ValueSet, url) != null;
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
			for (Definition definition : packages().all(kind)) {
				if (definition.isParsed()) {
					resources.add(definition.resource(fhirContext));
				}
			}
		}
		return resources;
	}

	@Override
	public byte[] fetchBinary(String key) {
		return packages().binary(key);
	}

	/** Nothing is ever added after start-up. */
	@Override
	public void lock() {}
}
