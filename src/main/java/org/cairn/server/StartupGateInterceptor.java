package org.cairn.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Answers 503 until start-up has finished. Tomcat listens before Cairn has loaded its
 * conformance resources and example articles; a request in that window would see a server
 * without its search parameters and profiles.
 */
@Interceptor(order = -100)
public class StartupGateInterceptor {

	private volatile boolean ready;

	@EventListener(ApplicationReadyEvent.class)
	public void open() {
		ready = true;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean admit() {
		if (!ready) {
			throw new StillStartingException();
		}
		return true;
	}

	static class StillStartingException extends BaseServerResponseException {

		StillStartingException() {
			super(503, "Cairn is still starting: try again in a few seconds");
			addResponseHeader("Retry-After", "5");
		}
	}
}
