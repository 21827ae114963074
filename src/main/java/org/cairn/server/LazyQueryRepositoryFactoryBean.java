package org.cairn.server;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.data.jpa.repository.query.EscapeCharacter;
import org.springframework.data.jpa.repository.query.JpaQueryMethodFactory;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.querydsl.EntityPathResolver;
import org.springframework.data.querydsl.SimpleEntityPathResolver;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.history.RevisionRepository;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.QueryMethodEvaluationContextProvider;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * HAPI's Spring Data repositories, with each query method's query built on its first call rather
 * than when the repository is made.
 *
 * <p>Spring Data builds and checks every {@code @Query} of a repository when it creates it, and
 * Hibernate's HQL parser is slow while cold: HAPI's 59 repositories declare 222 queries, and
 * parsing them was a fifth of the main thread's start-up. Most are never called by Cairn.
 * A query is still parsed once, then cached by Hibernate, exactly as before.
 */
public class LazyQueryRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends JpaRepositoryFactoryBean<T, S, ID> {

	private static final String ENVERS_FACTORY_BEAN =
			"org.springframework.data.envers.repository.support.EnversRevisionRepositoryFactoryBean";

	private EntityPathResolver entityPathResolver = SimpleEntityPathResolver.INSTANCE;
	private EscapeCharacter escapeCharacter = EscapeCharacter.DEFAULT;
	private JpaQueryMethodFactory queryMethodFactory;

	public LazyQueryRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * Makes HAPI's repositories use this factory bean. HAPI declares them all with Spring Data
	 * Envers' factory bean, which differs from plain JPA's only for revision repositories (MDM's
	 * link history, unused by Cairn): those are left as they are.
	 */
	public static BeanFactoryPostProcessor forHapiRepositories() {
		return beanFactory -> {
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				if (ENVERS_FACTORY_BEAN.equals(definition.getBeanClassName())
						&& !isRevisionRepository(definition, beanFactory.getBeanClassLoader())) {
					definition.setBeanClassName(LazyQueryRepositoryFactoryBean.class.getName());
				}
			}
		};
	}

	private static boolean isRevisionRepository(BeanDefinition definition, ClassLoader classLoader) {
		ValueHolder repositoryInterface = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
		if (repositoryInterface == null || !(repositoryInterface.getValue() instanceof String interfaceName)) {
			return true; // not a shape we know: leave it alone
		}
		return RevisionRepository.class.isAssignableFrom(ClassUtils.resolveClassName(interfaceName, classLoader));
	}

	// The parent keeps these three private; they are kept here too for the factory made below.

	@Override
	@Autowired
	public void setEntityPathResolver(ObjectProvider<EntityPathResolver> resolver) {
		super.setEntityPathResolver(resolver);
		this.entityPathResolver = resolver.getIfAvailable(() -> SimpleEntityPathResolver.INSTANCE);
	}

	@Override
	public void setEscapeCharacter(char escapeCharacter) {
		super.setEscapeCharacter(escapeCharacter);
		this.escapeCharacter = EscapeCharacter.of(escapeCharacter);
	}

	@Override
	@Autowired
	public void setQueryMethodFactory(@Nullable JpaQueryMethodFactory factory) {
		super.setQueryMethodFactory(factory);
		this.queryMethodFactory = factory;
	}

	@Override
	protected RepositoryFactorySupport createRepositoryFactory(EntityManager entityManager) {
		JpaRepositoryFactory factory = new JpaRepositoryFactory(entityManager) {
			@Override
			protected Optional<QueryLookupStrategy> getQueryLookupStrategy(
					@Nullable QueryLookupStrategy.Key key, QueryMethodEvaluationContextProvider provider) {
				return super.getQueryLookupStrategy(key, provider).map(LazyQueryLookupStrategy::new);
			}
		};
		factory.setEntityPathResolver(entityPathResolver);
		factory.setEscapeCharacter(escapeCharacter);
		if (queryMethodFactory != null) {
			factory.setQueryMethodFactory(queryMethodFactory);
		}
		return factory;
	}

	private record LazyQueryLookupStrategy(QueryLookupStrategy strategy) implements QueryLookupStrategy {

		@Override
		public RepositoryQuery resolveQuery(
				Method method, RepositoryMetadata metadata, ProjectionFactory projections, NamedQueries namedQueries) {
			return new LazyRepositoryQuery(
					SingletonSupplier.of(() -> strategy.resolveQuery(method, metadata, projections, namedQueries)));
		}
	}

	private record LazyRepositoryQuery(Supplier<RepositoryQuery> query) implements RepositoryQuery {

		@Override
		public Object execute(Object[] parameters) {
			return query.get().execute(parameters);
		}

		@Override
		public QueryMethod getQueryMethod() {
			return query.get().getQueryMethod();
		}
	}
}
