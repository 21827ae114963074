package org.cairn.article;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.cairn.server.FhirServerExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the article operations on the FHIR endpoint. */
@Configuration
public class ArticleConfig {

	@Bean
	public FhirServerExtension articleOperations(
			ArticleImporter importer, DaoRegistry daoRegistry, FhirContext fhirContext, ArticleProperties properties) {
		// A Provenance names the exact Library version it is about; HAPI would strip it otherwise.
		fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths("Provenance.target");
		ArticleOperations operations = new ArticleOperations(importer, daoRegistry, fhirContext, properties);
		return server -> server.registerProvider(operations);
	}
}
