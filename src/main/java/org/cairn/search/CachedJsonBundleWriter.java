package org.cairn.search;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ValidationResultEnrichingInterceptor;
import ca.uhn.fhir.rest.server.method.ElementsParameter;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.util.DateUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r5.model.Binary;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Resource;

/**
 * Writes the JSON pages of searches with each stored resource's JSON taken from
 * {@link EncodedResourceCache}: HAPI encodes the Bundle around placeholders, and the resources'
 * JSON goes where the placeholders were. The bytes are those HAPI would write (checked by
 * {@code CachedJsonBundleWriterTest}).
 *
 * <p>Decided once per request, as it starts: only plain JSON answers (no pretty printing,
 * {@code _summary}, {@code _elements}, HTML for browsers) to searches and their next pages, and
 * only while nothing else looks at or changes the resources of an answer — storage hooks that see
 * or filter them, outgoing hooks of interceptors other than this one, HAPI's HTML highlighter
 * (which leaves JSON requests alone) and HAPI's validation interceptors (which add to
 * OperationOutcomes only): a version's kept JSON is its stored content, not what such a hook made
 * of it. Everything else takes HAPI's own path. For the searches it writes, the resource loader
 * may hand out stand-ins for versions whose JSON is kept ({@link CachedJsonScope}).
 */
@Interceptor(order = CachedJsonBundleWriter.ORDER)
public class CachedJsonBundleWriter {

	/** Last among the outgoing-response hooks: the response is final when it is written. */
	static final int ORDER = Integer.MAX_VALUE - 1000;

	/** Request user data: this interceptor writes the answer. */
	private static final String WRITES_ANSWER = CachedJsonBundleWriter.class.getName() + ".writes";
	private static final Set<RestOperationTypeEnum> SEARCHES =
			Set.of(RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);
	private static final Set<Pointcut> SEEING_RESOURCES = Set.of(
			Pointcut.SERVER_OUTGOING_RESPONSE,
			Pointcut.SERVER_OUTGOING_WRITER_CREATED,
			Pointcut.STORAGE_PRESHOW_RESOURCES,
			Pointcut.STORAGE_PREACCESS_RESOURCES);

	private final EncodedResourceCache cache;
	private final IInterceptorService storageInterceptors;
	/** The server's interceptors last checked, and whether any of them looks at answers' resources. */
	private volatile Checked checked = new Checked(List.of(), true);

