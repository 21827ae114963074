package org.cairn.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP, for checking status codes and bodies exactly as curl would see them. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private Http() {}

	public static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public static HttpResponse<String> get(String url, String accept) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept));
	}

	public static HttpResponse<String> sendFhir(String method, String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.ofString(body)));
	}
}
