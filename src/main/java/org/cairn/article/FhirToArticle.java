package org.cairn.article;

import static org.cairn.article.ArticleFhir.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.ContactDetail;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;

/** Reads an article back from its stored Library, Evidence and Citations. */
public final class FhirToArticle {

	private FhirToArticle() {}

	/**
	 * @param evidence the article's Evidence by id
	 * @param citations its Citations by id
	 */
	public static Article read(Library library, Map<String, Evidence> evidence, Map<String, Citation> citations) {
		List<Article.Part> parts = new ArrayList<>();
		String partTitle = null;
		List<Article.Section> sections = new ArrayList<>();
		String heading = null;
		List<Article.Claim> claims = new ArrayList<>();
		boolean first = true;
		for (RelatedArtifact related : library.getRelatedArtifact()) {
			if (related.getType() != RelatedArtifactType.COMPOSEDOF) {
				continue;
			}
			String relatedPart = related.getDisplay();
			String relatedHeading = related.getLabel();
			if (first || !Objects.equals(relatedPart, partTitle)) {
				if (!first) {
					sections.add(new Article.Section(heading, claims));
					parts.add(new Article.Part(partTitle, PageTextParser.sourceOf(partTitle), sections));
				}
				partTitle = relatedPart;
				sections = new ArrayList<>();
				heading = relatedHeading;
				claims = new ArrayList<>();
				first = false;
			} else if (!Objects.equals(relatedHeading, heading)) {
				sections.add(new Article.Section(heading, claims));
				heading = relatedHeading;
				claims = new ArrayList<>();
			}
			Evidence claim = evidence.get(related.getResourceReference().getReferenceElement().getIdPart());
			List<Integer> numbers = claim.getRelatedArtifact().stream()
					.filter(r -> r.getType() == RelatedArtifactType.CITATION)
					.map(r -> Integer.valueOf(r.getLabel()))
					.toList();
			boolean bullet = related.getClassifier().stream()
					.flatMap(c -> c.getCoding().stream())
					.anyMatch(c -> CLAIM_FORM_SYSTEM.equals(c.getSystem()) && "bullet".equals(c.getCode()));
			claims.add(new Article.Claim(claim.getDescription(), numbers, bullet, 0));
		}
		if (!first) {
			sections.add(new Article.Section(heading, claims));
			parts.add(new Article.Part(partTitle, PageTextParser.sourceOf(partTitle), sections));
		}

		List<Article.CitedWork> references = new ArrayList<>();
		for (RelatedArtifact related : library.getRelatedArtifact()) {
			if (related.getType() == RelatedArtifactType.CITATION) {
				Citation citation = citations.get(related.getResourceReference().getReferenceElement().getIdPart());
				references.add(work(Integer.parseInt(related.getLabel()), related, citation));
			}
		}

		return new Article(
				library.getIdPart(),
				library.getTitle(),
				library.getVersion(),
				library.hasDate() ? LocalDate.parse(library.getDateElement().getValueAsString().substring(0, 10)) : null,
				reviewStatus(library),
				library.getUseContext().stream()
						.filter(u -> "user".equals(u.getCode().getCode()))
						.map(u -> u.getValueCodeableConcept().getText())
						.toList(),
				library.getTopic().stream()
						.map(CodeableConcept::getCodingFirstRep)
						.map(c -> new Article.Topic(c.getSystem(), c.getCode(), c.getDisplay()))
						.toList(),
				library.getAuthor().stream().map(ContactDetail::getName).toList(),
				library.getReviewer().stream().map(ContactDetail::getName).toList(),
				parts,
				references,
				library.hasUsage() ? library.getUsage() : null);
	}

	private static Article.CitedWork work(int number, RelatedArtifact related, Citation citation) {
		Citation.CitationCitedArtifactComponent artifact = citation.getCitedArtifact();
		Citation.CitationCitedArtifactPublicationFormComponent form = artifact.getPublicationFormFirstRep();
		String kind = related.getClassifier().stream()
				.flatMap(c -> c.getCoding().stream())
				.filter(c -> EVIDENCE_SOURCE_SYSTEM.equals(c.getSystem()))
				.map(Coding::getCode)
				.findFirst()
				.orElse("research");
		return new Article.CitedWork(
				number,
				kind,
				artifact.getTitleFirstRep().getText(),
				form.getPublishedIn().getTitle(),
				form.hasArticleDate() ? Integer.valueOf(form.getArticleDateElement().getValueAsString().substring(0, 4)) : null,
				identifier(artifact.getIdentifier(), PMID_SYSTEM),
				identifier(artifact.getIdentifier(), DOI_SYSTEM),
				0);
	}

	private static String identifier(List<Identifier> identifiers, String system) {
		return identifiers.stream()
				.filter(i -> system.equals(i.getSystem()))
				.map(Identifier::getValue)
				.findFirst()
				.orElse(null);
	}

	private static String reviewStatus(Library library) {
		return library.getExtensionsByUrl(REVIEW_STATUS_EXTENSION).stream()
				.map(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode())
				.findFirst()
				.orElse(null);
	}
}
