package org.cairn.article;

import java.util.List;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Library;

/** The FHIR resources of one article. */
public record ArticleResources(Library library, List<Evidence> evidence, List<Citation> citations) {

	public int size() {
		return 1 + evidence.size() + citations.size();
	}
}
