package org.cairn.search;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A stored version's JSON as an answer holds it, made from the stored JSON without parsing it.
 *
 * <p>HAPI stores a resource's JSON without its id and meta, and writes a resource in an answer as
 * its type, id and meta followed by the other elements in the order it stored them. So the id and
 * meta of a stand-in, encoded, then the stored elements, copied, are the bytes HAPI would write
 * after parsing. Not so in two cases, which get null and are parsed as before: a stored JSON with a
 * meta of its own (HAPI keeps the meta's extensions there, and the rest of the meta in its tables),
 * and one naming the answer's server base (the encoder writes references to that base relative,
 * and a resource stored while the server was reached under another name may hold them absolute).
 */
final class StoredJsonAnswer {

	private StoredJsonAnswer() {}

	/**
	 * @param standIn the version's resource with only its id and meta, as HAPI sets them after parsing
	 * @param storedJson the version's stored JSON
	 * @param serverBase the base the answer's references are written against
	 * @return the answer's JSON of this version, or null when it must be parsed and encoded
	 */
	static byte[] of(FhirContext fhirContext, IBaseResource standIn, String storedJson, String serverBase) {
		String start = "{\"resourceType\":\"" + standIn.fhirType() + "\"";
		if (!storedJson.startsWith(start + ",")
				|| storedJson.startsWith(start + ",\"meta\":")
				|| storedJson.contains(serverBase)) {
			return null;
		}
		String idAndMeta = fhirContext.newJsonParser().encodeResourceToString(standIn);
		if (!idAndMeta.startsWith(start) || !idAndMeta.endsWith("}")) {
			return null;
		}
		String json = idAndMeta.substring(0, idAndMeta.length() - 1) + storedJson.substring(start.length());
		return json.getBytes(StandardCharsets.UTF_8);
	}
}
