package org.cairn.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach HAPI (an unknown path, a request Tomcat rejects) are answered as a
 * FHIR OperationOutcome too, instead of Spring's HTML or JSON error page.
 */
@RestController
public class OperationOutcomeErrorController implements ErrorController {

	private final FhirContext fhirContext;

	public OperationOutcomeErrorController(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@RequestMapping("/error")
	public ResponseEntity<String> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value)
				: HttpStatus.INTERNAL_SERVER_ERROR;
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);

		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(status == HttpStatus.NOT_FOUND ? IssueType.NOTFOUND : IssueType.PROCESSING)
				.setDiagnostics(status.value() + " " + status.getReasonPhrase() + ": " + path
						+ (status == HttpStatus.NOT_FOUND ? " (the FHIR API is under /fhir)" : ""));
		return ResponseEntity.status(status)
				.contentType(MediaType.parseMediaType("application/fhir+json"))
				.body(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
