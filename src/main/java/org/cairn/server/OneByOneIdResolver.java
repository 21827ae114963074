package org.cairn.server;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.dao.index.IdHelperService;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * HAPI's resolver of FHIR ids to database rows, asking the database for one id at a time.
 *
 * <p>HAPI looks several ids up in one query, {@code (type = ? and id = ?) or (type = ? and id = ?)…};
 * H2 cannot use an index for such an {@code or} and reads the whole resource table instead, once
 * for every transaction that names resources by id. One id per query is an index lookup. Each id
 * still goes through HAPI's own cache first. (PostgreSQL combines indexes for the {@code or}: the
 * postgres profile keeps HAPI's way, {@code cairn.fhir.resolve-ids-one-by-one: false}.)
 */
public class OneByOneIdResolver extends IdHelperService {

	/** HAPI's bean name for its {@link IdHelperService}. */
	private static final String HAPI_BEAN = "idHelperService";

	@Override
	public Map<IIdType, IResourceLookup<JpaPid>> resolveResourceIdentities(
			RequestPartitionId partition, Collection<IIdType> ids, ResolveIdentityMode mode) {
		if (ids.size() <= 1) {
			return super.resolveResourceIdentities(partition, ids, mode);
		}
		Map<IIdType, IResourceLookup<JpaPid>> found = new HashMap<>();
		for (IIdType id : ids) {
			found.putAll(super.resolveResourceIdentities(partition, List.of(id), mode));
		}
		return found;
	}

	/**
	 * Made like HAPI's bean, from a factory method typed with the raw interface: HAPI's fields ask
	 * for it with several type arguments.
	 */
	@SuppressWarnings("rawtypes")
	public static IIdHelperService create() {
		return new OneByOneIdResolver();
	}

	/** Puts this resolver in place of HAPI's, before any bean is made. */
	static BeanFactoryPostProcessor replacingHapis() {
		RootBeanDefinition resolver = new RootBeanDefinition(OneByOneIdResolver.class);
		resolver.setFactoryMethodName("create");
		return HapiBeanReplacement.replacing(HAPI_BEAN, resolver);
	}
}
