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
import java.util.List;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.Resource;
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
	private final FhirValidator validator;

	public ArticleImporter(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			IFhirSystemDao<Bundle, ?> systemDao,
			IValidatorModule instanceValidator) {
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
		this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
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
		validate(resources);
		int previousClaims = stored == null ? 0 : (int) stored.getRelatedArtifact().stream()
				.filter(r -> r.getType() == RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
				.count();
		// The transaction is atomic and retried on a version conflict, so the next version is known.
		int nextVersion = stored == null ? 1 : stored.getIdElement().getVersionIdPartAsLong().intValue() + 1;
		Bundle transaction = ArticleToFhir.transaction(
				resources, previousClaims, stored == null ? "CREATE" : "UPDATE", nextVersion);
		systemDao.transaction(new SystemRequestDetails(), transaction);
		Library library = storedLibrary(resources.library().getIdPart());
		return new ArticleImportResult(library, stored == null ? "created" : "updated", resources.size());
	}

	private Library storedLibrary(String id) {
		try {
			return (Library) daoRegistry.getResourceDao("Library").read(new org.hl7.fhir.r5.model.IdType("Library", id),
					new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private static boolean sameContent(Library stored, Library fresh) {
		Library a = stored.copy();
		a.setMeta(null);
		a.setIdElement(null);
		Library b = fresh.copy();
		b.setMeta(null);
		b.setIdElement(null);
		return a.equalsDeep(b);
	}

	private void validate(ArticleResources resources) {
		OperationOutcome outcome = new OperationOutcome();
		validate(resources.library(), outcome);
		resources.evidence().forEach(e -> validate(e, outcome));
		resources.citations().forEach(c -> validate(c, outcome));
		if (outcome.hasIssue()) {
			throw new ArticleRejectedException(outcome);
		}
	}

	private void validate(Resource resource, OperationOutcome outcome) {
		List<SingleValidationMessage> errors = validator.validateWithResult(resource).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		for (SingleValidationMessage error : errors) {
			outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.INVALID)
					.setDiagnostics(resource.fhirType() + "/" + resource.getIdPart() + ": " + error.getMessage())
					.addExpression(error.getLocationString());
		}
	}
}
