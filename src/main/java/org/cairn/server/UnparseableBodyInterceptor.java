package org.cairn.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a FHIR body that does not parse with 400 and the parser's message (with line and
 * column), before the profile validator sees it: the validator reports syntax errors as 500.
 */
@Interceptor(order = -10)
public class UnparseableBodyInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean rejectUnparseableBody(RequestDetails request) {
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		if (encoding == null) {
			return true;
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return true;
		}
		try {
			encoding.newParser(request.getFhirContext()).parseResource(new String(body, StandardCharsets.UTF_8));
		} catch (DataFormatException e) {
			throw new InvalidRequestException("The request body is not valid FHIR " + encoding.getFormatContentType()
					+ ": " + e.getMessage());
		}
		return true;
	}
}
