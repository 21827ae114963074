package org.cairn.search;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.springframework.stereotype.Component;

/**
 * Gives each part a Library names only by canonical URL ({@code relatedArtifact.resource}) the
 * literal reference beside it ({@code resourceReference}) when the part is stored here.
 *
 * <p>Cairn's {@code composed-of} and {@code cites} search parameters follow that reference:
 * HAPI resolves an include over canonicals with a query that scans the stored links, which
 * made reading one article with its claims and works take 160 ms at 1,000 articles instead of
 * 15 ms (bench/README.md). A part stored later than the Library that names it (or in the same
 * transaction) gets no reference.
 */
@Component
public class CanonicalReferenceResolver {

	/** Where a part's type is not in its URL, these are tried in turn. */
	private static final List<String> PART_TYPES = List.of("Evidence", "Citation", "Library", "PlanDefinition");

	private final DaoRegistry daoRegistry;

	public CanonicalReferenceResolver(DaoRegistry daoRegistry, IInterceptorService interceptors) {
		this.daoRegistry = daoRegistry;
		interceptors.registerInterceptor(this);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		fillIn(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		fillIn(resource);
	}

	private void fillIn(IBaseResource resource) {
		if (!(resource instanceof Library library)) {
			return;
		}
		for (RelatedArtifact part : library.getRelatedArtifact()) {
			if (part.hasResource() && !part.hasResourceReference()) {
				find(part.getResource()).ifPresent(part::setResourceReference);
			}
		}
	}

	private Optional<Reference> find(String canonical) {
		String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
		for (String type : candidateTypes(url)) {
			if (!daoRegistry.isResourceTypeSupported(type)) {
				continue;
			}
			IBundleProvider found = daoRegistry.getResourceDao(type).search(
					SearchParameterMap.newSynchronous("url", new UriParam(url)), new SystemRequestDetails());
			if (found.sizeOrThrowNpe() == 1) {
				return Optional.of(new Reference(found.getResources(0, 1).get(0).getIdElement().toUnqualifiedVersionless()));
			}
		}
		return Optional.empty();
	}

	/** The type named in the URL ({@code …/Evidence/x}) first, then the usual part types. */
	private static Set<String> candidateTypes(String url) {
		Set<String> types = new LinkedHashSet<>();
		String[] segments = url.split("/");
		String typeSegment = segments.length >= 2 ? segments[segments.length - 2] : "";
		if (!typeSegment.isEmpty() && Character.isUpperCase(typeSegment.charAt(0))) {
			types.add(typeSegment);
		}
		types.addAll(PART_TYPES);
		return types;
	}
}
