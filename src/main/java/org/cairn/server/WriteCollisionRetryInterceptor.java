package org.cairn.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Retries a write that collided with a concurrent one, e.g. two transactions creating the same
 * shared Citation at once: the loser is re-run and finds the Citation made, instead of failing
 * an article the client sent in good order. A client that named the version it expects
 * ({@code If-Match}) gets the conflict at once, as FHIR's optimistic locking requires.
 */
@Interceptor
public class WriteCollisionRetryInterceptor {

	private final int maxRetries;

	public WriteCollisionRetryInterceptor(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	@Hook(Pointcut.STORAGE_VERSION_CONFLICT)
	public ResourceVersionConflictResolutionStrategy onConflict(RequestDetails request) {
		ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
		if (request != null && request.getHeader(Constants.HEADER_IF_MATCH) == null) {
			strategy.setRetry(true);
			strategy.setMaxRetries(maxRetries);
		}
		return strategy;
	}
}
