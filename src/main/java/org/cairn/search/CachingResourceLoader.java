package org.cairn.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.IResourceMetadataExtractorSvc;
import ca.uhn.fhir.jpa.dao.IResourceMetadataExtractorSvc.ProvenanceDetails;
import ca.uhn.fhir.jpa.dao.TolerantJsonParser;
import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceServiceRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.BaseTag;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.search.BatchResourceLoader;
import ca.uhn.fhir.jpa.util.ResourceParserUtil;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.IMetaTagSorter;
import ca.uhn.fhir.util.MetaUtil;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Resource;

/**
 * Loads the resources of a search page (matches and includes) as HAPI does, but keeps each stored
 * version it parses, so that the next search returning it copies it instead of parsing its JSON
 * again — the largest share of a search's CPU (see {@code bench/README.md}).
 *
 * <p>A stored version never changes (an update makes a new one), so resource and version are the
 * key. What may change without a new version — tags, profiles, security labels — is applied to
 * every copy from the database, after the copy, exactly as HAPI applies it after parsing.
 * The cache is bounded by the length of the JSON it holds ({@code cairn.search.parsed-resource-cache}).
 * History, deleted versions and partitions take HAPI's own path.
 *
 * <p>For an answer that {@link CachedJsonBundleWriter} writes, a version is not even parsed: a
 * stand-in with its id and meta carries the version's JSON to the writer, kept from an earlier
 * answer or made from the stored JSON.
 */
public class CachingResourceLoader extends BatchResourceLoader {

	private static final LenientErrorHandler LENIENT = new LenientErrorHandler(false).disableAllErrors();

	private final FhirContext fhirContext;
	private final IResourceMetadataExtractorSvc metadata;
	private final IJpaStorageResourceParser storageParser;
	private final IMetaTagSorter tagSorter;
	private final PartitionSettings partitionSettings;
	private final Cache<StoredVersion, Parsed> parsed;
	private final EncodedResourceCache encoded;

	public CachingResourceLoader(
			FhirContext fhirContext,
			IResourceMetadataExtractorSvc metadata,
			IJpaStorageResourceParser storageParser,
			ExternallyStoredResourceServiceRegistry externallyStored,
			IMetaTagSorter tagSorter,
			PartitionSettings partitionSettings,
			IPartitionLookupSvc partitionLookup,
			SearchProperties properties,
			EncodedResourceCache encoded) {
		super(fhirContext, metadata, storageParser, externallyStored, tagSorter, partitionSettings, partitionLookup);
		this.fhirContext = fhirContext;
		this.metadata = metadata;
		this.storageParser = storageParser;
		this.tagSorter = tagSorter;
		this.partitionSettings = partitionSettings;
		this.encoded = encoded;
		long maxChars = properties.parsedResourceCache().toBytes();
		this.parsed = maxChars <= 0
				? null
				: Caffeine.newBuilder()
						.maximumWeight(maxChars)
						.<StoredVersion, Parsed>weigher((version, entry) -> entry.jsonLength())
						.build();
	}

	@Override
	public List<ResourceLoadResult> loadResources(List<ResourceHistoryTable> versions, boolean forHistory) {
		if (parsed == null
				|| forHistory
				|| partitionSettings.isPartitioningEnabled()
				|| !versions.stream().allMatch(this::isStoredJson)) {
			return super.loadResources(versions, forHistory);
		}
		Map<JpaPid, Collection<BaseTag>> tags = metadata.getTagsBatch(versions);
		String answerBase = encoded.isEnabled() ? CachedJsonScope.serverBase() : null;
		List<ResourceLoadResult> results = new ArrayList<>(versions.size());
		for (ResourceHistoryTable version : versions) {
			IBaseResource resource = answerBase == null ? null : standIn(version, tags, answerBase);
			if (resource == null) {
				resource = withMetadata(version, tags, parsed.get(StoredVersion.of(version), key -> parse(version))
						.resource()
						.copy());
			}
			results.add(new ResourceLoadResult(version.getPersistentId(), resource, false));
		}
		return results;
	}

	/**
	 * An empty resource with the version's id and meta, carrying the version's JSON as the answer
	 * holds it: kept from before, or made from the stored JSON ({@link StoredJsonAnswer}) and kept.
	 * Null when neither can be had. Only for answers {@link CachedJsonBundleWriter} writes
	 * ({@link CachedJsonScope}).
	 */
	private IBaseResource standIn(ResourceHistoryTable version, Map<JpaPid, Collection<BaseTag>> tags, String base) {
		IBaseResource standIn = withMetadata(version, tags,
				fhirContext.getResourceDefinition(version.getResourceType()).newInstance());
		byte[] json = encoded.find(standIn, base);
		if (json == null) {
			byte[] made = StoredJsonAnswer.of(fhirContext, standIn, storedJson(version), base);
			if (made == null) {
				return null;
			}
			json = encoded.keep(standIn, base, made);
		}
		standIn.setUserData(EncodedResourceCache.JSON_USER_DATA, json);
		return standIn;
	}

	/** Id, version, time, tags and source from the database, as HAPI applies them after parsing. */
	private IBaseResource withMetadata(
			ResourceHistoryTable version, Map<JpaPid, Collection<BaseTag>> tags, IBaseResource resource) {
		resource = storageParser.populateResourceMetadata(
				version, false, tags.get(version.getPersistentId()), version.getVersion(), resource);
		ProvenanceDetails source = metadata.getProvenanceDetails(version);
		MetaUtil.populateResourceSource(fhirContext, source.provenanceSourceUri(), source.provenanceRequestId(), resource);
		tagSorter.sort(resource.getMeta());
		return resource;
	}

	private boolean isStoredJson(ResourceHistoryTable version) {
		return version.getDeleted() == null
				&& (version.getEncoding() == ResourceEncodingEnum.JSON
						|| version.getEncoding() == ResourceEncodingEnum.JSONC)
				&& version.getFhirVersion() == fhirContext.getVersion().getVersion();
	}

	private static String storedJson(ResourceHistoryTable version) {
		return ResourceParserUtil.getResourceText(
				version.getResource(), version.getResourceTextVc(), version.getEncoding());
	}

	private Parsed parse(ResourceHistoryTable version) {
		String json = storedJson(version);
		Class<? extends IBaseResource> type =
				fhirContext.getResourceDefinition(version.getResourceType()).getImplementingClass();
		IBaseResource resource =
				new TolerantJsonParser(fhirContext, LENIENT, version.getPersistentId()).parseResource(type, json);
		return new Parsed((Resource) resource, json.length());
	}

	private record StoredVersion(long resourcePid, long version) {
		static StoredVersion of(ResourceHistoryTable version) {
			return new StoredVersion(version.getResourceId().getId(), version.getVersion());
		}
	}

	/** A parsed version, never handed out itself: callers get copies they may change. */
	private record Parsed(Resource resource, int jsonLength) {}
}
