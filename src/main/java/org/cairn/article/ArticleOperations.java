package org.cairn.article;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.IdType;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.RelatedArtifact;

/**
 * {@code Library/$import-article} and {@code Library/{id}/$render}: articles in and out as text.
 */
public class ArticleOperations {

	private final ArticleImporter importer;
	private final DaoRegistry daoRegistry;
	private final FhirContext fhirContext;
	private final ArticleProperties properties;

	public ArticleOperations(
			ArticleImporter importer, DaoRegistry daoRegistry, FhirContext fhirContext, ArticleProperties properties) {
		this.importer = importer;
		this.daoRegistry = daoRegistry;
		this.fhirContext = fhirContext;
		this.properties = properties;
	}

	/**
	 * Imports one article, given as the request body: {@code text/plain} (page text),
	 * {@code text/markdown}, or a FHIR Parameters resource with a {@code text} parameter (and
	 * optionally {@code format}: {@code markdown} or {@code page-text}).
	 *
	 * <p>The answer is the stored Library; with {@code Prefer: return=minimal} nothing (the
	 * {@code Location} and {@code X-Cairn-Import} headers say what was stored), with
	 * {@code Prefer: return=OperationOutcome} an OperationOutcome saying it, as for FHIR's create.
	 */
	@Operation(name = "$import-article", type = Library.class, manualRequest = true, manualResponse = true,
			idempotent = false)
	public void importArticle(HttpServletRequest request, HttpServletResponse response, RequestDetails details)
			throws IOException {
		String contentType = request.getContentType();
		String body = readLimited(request, details);
		String text = body;
		ArticleFormat format;
		if (EncodingEnum.forContentType(contentType) != null) {
			Parameters parameters = (Parameters) EncodingEnum.forContentType(contentType)
					.newParser(fhirContext)
					.parseResource(body);
			if (!parameters.hasParameter("text")) {
				throw new InvalidRequestException("The Parameters resource needs a \"text\" parameter holding the article");
			}
			text = parameters.getParameter("text").getValue().primitiveValue();
			String declared = parameters.hasParameter("format") ? parameters.getParameter("format").getValue().primitiveValue() : null;
			format = "markdown".equals(declared) ? ArticleFormat.MARKDOWN
					: "page-text".equals(declared) ? ArticleFormat.PAGE_TEXT
					: ArticleFormat.of(null, text);
		} else {
			format = ArticleFormat.of(contentType, text);
		}
		ArticleImportResult result;
		try {
			result = importer.importText(text, format);
		} catch (ArticleFormatException e) {
			throw new InvalidRequestException(e.getMessage(), formatOutcome(e));
		} catch (ArticleRejectedException e) {
			throw new UnprocessableEntityException(fhirContext, e.outcome());
		}
		IIdType id = result.library().getIdElement();
		String stored = "Library/" + id.getIdPart() + "/_history/" + id.getVersionIdPart();
		response.setHeader(Constants.HEADER_LOCATION, details.getFhirServerBase() + "/" + stored);
		response.setHeader("X-Cairn-Import", result.outcome());
		PreferReturnEnum wanted = RestfulServerUtils.parsePreferHeader(details.getHeader(Constants.HEADER_PREFER))
				.getReturn();
		if (wanted == PreferReturnEnum.MINIMAL) {
			response.setStatus(HttpServletResponse.SC_OK);
			return;
		}
		IBaseResource answer = wanted == PreferReturnEnum.OPERATION_OUTCOME ? importedOutcome(result, stored) : result.library();
		// written as HAPI writes any answer: the encoding, _pretty and _summary the request asks for
		RestfulServerUtils.streamResponseAsResource(details.getServer(), answer,
				RestfulServerUtils.determineSummaryMode(details), HttpServletResponse.SC_OK, false,
				details.isRespondGzip(), details);
	}

	private static OperationOutcome importedOutcome(ArticleImportResult result, String stored) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("Article " + result.outcome() + ": " + stored + ", stored as " + result.resources()
						+ " resources");
		return outcome;
	}

	/** The stored article as Markdown (the default) or, asked for with {@code Accept: text/html}, as HTML. */
	@Operation(name = "$render", type = Library.class, idempotent = true, manualResponse = true)
	public void render(@IdParam IdType id, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Article article = storedArticle(id);
		String accept = request.getHeader(Constants.HEADER_ACCEPT);
		String format = request.getParameter("format");
		boolean html = "html".equals(format) || (format == null && accept != null && accept.contains("text/html"));
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType(html ? "text/html" : "text/markdown");
		response.getWriter().write(html ? ArticleHtml.render(article) : MarkdownArticleWriter.write(article));
	}

	Article storedArticle(IdType id) {
		SystemRequestDetails system = new SystemRequestDetails();
		Library library = (Library) daoRegistry.getResourceDao("Library").read(id.toUnqualifiedVersionless(), system);
		Map<String, Evidence> evidence = new LinkedHashMap<>();
		Map<String, Citation> citations = new LinkedHashMap<>();
		for (RelatedArtifact related : library.getRelatedArtifact()) {
			IIdType target = related.getResourceReference().getReferenceElement();
			if (related.getType() == RelatedArtifact.RelatedArtifactType.COMPOSEDOF) {
				evidence.put(target.getIdPart(), (Evidence) daoRegistry.getResourceDao("Evidence").read(target, system));
			} else if (related.getType() == RelatedArtifact.RelatedArtifactType.CITATION) {
				citations.put(target.getIdPart(), (Citation) daoRegistry.getResourceDao("Citation").read(target, system));
			}
		}
		return FhirToArticle.read(library, evidence, citations);
	}

	/** The body, refused before it is read when its declared length is over the limit. */
	private String readLimited(HttpServletRequest request, RequestDetails details) {
		long limit = properties.maxBytes().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new InvalidRequestException(tooLarge(request.getContentLengthLong(), limit));
		}
		// HAPI may already have read the body (FHIR bodies): take its copy.
		byte[] bytes = details.loadRequestContents();
		if (bytes == null || bytes.length == 0) {
			throw new InvalidRequestException("The request body is empty: send the article's text");
		}
		if (bytes.length > limit) {
			throw new InvalidRequestException(tooLarge(bytes.length, limit));
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String tooLarge(long size, long limit) {
		return "The article is " + size + " bytes; articles may be at most "
				+ limit + " bytes (cairn.article.max-bytes)";
	}

	private static OperationOutcome formatOutcome(ArticleFormatException e) {
		OperationOutcome outcome = new OperationOutcome();
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.STRUCTURE)
				.setDiagnostics(e.getMessage());
		if (e.line() > 0) {
			issue.addLocation("Line[" + e.line() + "] Col[1]");
		}
		return outcome;
	}
}
