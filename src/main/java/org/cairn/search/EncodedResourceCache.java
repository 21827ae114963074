package org.cairn.search;

import ca.uhn.fhir.parser.IParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseMetaType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r5.model.Meta;

/**
 * The JSON (UTF-8) of stored resource versions as HAPI encodes them in an answer, kept so that a
 * version served again is neither parsed nor encoded again: together they were most of a
 * search's CPU.
 *
 * <p>A stored version's content never changes; what may change without a new version (tags,
 * profiles, security labels, source) is part of the key, as is the server base the encoder
 * shortens references against. Bounded by the bytes it holds; a size of 0 keeps nothing.
 */
public class EncodedResourceCache {

	/** User data of a resource whose JSON was found or kept here: a stand-in carrying only id and meta. */
	static final String JSON_USER_DATA = EncodedResourceCache.class.getName() + ".json";

	private final Cache<Key, byte[]> json;

	public EncodedResourceCache(long maxBytes) {
		this.json = maxBytes <= 0
				? null
				: Caffeine.newBuilder()
						.maximumWeight(maxBytes)
						.<Key, byte[]>weigher((key, value) -> value.length)
						.build();
	}

	public boolean isEnabled() {
		return json != null;
	}

	/** The kept JSON of this version with this meta, or null. */
	byte[] find(IBaseResource resource, String serverBase) {
		Key key = json == null ? null : Key.of(resource, serverBase);
		return key == null ? null : json.getIfPresent(key);
	}

	/** Keeps {@code json} as this version's JSON with this meta (when it is a stored version); returns it. */
	byte[] keep(IBaseResource resource, String serverBase, byte[] resourceJson) {
		Key key = json == null ? null : Key.of(resource, serverBase);
		if (key != null) {
			json.put(key, resourceJson);
		}
		return resourceJson;
	}

	/**
	 * The resource's JSON: carried by a stand-in, kept, or encoded with {@code parser} (and kept
	 * when it is a stored version, i.e. has a version id and last-updated time).
	 */
	byte[] encode(IBaseResource resource, IParser parser, String serverBase) {
		if (resource.getUserData(JSON_USER_DATA) instanceof byte[] carried) {
			return carried;
		}
		Key key = json == null ? null : Key.of(resource, serverBase);
		if (key == null) {
			return utf8(parser.encodeResourceToString(resource));
		}
		return json.get(key, k -> utf8(parser.encodeResourceToString(resource)));
	}

	private static byte[] utf8(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private record Key(String serverBase, String id, String version, String meta) {

		static Key of(IBaseResource resource, String serverBase) {
			IIdType id = resource.getIdElement();
			IBaseMetaType meta = resource.getMeta();
			if (id == null || !id.hasIdPart() || !id.hasResourceType() || meta.getLastUpdated() == null) {
				return null;
			}
			String version = meta.getVersionId() != null ? meta.getVersionId() : id.getVersionIdPart();
			if (version == null) {
				return null;
			}
			return new Key(serverBase, id.getResourceType() + "/" + id.getIdPart(), version, metaOf(meta));
		}

		/** What of the meta can change without a new version, written out as one string. */
		private static String metaOf(IBaseMetaType meta) {
			StringBuilder out = new StringBuilder().append(meta.getLastUpdated().getTime());
			if (meta instanceof Meta r5) {
				out.append('|').append(r5.getSource());
			}
			meta.getProfile().forEach(profile -> out.append("|p:").append(profile.getValueAsString()));
			codings(out, "|t:", meta.getTag());
			codings(out, "|s:", meta.getSecurity());
			return out.toString();
		}

		private static void codings(StringBuilder out, String prefix, List<? extends IBaseCoding> codings) {
			for (IBaseCoding coding : codings) {
				out.append(prefix)
						.append(coding.getSystem()).append('^')
						.append(coding.getVersion()).append('^')
						.append(coding.getCode()).append('^')
						.append(coding.getDisplay()).append('^')
						.append(coding.getUserSelected());
			}
		}
	}
}
