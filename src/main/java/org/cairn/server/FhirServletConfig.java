package org.cairn.server;

import ca.uhn.fhir.batch2.jobs.bulkmodify.reindex.ReindexProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's {@link RestfulServer} with the JPA resource
 * providers for the resource types Cairn serves, plus whatever operation providers and
 * interceptors other capabilities declare as {@link FhirServerExtension} beans.
 */
@Configuration
public class FhirServletConfig {

	@Bean
	public RestfulServer restfulServer(
			FhirServerProperties properties,
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			IJpaSystemProvider systemProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			IValidatorModule instanceValidator,
			DatabaseBackedPagingProvider pagingProvider,
			ValueSetOperationProvider valueSetOperations,
			ReindexProvider reindexProvider,
			StartupGateInterceptor startupGate,
			LoadFollowingHeap loadFollowingHeap,
			ObjectProvider<FhirServerExtension> extensions) {
		RestfulServer server = new RestfulServer(systemDao.getContext());
		server.getFhirContext().setNarrativeGenerator(new NullNarrativeGenerator());
		// What is served comes from storage, whose references never hold in-memory targets to
		// contain: skip the encoder's walk over every element looking for them (a tenth of a search).
		server.getFhirContext().getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
		server.registerProviders(resourceProviders.createProviders());
		server.registerProviders(List.of(systemProvider, valueSetOperations, reindexProvider));

		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setImplementationDescription("Cairn clinical knowledge server");
		server.setServerConformanceProvider(capabilities);
		server.setServerName("Cairn");

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
		server.registerInterceptor(startupGate);
		server.registerInterceptor(loadFollowingHeap);
		server.registerInterceptor(new ResponseHighlighterInterceptor());

		server.registerInterceptor(new UnparseableBodyInterceptor());
		server.registerInterceptor(new WriteCollisionRetryInterceptor(properties.writeCollisionRetries()));
		if (properties.validateRequests()) {
			RequestValidatingInterceptor validating = new RequestValidatingInterceptor();
			validating.setFailOnSeverity(ResultSeverityEnum.ERROR);
			validating.setAddResponseHeaderOnSeverity(null);
			validating.setValidatorModules(List.of(instanceValidator));
			server.registerInterceptor(validating);
		}

		extensions.orderedStream().forEach(extension -> extension.extend(server));
		return server;
	}

	@Bean
	public StartupGateInterceptor startupGate(FhirContext fhirContext) {
		return new StartupGateInterceptor(fhirContext);
	}

	@Bean
	public LoadFollowingHeap loadFollowingHeap(HeapSizingProperties properties) {
		return new LoadFollowingHeap(properties);
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
