package org.cairn.search;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.interceptor.ForceOffsetSearchModeInterceptor;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Pages searches with {@code _offset} (HAPI's {@link ForceOffsetSearchModeInterceptor}), except
 * full-text ones: for a common word (thousands of matches) HAPI's offset path was 3× slower at
 * p95 than its stored search, which works from the first 500 matches.
 */
@Interceptor
public class OffsetPagingInterceptor {

	private final ForceOffsetSearchModeInterceptor offsetPaging = new ForceOffsetSearchModeInterceptor();

	public OffsetPagingInterceptor(int defaultPageSize) {
		offsetPaging.setDefaultCount(defaultPageSize);
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void storagePreSearchRegistered(SearchParameterMap params, RequestDetails request) {
		if (!params.containsKey(Constants.PARAM_CONTENT) && !params.containsKey(Constants.PARAM_TEXT)) {
			offsetPaging.storagePreSearchRegistered(params, request);
		}
	}
}
