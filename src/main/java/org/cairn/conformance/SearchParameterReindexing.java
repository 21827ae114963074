package org.cairn.conformance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r5.model.Enumeration;
import org.hl7.fhir.r5.model.SearchParameter;
import org.springframework.stereotype.Component;

/**
 * Decides whether storing a SearchParameter should re-index what is already stored.
 *
 * <p>HAPI starts a re-index job of every resource of the parameter's base types each time one is
 * stored. Its steps run a minute apart, so on a fresh database the job for Cairn's own parameters
 * would re-index the articles imported in the minutes after start-up, which were indexed for the
 * parameter when written. When no resource of a base type is stored there is nothing to re-index:
 * the job is left out and the parameter registry is refreshed once after loading, instead of after
 * each parameter.
 */
@Component
class SearchParameterReindexing {

	private static final List<String> EVERY_TYPE = List.of("Resource", "DomainResource");

	private final DaoRegistry daoRegistry;
	private final ISearchParamRegistry searchParamRegistry;

	SearchParameterReindexing(DaoRegistry daoRegistry, ISearchParamRegistry searchParamRegistry) {
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
	}

	/** The request to store the parameter with: one that skips re-indexing when nothing would need it. */
	SystemRequestDetails requestToStore(SearchParameter parameter) {
		SystemRequestDetails request = new SystemRequestDetails();
		if (baseTypes(parameter).stream().noneMatch(this::hasStoredResources)) {
			request.getUserData().put(JpaConstants.SKIP_REINDEX_ON_UPDATE, Boolean.TRUE);
		}
		return request;
	}

	/** Makes parameters stored without re-indexing searchable at once. */
	void refreshRegistry() {
		searchParamRegistry.forceRefresh();
	}

	private Collection<String> baseTypes(SearchParameter parameter) {
		List<String> base = parameter.getBase().stream().map(Enumeration::getCode).toList();
		return base.stream().anyMatch(EVERY_TYPE::contains) ? daoRegistry.getRegisteredDaoTypes() : base;
	}

	private boolean hasStoredResources(String type) {
		if (!daoRegistry.isResourceTypeSupported(type)) {
			return false;
		}
		SearchParameterMap firstOne = SearchParameterMap.newSynchronous();
		firstOne.setLoadSynchronousUpTo(1);
		return !daoRegistry.getResourceDao(type).searchForResourceIds(firstOne, new SystemRequestDetails()).isEmpty();
	}
}
