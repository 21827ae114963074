package org.cairn.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps HAPI from logging a client's mistake as a server error.
 *
 * <p>When an interceptor refuses a request (a body that does not parse, a resource that fails
 * validation) HAPI's interceptor service logs the exception at ERROR with its stack trace. For a
 * 4xx answer that line is dropped, and the failure is logged as one WARN line, as HAPI's exception
 * handler logs other refused requests: it writes that line itself only for exceptions that carry
 * no OperationOutcome, so the line is written here for those that do (validation failures). A
 * flood of bad requests no longer fills the log with stack traces. Exceptions that answer 5xx are
 * logged as before.
 */
@Component
class ClientErrorLogFilter extends InstalledLogFilter {

	private static final String INTERCEPTOR_SERVICE = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";
	private static final org.slf4j.Logger REFUSALS = LoggerFactory.getLogger(ClientErrorLogFilter.class);

	@Override
	public FilterReply decide(
			Marker marker, Logger logger, Level level, String message, Object[] params, Throwable thrown) {
		if (level != Level.ERROR || !INTERCEPTOR_SERVICE.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		Object logged = thrown != null ? thrown : lastOf(params);
		if (!(logged instanceof BaseServerResponseException answer) || !isClientError(answer)) {
			return FilterReply.NEUTRAL;
		}
		if (answer.getOperationOutcome() != null) {
			REFUSALS.warn("Failure during REST processing: {}", answer.toString());
		}
		return FilterReply.DENY;
	}

	/** SLF4J passes a throwable logged with a message's arguments as the last argument. */
	private static Object lastOf(Object[] params) {
		return params == null || params.length == 0 ? null : params[params.length - 1];
	}

	private static boolean isClientError(BaseServerResponseException answer) {
		return answer.getStatusCode() >= 400 && answer.getStatusCode() < 500;
	}
}
