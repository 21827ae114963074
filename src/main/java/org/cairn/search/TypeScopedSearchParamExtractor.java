package org.cairn.search;

import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR5;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cairn.server.HapiBeanReplacement;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
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
 * resource has. That was a quarter of the CPU of an article import. Here a path that is a plain
 * chain from another resource type gives nothing without being evaluated, and the split of each
 * expression is kept. The index rows written are the same.
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
		return kept(splits, paths, super::split).clone();
	}

	@Override
	public List<IBase> extractValues(String paths, IBase element) {
		if (element instanceof IBaseResource resource && rootedAtAnotherType(paths, resource)) {
			return new ArrayList<>();
		}
		return super.extractValues(paths, element);
	}

	/** Whether a single path can only find something in a resource of another concrete type. */
	boolean rootedAtAnotherType(String path, IBaseResource resource) {
		String root = kept(roots, path, this::concreteRoot);
		if (root.isEmpty()) {
			return false;
		}
		String type = resource.fhirType();
		return !root.equals(type != null ? type : getContext().getResourceType(resource));
	}

	/**
	 * The concrete resource type a path is a plain chain from ({@code Type.a.b(…).c}, perhaps in
	 * parentheses), or "" for any other path: one rooted elsewhere, or one whose root is an operand
	 * ({@code (Library.title | Evidence.title)}, {@code Library.x.exists() or …}), which can find
	 * something in a resource of another type.
	 */
	private String concreteRoot(String path) {
		String chain = path.strip();
		while (chain.startsWith("(") && closing(chain, 0) == chain.length() - 1) {
			chain = chain.substring(1, chain.length() - 1).strip();
		}
		int rootEnd = identifierEnd(chain, 0);
		if (rootEnd == 0 || !isPlainChain(chain, rootEnd)) {
			return "";
		}
		String root = chain.substring(0, rootEnd);
		boolean concrete = !ABSTRACT_ROOTS.contains(root) && getContext().getResourceTypes().contains(root);
		return concrete ? root : "";
	}

	/** Whether {@code path} from {@code from} on is only {@code .name}, each perhaps followed by {@code (…)} or {@code […]}. */
	private static boolean isPlainChain(String path, int from) {
		int at = from;
		if (at == path.length()) {
			return false;
		}
		while (at < path.length()) {
			if (path.charAt(at) != '.') {
				return false;
			}
			int nameEnd = identifierEnd(path, at + 1);
			if (nameEnd == at + 1) {
				return false;
			}
			at = nameEnd;
			while (at < path.length() && (path.charAt(at) == '(' || path.charAt(at) == '[')) {
				int close = closing(path, at);
				if (close < 0) {
					return false;
				}
				at = close + 1;
			}
		}
		return true;
	}

	/** Where the bracket opened at {@code open} closes (skipping quoted text), or -1. */
	private static int closing(String path, int open) {
		int depth = 0;
		char quote = 0;
		for (int at = open; at < path.length(); at++) {
			char c = path.charAt(at);
			if (quote != 0) {
				if (c == '\\') {
					at++;
				} else if (c == quote) {
					quote = 0;
				}
			} else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
			} else if (c == '(' || c == '[') {
				depth++;
			} else if ((c == ')' || c == ']') && --depth == 0) {
				return at;
			}
		}
		return -1;
	}

	private static int identifierEnd(String path, int from) {
		int at = from;
		while (at < path.length() && (Character.isLetterOrDigit(path.charAt(at)) || path.charAt(at) == '_')) {
			at++;
		}
		return at;
	}

	/** The value kept for {@code path}, computed and kept (while there are few) when missing. */
	private static <V> V kept(Map<String, V> cache, String path, Function<String, V> compute) {
		V value = cache.get(path);
		if (value == null) {
			value = compute.apply(path);
			if (cache.size() < MAX_KEPT) {
				cache.put(path, value);
			}
		}
		return value;
	}

	/** Puts this extractor in place of HAPI's, before any bean is made. */
	static BeanFactoryPostProcessor replacingHapis() {
		return HapiBeanReplacement.replacing(HAPI_BEAN, new RootBeanDefinition(TypeScopedSearchParamExtractor.class));
	}
}
