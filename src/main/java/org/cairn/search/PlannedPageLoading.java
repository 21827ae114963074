package org.cairn.search;

import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTagDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTablePk;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTag;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * HAPI's two queries that load a search page's resources (their current versions, then those
 * versions' tags) asked with one parameter per id instead of one list parameter.
 *
 * <p>Hibernate 6.6 keeps no plan for a query with a list parameter, so HAPI's two queries were
 * translated from HQL to SQL again at every search and every include: a tenth of a search's CPU
 * and a quarter of what it allocated. With an id per parameter each list length is a query of
 * its own, whose plan Hibernate keeps; lengths are rounded up to the sizes HAPI already pads the
 * version query's ids to (for the database's plans), by repeating an id, so there are few. Longer
 * lists go to HAPI's query as before. The queries are HAPI's, word for word.
 */
@Component
public final class PlannedPageLoading implements BeanPostProcessor {

	/** The list lengths queries are made for (HAPI's {@code InClauseNormalizer} sizes). */
	private static final int[] LENGTHS = {1, 10, 50, 100, 200, 500, 800};

	private static final String CURRENT_VERSIONS = "SELECT v FROM ResourceHistoryTable v JOIN FETCH v.myResourceTable t"
			+ " WHERE t.myPid IN %s AND t.myVersion = v.myResourceVersion";
	private static final String VERSION_TAGS =
			"SELECT t FROM ResourceHistoryTag t LEFT JOIN FETCH t.myTag WHERE t.myResourceHistory.myId IN %s";

	private final ObjectProvider<EntityManagerFactory> entityManagerFactory;
	private final ConcurrentHashMap<String, String> queries = new ConcurrentHashMap<>();
	private volatile EntityManager entityManager;

	public PlannedPageLoading(ObjectProvider<EntityManagerFactory> entityManagerFactory) {
		this.entityManagerFactory = entityManagerFactory;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof IResourceHistoryTableDao) {
			return answering(bean, "findCurrentVersionsByResourcePidsAndFetchResourceTable",
					args -> list(CURRENT_VERSIONS, ResourceHistoryTable.class, (List<JpaPid>) args[0]));
		}
		if (bean instanceof IResourceHistoryTagDao) {
			return answering(bean, "findByVersionIds",
					args -> list(VERSION_TAGS, ResourceHistoryTag.class, (Collection<ResourceHistoryTablePk>) args[0]));
		}
		return bean;
	}

	/**
	 * {@code repository} with its method {@code name} (one argument, a list of ids) answered by
	 * {@code query}, or by the repository when that gives null (a list too long).
	 */
	private static Object answering(Object repository, String name, Function<Object[], List<?>> query) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals(name) && args != null && args.length == 1) {
				List<?> answer = query.apply(args);
				if (answer != null) {
					return answer;
				}
			}
			try {
				return method.invoke(repository, args);
			} catch (InvocationTargetException e) {
				throw e.getCause();
			}
		};
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(repository.getClass());
		return Proxy.newProxyInstance(repository.getClass().getClassLoader(), interfaces, handler);
	}

	/** The rows of {@code hql} for {@code ids}, or null when there are more ids than the longest list. */
	private <T> List<T> list(String hql, Class<T> type, Collection<?> ids) {
		int length = lengthFor(ids.size());
		if (length < 0) {
			return null;
		}
		TypedQuery<T> query = entityManager().createQuery(queryFor(hql, length), type);
		List<Object> values = new ArrayList<>(ids);
		for (int i = 0; i < length; i++) {
			query.setParameter("p" + i, values.get(Math.min(i, values.size() - 1)));
		}
		return query.getResultList();
	}

	/** The shortest list length that holds {@code count} ids: -1 when none does (or none is asked for). */
	private static int lengthFor(int count) {
		if (count > 0) {
			for (int length : LENGTHS) {
				if (count <= length) {
					return length;
				}
			}
		}
		return -1;
	}

	private String queryFor(String hql, int length) {
		return queries.computeIfAbsent(hql + length, key -> {
			StringJoiner parameters = new StringJoiner(", ", "(", ")");
			for (int i = 0; i < length; i++) {
				parameters.add(":p" + i);
			}
			return hql.formatted(parameters);
		});
	}

	/** The transaction's entity manager, as HAPI's repositories use it. */
	private EntityManager entityManager() {
		EntityManager shared = entityManager;
		if (shared == null) {
			shared = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory.getObject());
			entityManager = shared;
		}
		return shared;
	}
}
