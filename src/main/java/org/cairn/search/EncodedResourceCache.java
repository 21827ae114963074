package org.cairn.search;

import ca.uhn.fhir.parser.IParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseMetaType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * The JSON of stored resource versions as HAPI encodes them in a response, kept so that a version
 * served again is not encoded again (encoding was the largest share of a search's CPU once parsing
 * was cached).
 *
 * <p>A stored version's content never changes; what may change without a new version (tags,
 * profiles, security labels, source) is part of the key, as is the server base the encoder
 * shortens references against. Bounded by the length of the JSON it holds.
 */
public class EncodedResourceCache {

	private final Cache<Key, String> json;

	public EncodedResourceCache(long maxChars) {
		this.json = Caffeine.newBuilder()
				.maximumWeight(maxChars)
				.<Key, String>weigher((key, value) -> value.length())
				.build();
	}

	/**
	 * The resource's JSON from the cache, or encoded with {@code parser} and kept. Resources that
	 * are not a stored version (no version id or last-updated time) are encoded and not kept.
	 */
	public String encode(IBaseResource resource, IParser parser, String serverBase) {
		Key key = Key.of(resource, serverBase);
		if (key == null) {
			return parser.encodeResourceToString(resource);
		}
		return json.get(key, k -> parser.encodeResourceToString(resource));
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
			IPrimitiveType<String> source = sourceOf(meta);
			out.append('|').append(source == null ? "" : source.getValueAsString());
			for (IPrimitiveType<String> profile : meta.getProfile()) {
				out.append("|p:").append(profile.getValueAsString());
			}
			codings(out, "|t:", meta.getTag());
			codings(out, "|s:", meta.getSecurity());
			return out.toString();
		}

		private static IPrimitiveType<String> sourceOf(IBaseMetaType meta) {
			return meta instanceof org.hl7.fhir.r5.model.Meta r5 ? r5.getSourceElement() : null;
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