	public CachedJsonBundleWriter(EncodedResourceCache cache, IInterceptorService storageInterceptors) {
		this.cache = cache;
		this.storageInterceptors = storageInterceptors;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void searchStarting(RequestDetails request, RestOperationTypeEnum operation) {
		CachedJsonScope.close();
		if (SEARCHES.contains(operation)
				&& request instanceof ServletRequestDetails
				&& isPlainJsonGet(request)
				&& !asksForHtml(request)
				&& !othersSeeResources(request)) {
			request.getUserData().put(WRITES_ANSWER, Boolean.TRUE);
			CachedJsonScope.open(request.getFhirServerBase());
		}
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void requestEnded() {
		CachedJsonScope.close();
	}

	/** @return false when the response was written here (HAPI then writes nothing) */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	public boolean writeBundle(RequestDetails request, ResponseDetails response) {
		if (!Boolean.TRUE.equals(request.getUserData().get(WRITES_ANSWER))
				|| !(response.getResponseResource() instanceof Bundle bundle)
				|| !(request instanceof ServletRequestDetails servletRequest)) {
			return true;
		}
		try {
			write(bundle, servletRequest, response.getResponseCode());
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

	/** Browsers: HAPI's highlighter answers them with HTML made from the resources. */
	private static boolean asksForHtml(RequestDetails request) {
		String accept = request.getHeader(Constants.HEADER_ACCEPT);
		String[] format = request.getParameters().get(Constants.PARAM_FORMAT);
		return (accept != null && accept.contains("html"))
				|| (format != null && Arrays.stream(format).anyMatch(f -> f.contains("html")));
	}

	private boolean othersSeeResources(RequestDetails request) {
		if (storageInterceptors.hasHooks(Pointcut.STORAGE_PRESHOW_RESOURCES)
				|| storageInterceptors.hasHooks(Pointcut.STORAGE_PREACCESS_RESOURCES)
				|| request.getInterceptorBroadcaster().hasHooks(Pointcut.STORAGE_PRESHOW_RESOURCES)
				|| request.getInterceptorBroadcaster().hasHooks(Pointcut.STORAGE_PREACCESS_RESOURCES)) {
			return true;
		}
		List<Object> interceptors = request.getServer().getInterceptorService().getAllRegisteredInterceptors();
		Checked last = checked;
		if (!last.interceptors().equals(interceptors)) {
			last = new Checked(List.copyOf(interceptors), interceptors.stream().anyMatch(this::seesResources));
			checked = last;
		}
		return last.othersSeeResources();
	}

	private boolean seesResources(Object interceptor) {
		if (interceptor == this
				|| interceptor instanceof ResponseHighlighterInterceptor
				// its outgoing hook adds to OperationOutcomes only
				|| interceptor instanceof ValidationResultEnrichingInterceptor) {
			return false;
		}
		for (Method method : interceptor.getClass().getMethods()) {
			Hook hook = method.getAnnotation(Hook.class);
			if (hook != null && SEEING_RESOURCES.contains(hook.value())) {
				return true;
			}
		}
		return false;
	}

	private void write(Bundle bundle, ServletRequestDetails request, int status) throws IOException {
		IParser parser = RestfulServerUtils.getNewParser(
				request.getServer().getFhirContext(), bundle.getStructureFhirVersionEnum(), request);
		String serverBase = request.getFhirServerBase();
		String token = UUID.randomUUID().toString();

		List<byte[]> resources = new ArrayList<>();
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

		// The Bundle's JSON cut at the placeholders, all found before anything is written.
		List<byte[]> pieces = new ArrayList<>();
		int length = 0;
		int from = 0;
		for (int i = 0; i < resources.size(); i++) {
			String placeholder = placeholder(token, i);
			int at = shell.indexOf(placeholder, from);
			if (at < 0) {
				throw new IllegalStateException("Bundle entry " + i + " not found in the encoded Bundle");
			}
			pieces.add(utf8(shell.substring(from, at)));
			pieces.add(resources.get(i));
			from = at + placeholder.length();
		}
		pieces.add(utf8(shell.substring(from)));
		for (byte[] piece : pieces) {
			length += piece.length;
		}

		if (bundle.getMeta().getLastUpdated() != null) {
			request.getResponse()
					.addHeader(Constants.HEADER_LAST_MODIFIED, DateUtils.formatDate(bundle.getMeta().getLastUpdated()));
		}
		boolean gzip = request.isRespondGzip();
		if (gzip) {
			request.getResponse().addHeader(Constants.HEADER_CONTENT_ENCODING, Constants.ENCODING_GZIP);
		}
		String contentType = RestfulServerUtils.determineResponseEncodingWithDefault(request).getResourceContentType();
		OutputStream body = request.getResponse().getResponseOutputStream(status, contentType, gzip ? null : length);
		request.getServletResponse().setCharacterEncoding(Constants.CHARSET_NAME_UTF8);
		OutputStream out = gzip ? new GZIPOutputStream(body) : body;
		for (byte[] piece : pieces) {
			out.write(piece);
		}
		request.getResponse().commitResponse(out);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String placeholderId(String token, int index) {
		return token + "-" + index;
	}

	/** How HAPI encodes a placeholder: a Binary with nothing but its id. */
	private static String placeholder(String token, int index) {
		return "{\"resourceType\":\"Binary\",\"id\":\"" + placeholderId(token, index) + "\"}";
	}

	private record Checked(List<Object> interceptors, boolean othersSeeResources) {}
}
