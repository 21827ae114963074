package org.cairn.search;

import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR5;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * HAPI's R5 search-index extractor, which skips the parts of a parameter's expression written for
 * other resource types.
 *
 * <p>R5 defines one parameter for many types: {@code context-quantity}'s expression joins 60
 * paths, {@code (ActivityDefinition.useContext.value.ofType(Quantity)) | … | (ValueSet.…)}. For
 * every resource written, HAPI splits each such expression again and evaluates every path with
 * FHIRPath, although only the paths starting with the resource's own type can find anything: the
 * others name a type the resource is not, which FHIRPath reads as a child element that no
 * resource has. That was a quarter of the CPU of an article import. Here a path rooted at another
 * resource type gives nothing without being evaluated, and the split of each expression is kept.
 * The index rows written are the same.
 */
public class TypeScopedSearchParamExtractor extends SearchParamExtractorR5 {

	/** HAPI's bean name for its {@link ISearchParamExtractor}. */
	private static final String HAPI_BEAN = "searchParamExtractor";

	/** Roots every resource type answers to; never skipped. */
	private static final Set<String> ABSTRACT_ROOTS =
			Set.of("Resource", "DomainResource", "CanonicalResource", "MetadataResource");

	/** Expressions come from search parameters, so there are few of them; the bound guards against many edited ones. */
	private static final int MAX_KEPT = 10_000;

	private final Map<String, String[]> splits = new ConcurrentHashMap<>();
	private final Map<String, String> roots = new ConcurrentHashMap<>();

	@Override
	public String[] split(String paths) {
		String[] split = splits.get(paths);
		if (split == null) {
			split = super.split(paths);
			if (splits.size() < MAX_KEPT) {
				splits.put(paths, split);
			}
		}
		return split.clone();
	}

	@Override
	public List<IBase> extractValues(String paths, IBase element) {
		if (element instanceof IBaseResource resource && rootedAtAnotherType(paths, resource)) {
			return new ArrayList<>();
		}
		return super.extractValues(paths, element);
	}

	/** Whether a single path starts with the name of a concrete resource type other than the resource's. */
	boolean rootedAtAnotherType(String path, IBaseResource resource) {
		String root = roots.get(path);
		if (root == null) {
			root = concreteRoot(path);
			if (roots.size() < MAX_KEPT) {
				roots.put(path, root);
			}
		}
		if (root.isEmpty()) {
			return false;
		}
		String type = resource.fhirType();
		return !root.equals(type != null ? type : getContext().getResourceType(resource));
	}

	/** The concrete resource type a path starts with, or "" when it starts with anything else. */
	private String concreteRoot(String path) {
		int start = 0;
		while (start < path.length() && (path.charAt(start) == '(' || Character.isWhitespace(path.charAt(start)))) {
			start++;
		}
		int end = start;
		while (end < path.length() && Character.isLetterOrDigit(path.charAt(end))) {
			end++;
		}
		if (end == start || end == path.length() || path.charAt(end) != '.') {
			return "";
		}
		String root = path.substring(start, end);
		boolean concrete = !ABSTRACT_ROOTS.contains(root) && getContext().getResourceTypes().contains(root);
		return concrete ? root : "";
	}

	/** Puts this extractor in place of HAPI's, before any bean is made. */
	static BeanFactoryPostProcessor replacingHapis() {
		return beanFactory -> {
			if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(HAPI_BEAN)) {
				registry.removeBeanDefinition(HAPI_BEAN);
				registry.registerBeanDefinition(HAPI_BEAN, new RootBeanDefinition(TypeScopedSearchParamExtractor.class));
			}
		};
	}
}
