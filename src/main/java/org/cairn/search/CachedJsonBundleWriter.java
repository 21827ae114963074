package org.cairn.search;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.method.ElementsParameter;
import ca.uhn.fhir.util.DateUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r5.model.Binary;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Resource;

/**
 * Writes JSON Bundles answering GET requests (search pages, history) with each stored resource's
 * JSON taken from {@link EncodedResourceCache}: HAPI encodes the Bundle around placeholders, and
 * the resources' JSON goes where the placeholders were. The bytes are those HAPI would write
 * (checked by {@code CachedJsonBundleWriterTest}).
 *
 * <p>Runs after every other outgoing-response hook, so whatever they change or filter is what is
 * written. Requests for another format, pretty printing, {@code _summary}, {@code _elements}, or
 * a server with outgoing-writer hooks, take HAPI's own path.
 */
@Interceptor(order = CachedJsonBundleWriter.ORDER)
public class CachedJsonBundleWriter {

	/** Last among the outgoing-response hooks: the response is final when it is written. */
	static final int ORDER = Integer.MAX_VALUE - 1000;

	private final EncodedResourceCache cache;

	public CachedJsonBundleWriter(EncodedResourceCache cache) {
		this.cache = cache;
	}

	/** @return false when the response was written here (HAPI then writes nothing) */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	public boolean writeBundle(RequestDetails request, ResponseDetails response) {
		if (!(response.getResponseResource() instanceof Bundle bundle) || !isPlainJsonGet(request)) {
			return true;
		}
		try {
			write(bundle, request, response.getResponseCode());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return false;
	}

	private static boolean isPlainJsonGet(RequestDetails request) {
		return request.getRequestType() == RequestTypeEnum.GET
				&& RestfulServerUtils.determineResponseEncodingWithDefault(request).getEncoding() == EncodingEnum.JSON
				&& !RestfulServerUtils.prettyPrintResponse(request.getServer(), request)
				&& RestfulServerUtils.determineSummaryMode(request).equals(Set.of(SummaryEnum.FALSE))
				&& ElementsParameter.getElementsValueOrNull(request, false) == null
				&& ElementsParameter.getElementsValueOrNull(request, true) == null
				&& !Integer.valueOf(0).equals(RestfulServerUtils.extractCountParameter(request))
				&& !request.getInterceptorBroadcaster().hasHooks(Pointcut.SERVER_OUTGOING_WRITER_CREATED);
	}

	private void write(Bundle bundle, RequestDetails request, int status) throws IOException {
		IParser parser = RestfulServerUtils.getNewParser(
				request.getServer().getFhirContext(), bundle.getStructureFhirVersionEnum(), request);
		String serverBase = request.getFhirServerBase();
		String token = UUID.randomUUID().toString();

		List<String> resources = new ArrayList<>();
		List<Resource> originals = new ArrayList<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			originals.add(resource);
			if (resource != null) {
				resources.add(cache.encode(resource, parser, serverBase));
				entry.setResource(new Binary().setId(placeholderId(token, resources.size() - 1)));
			}
		}
		String shell;
		try {
			shell = parser.encodeResourceToString(bundle);
		} finally {
			for (int i = 0; i < originals.size(); i++) {
				bundle.getEntry().get(i).setResource(originals.get(i));
			}
		}

		// Every placeholder found before anything is written, so a miss fails the request cleanly.
		int[] at = new int[resources.size()];
		for (int i = 0, from = 0; i < at.length; i++) {
			at[i] = shell.indexOf(placeholder(token, i), from);
			if (at[i] < 0) {
				throw new IllegalStateException("Bundle entry " + i + " not found in the encoded Bundle");
			}
			from = at[i];
		}

		if (bundle.getMeta().getLastUpdated() != null) {
			request.getResponse()
					.addHeader(Constants.HEADER_LAST_MODIFIED, DateUtils.formatDate(bundle.getMeta().getLastUpdated()));
		}
		String contentType = RestfulServerUtils.determineResponseEncodingWithDefault(request).getResourceContentType();
		Writer writer = request.getResponse()
				.getResponseWriter(status, contentType, Constants.CHARSET_NAME_UTF8, request.isRespondGzip());
		int from = 0;
		for (int i = 0; i < at.length; i++) {
			writer.write(shell, from, at[i] - from);
			writer.write(resources.get(i));
			from = at[i] + placeholder(token, i).length();
		}
		writer.write(shell, from, shell.length() - from);
		request.getResponse().commitResponse(writer);
	}

	private static String placeholderId(String token, int index) {
		return token + "-" + index;
	}

	/** How HAPI encodes a placeholder: a Binary with nothing but its id. */
	private static String placeholder(String token, int index) {
		return "{\"resourceType\":\"Binary\",\"id\":\"" + placeholderId(token, index) + "\"}";
	}
}
