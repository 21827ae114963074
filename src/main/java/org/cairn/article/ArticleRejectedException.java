package org.cairn.article;

import org.hl7.fhir.r5.model.OperationOutcome;

/** The article parsed, but the FHIR resources made from it break a profile; nothing was stored. */
public class ArticleRejectedException extends RuntimeException {

	private final OperationOutcome outcome;

	public ArticleRejectedException(OperationOutcome outcome) {
		super(outcome.getIssueFirstRep().getDiagnostics());
		this.outcome = outcome;
	}

	public OperationOutcome outcome() {
		return outcome;
	}
}
