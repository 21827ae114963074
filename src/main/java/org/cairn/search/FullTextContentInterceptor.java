package org.cairn.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionRequest;
import ca.uhn.fhir.jpa.searchparam.fulltext.FullTextExtractionResponse;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.MarkdownType;
import org.hl7.fhir.r5.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code _content} with the whole text of a resource: every string <em>and markdown</em>
 * value, and its narrative.
 *
 * <p>HAPI's default takes plain strings only, which would leave out the very text Cairn
 * serves: {@code Evidence.description} is markdown, and an article's claims are in its
 * Library only through the narrative.
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
		Stream<String> values = fhirContext.newTerser()
				.getAllPopulatedChildElementsOfType(request.getResource(), StringType.class)
				.stream()
				.filter(value -> value.getClass() == StringType.class || value instanceof MarkdownType)
				.map(IPrimitiveType::getValueAsString);
		if (request.getResource() instanceof DomainResource resource && resource.getText().hasDiv()) {
			values = Stream.concat(values, Stream.of(resource.getText().getDiv().allText()));
		}
		String words = values.filter(value -> value != null && !value.isBlank())
				.map(value -> value.replace('\n', ' ').replace('\r', ' '))
				.collect(Collectors.joining("\n"));
		return words.isEmpty()
				? FullTextExtractionResponse.indexNormally()
				: FullTextExtractionResponse.indexPayload(words);
	}
}
