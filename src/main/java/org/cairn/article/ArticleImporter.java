package org.cairn.article;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.IdType;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Stores articles: parse, map to FHIR, validate, and write as one transaction, so an article is
 * stored whole or not at all. Importing the same article again writes nothing; a changed one
 * makes new versions of what changed, with a Provenance saying so.
 */
@Service
public class ArticleImporter {

	private static final Logger log = LoggerFactory.getLogger(ArticleImporter.class);
	/** Concurrent imports creating the same Citation collide; the loser retries and finds it made. */
	private static final int ATTEMPTS = 5;

	private final DaoRegistry daoRegistry;
	private final IFhirSystemDao<Bundle, ?> systemDao;
	/** Null when imports are not validated at runtime (see {@link ArticleProperties#validateResources()}). */
	private final FhirValidator validator;

	public ArticleImporter(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			IFhirSystemDao<Bundle, ?> systemDao,
			IValidatorModule instanceValidator,
			ArticleProperties properties) {
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
		this.validator = properties.validateResources()
				? fhirContext.newValidator().registerValidatorModule(instanceValidator)
				: null;
	}

	public ArticleImportResult importText(String text, ArticleFormat format) {
		return importArticle(format.parse(text));
	}

	public ArticleImportResult importArticle(Article article) {
		ArticleResources resources = ArticleToFhir.resources(article);
		for (int attempt = 1; ; attempt++) {
			try {
				return store(resources);
			} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
				if (attempt == ATTEMPTS) {
					throw e;
				}
				log.debug("Import of {} collided with another write, retrying: {}", article.slug(), e.getMessage());
			}
		}
	}

	private ArticleImportResult store(ArticleResources resources) {
		Library stored = storedLibrary(resources.library().getIdPart());
		if (stored != null && sameContent(stored, resources.library())) {
			return new ArticleImportResult(stored, "unchanged", resources.size());
		}
		if (validator != null) {
			validate(resources);
		}
		int previousClaims = stored == null ? 0 : (int) stored.getRelatedArtifact().stream()
				.filter(r -> r.getType() == RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
				.count();
		// The transaction is atomic and retried on a version conflict, so the next version is known.
		int nextVersion = stored == null ? 1 : stored.getIdElement().getVersionIdPartAsLong().intValue() + 1;
		Bundle transaction = ArticleToFhir.transaction(
				resources, previousClaims, stored == null ? "CREATE" : "UPDATE", nextVersion);
		systemDao.transaction(new SystemRequestDetails(), transaction);
		// HAPI stores the transaction's resources as given and sets their id, version and
		// lastUpdated, so the Library is already what a read would return (ArticleImportTest).
		return new ArticleImportResult(resources.library(), stored == null ? "created" : "updated", resources.size());
	}

	private Library storedLibrary(String id) {
		try {
			return (Library) daoRegistry.getResourceDao("Library").read(new IdType("Library", id),
					new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private static boolean sameContent(Library stored, Library fresh) {
		Library a = stored.copy();
		a.getMeta().setVersionId(null).setLastUpdated(null).setSource(null);
		a.setIdElement(null);
		Library b = fresh.copy();
		b.setIdElement(null);
		return a.equalsDeep(b);
	}

	/**
	 * Validates all of the article's resources in one call: HAPI's validator costs a set-up per
	 * call that outweighs checking a small resource.
	 */
	private void validate(ArticleResources resources) {
		Bundle all = new Bundle().setType(Bundle.BundleType.COLLECTION);
		all.addEntry().setFullUrl(ArticleFhir.libraryUrl(resources.library().getIdPart())).setResource(resources.library());
		resources.evidence().forEach(e -> all.addEntry().setFullUrl(e.getUrl()).setResource(e));
		resources.citations().forEach(c -> all.addEntry().setFullUrl(c.getUrl()).setResource(c));
		OperationOutcome outcome = new OperationOutcome();
		for (SingleValidationMessage message : validator.validateWithResult(all).getMessages()) {
			if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
				outcome.addIssue()
						.setSeverity(OperationOutcome.IssueSeverity.ERROR)
						.setCode(OperationOutcome.IssueType.INVALID)
						.setDiagnostics(message.getMessage())
						.addExpression(message.getLocationString());
			}
		}
		if (outcome.hasIssue()) {
			throw new ArticleRejectedException(outcome);
		}
	}
}
