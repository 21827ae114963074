package org.cairn.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionRequest;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionResponse;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.model.MarkdownType;
import org.hl7.fhir.r5.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code _content} with every string <em>and markdown</em> value of a resource.
 *
 * <p>HAPI's default takes plain strings only, which would leave out the very text Cairn
 * serves: {@code Library.description}, {@code Evidence.description} and
 * {@code Citation.summary} are all markdown.
 */
@Component
public class FullTextContentInterceptor {

	private final FhirContext fhirContext;

	public FullTextContentInterceptor(FhirContext fhirContext, IInterceptorService interceptors) {
		this.fhirContext = fhirContext;
		interceptors.registerInterceptor(this);
	}

	@Hook(Pointcut.JPA_INDEX_EXTRACT_FULLTEXT_CONTENT)
	public FullTextExtractionResponse extractContent(FullTextExtractionRequest request) {
		if (request.isDelete()) {
			return FullTextExtractionResponse.indexNormally();
		}
		// Prose only: codes are StringTypes too, but are searched as tokens, not words.
		String words = fhirContext.newTerser()
				.getAllPopulatedChildElementsOfType(request.getResource(), StringType.class)
				.stream()
				.filter(value -> value.getClass() == StringType.class || value instanceof MarkdownType)
				.map(IPrimitiveType::getValueAsString)
				.filter(value -> value != null && !value.isBlank())
				.map(value -> value.replace('\n', ' ').replace('\r', ' '))
				.collect(Collectors.joining("\n"));
		return words.isEmpty()
				? FullTextExtractionResponse.indexNormally()
				: FullTextExtractionResponse.indexPayload(words);
	}
}
