package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Answers 503 until start-up has finished. Tomcat listens before Cairn has loaded its
 * conformance resources and example articles; a request in that window would see a server
 * without its search parameters and profiles.
 *
 * <p>The answer is written here rather than thrown: HAPI logs every exception a hook throws as an
 * error with its stack trace, which for a client polling a starting server was pages of alarm in
 * the log of a normal start.
 */
@Interceptor(order = -100)
public class StartupGateInterceptor {

	private static final String STILL_STARTING = "Cairn is still starting: try again in a few seconds";

	private final byte[] stillStarting;
	private volatile boolean ready;

	public StartupGateInterceptor(FhirContext fhirContext) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.TRANSIENT)
				.setDiagnostics(STILL_STARTING);
		this.stillStarting = fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
	}

	@EventListener(ApplicationReadyEvent.class)
	public void open() {
		ready = true;
	}

	/** @return false, having answered 503, while Cairn is starting (HAPI then does nothing more) */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean admit(HttpServletResponse response) throws IOException {
		if (ready) {
			return true;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "5");
		response.setContentType(Constants.CT_FHIR_JSON_NEW + Constants.CHARSET_UTF8_CTSUFFIX);
		response.setContentLength(stillStarting.length);
		response.getOutputStream().write(stillStarting);
		return false;
	}
}
