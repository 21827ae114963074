package org.cairn.search;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.cairn.support.CairnServerTest;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * JSON search pages are written from kept resource JSON ({@link CachedJsonBundleWriter}); a reader
 * must get what HAPI itself writes: the same bytes for the same page, compressed when asked.
 */
class CachedJsonBundleWriterTest extends CairnServerTest {

	@Autowired
	private IInterceptorService storageInterceptors;

	private String query;
	/** In the Library's purpose only: not in the query, so an answer holds it only if it holds the Library whole. */
	private String purpose;

	@BeforeEach
	void storeAnArticleWithClaims() {
		String word = "Écrit " + TestResources.unique();
		Library library = TestResources.library("Kept JSON " + word);
		library.setDescription("Über die Prüfung — “quoted” ≥ 5 mg, 日本語 " + word);
		purpose = "purpose-" + TestResources.unique();
		library.setPurpose(purpose);
		for (String claim : new String[] {"First claim " + word, "Second claim ±2 " + word}) {
			IIdType evidence = client().create()
					.resource(TestResources.evidence(claim))
					.execute()
					.getId()
					.toUnqualifiedVersionless();
			library.addRelatedArtifact()
					.setType(RelatedArtifactType.COMPOSEDOF)
					.setResourceReference(new Reference(evidence.getValue()));
		}
		client().create().resource(library).execute();
		query = baseUrl() + "/Library?title=" + URLEncoder.encode("Kept JSON " + word, StandardCharsets.UTF_8)
				+ "&_include=Library:composed-of";
	}

	@Test
	void aPageIsWhatHapiWritesAndTheSameWhenServedAgain() {
		HttpResponse<String> first = Http.get(query, "application/fhir+json");
		HttpResponse<String> again = Http.get(query, "application/fhir+json");
		HttpResponse<String> byHapi = Http.get(query + "&_pretty=true", "application/fhir+json");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type"))
				.contains("application/fhir+json;charset=UTF-8")
				.isEqualTo(byHapi.headers().firstValue("Content-Type"));
		assertThat(first.headers().firstValue("Last-Modified")).isPresent();

		Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, first.body());
		assertThat(page.getEntry()).hasSize(3);
		assertThat(page.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("Library", "Evidence", "Evidence");
		// Byte for byte what HAPI's encoder makes of this page, the first time and from kept JSON
		assertThat(first.body()).isEqualTo(FHIR.newJsonParser().encodeResourceToString(page));
		assertThat(again.body()).isEqualTo(FHIR.newJsonParser()
				.encodeResourceToString(FHIR.newJsonParser().parseResource(Bundle.class, again.body())));
		// The same entries as HAPI's own writer (the pretty-printed answer) and as the first time
		assertThat(withoutBundleIdentity(again.body())).isEqualTo(withoutBundleIdentity(first.body()));
		assertThat(withoutBundleIdentity(byHapi.body())).isEqualTo(withoutBundleIdentity(first.body()));
	}

	@Test
	void aPageAskedForCompressedComesGzipped() throws IOException, InterruptedException {
		HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(query))
						.header("Accept", "application/fhir+json")
						.header("Accept-Encoding", "gzip")
						.build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
		String body;
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(withoutBundleIdentity(body))
				.isEqualTo(withoutBundleIdentity(Http.get(query, "application/fhir+json").body()));
	}

	@Test
	void answersInOtherFormsHoldWholeResourcesAfterTheJsonWasKept() {
		assertThat(Http.get(query, "application/fhir+json").body()).contains(purpose);
		assertThat(Http.get(query, "application/fhir+json").body()).contains(purpose);

		Bundle summary = FHIR.newJsonParser()
				.parseResource(Bundle.class, Http.get(query + "&_summary=true", "application/fhir+json").body());
		Library library = (Library) summary.getEntry().get(0).getResource();
		assertThat(library.getTitle()).startsWith("Kept JSON");
		assertThat(library.hasPurpose()).as("purpose is not a summary element").isFalse();

		Bundle xml = FHIR.newXmlParser()
				.parseResource(Bundle.class, Http.get(query, "application/fhir+xml").body());
		assertThat(xml.getEntry()).hasSize(3);
		assertThat(((Library) xml.getEntry().get(0).getResource()).getPurpose()).isEqualTo(purpose);

		assertThat(Http.get(query + "&_pretty=true", "application/fhir+json").body()).contains(purpose);
		HttpResponse<String> html = Http.get(query, "text/html");
		assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("html"));
		assertThat(html.body()).contains(purpose);
	}

	/** What access control would do: an interceptor that takes an element out of what readers see. */
	@Interceptor
	public static class PurposeRedacting {
		@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
		public void redact(IPreResourceShowDetails shown) {
			for (int i = 0; i < shown.size(); i++) {
				if (shown.getResource(i) instanceof Library library) {
					library.setPurpose(null);
				}
			}
		}
	}

	@Test
	void aHookChangingWhatReadersSeeIsHonouredForPagesKeptBefore() {
		assertThat(Http.get(query, "application/fhir+json").body()).contains(purpose);
		assertThat(Http.get(query, "application/fhir+json").body()).contains(purpose);
		PurposeRedacting redacting = new PurposeRedacting();
		storageInterceptors.registerInterceptor(redacting);
		try {
			String page = Http.get(query, "application/fhir+json").body();
			assertThat(page).doesNotContain(purpose).contains("Kept JSON");
		} finally {
			storageInterceptors.unregisterInterceptor(redacting);
		}
		assertThat(Http.get(query, "application/fhir+json").body()).contains(purpose);
	}

	/**
	 * A page's JSON without what differs between two answers to one search: its id and time, and
	 * the self link (which repeats the request's parameters).
	 */
	private static String withoutBundleIdentity(String json) {
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
		bundle.setId((String) null);
		bundle.setMeta(null);
		bundle.getLink().removeIf(link -> link.getRelation() == Bundle.LinkRelationTypes.SELF);
		return FHIR.newJsonParser().encodeResourceToString(bundle);
	}
}
