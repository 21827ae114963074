package org.cairn.article;

import static org.cairn.article.ArticleFhir.*;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.hl7.fhir.r5.model.Attachment;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.ContactDetail;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Library;
import org.hl7.fhir.r5.model.Narrative;
import org.hl7.fhir.r5.model.Provenance;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.RelatedArtifact.RelatedArtifactType;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.UsageContext;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Maps an article to the FHIR resources that hold it, as one transaction: a Library for the
 * article, an Evidence per claim and a Citation per cited work, each with a fixed id derived
 * from the article's slug (claims) or from the work itself (citations), so importing again
 * updates the same resources, and articles citing the same work share its Citation.
 */
public final class ArticleToFhir {

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	private ArticleToFhir() {}

	/** The article's resources, without Provenance: what {@code convert} writes and imports compare. */
	public static ArticleResources resources(Article article) {
		PublicationStatus status = "approved".equals(article.reviewStatus()) ? PublicationStatus.ACTIVE : PublicationStatus.DRAFT;
		Map<Integer, Citation> citations = new LinkedHashMap<>();
		for (Article.CitedWork work : article.references()) {
			citations.put(work.number(), citation(work));
		}
		List<Evidence> evidence = new ArrayList<>();
		Library library = library(article, status);
		int claimNumber = 0;
		for (Article.Part part : article.parts()) {
			for (Article.Section section : part.sections()) {
				for (Article.Claim claim : section.claims()) {
					claimNumber++;
					Evidence next = evidence(article, claim, evidenceId(article.slug(), claimNumber), status, part, citations);
					evidence.add(next);
					RelatedArtifact composedOf = library.addRelatedArtifact()
							.setType(RelatedArtifactType.COMPOSEDOF)
							.setLabel(section.heading())
							.setDisplay(part.title())
							.setResource(next.getUrl())
							.setResourceReference(new Reference("Evidence/" + next.getIdPart()));
					if (part.source() != null) {
						composedOf.addClassifier(new CodeableConcept(new Coding(EVIDENCE_SOURCE_SYSTEM, part.source(), null)));
					}
					composedOf.addClassifier(new CodeableConcept(
							new Coding(CLAIM_FORM_SYSTEM, claim.bullet() ? "bullet" : "lead", null)));
				}
			}
		}
		for (Article.CitedWork work : article.references()) {
			Citation citation = citations.get(work.number());
			library.addRelatedArtifact()
					.setType(RelatedArtifactType.CITATION)
					.setLabel(String.valueOf(work.number()))
					.setResource(citation.getUrl())
					.setResourceReference(new Reference("Citation/" + citation.getIdPart()))
					.addClassifier(new CodeableConcept(new Coding(EVIDENCE_SOURCE_SYSTEM, work.kind(), null)));
		}
		return new ArticleResources(library, evidence, List.copyOf(citations.values()));
	}

	/**
	 * The transaction storing the article: every resource by PUT to its fixed id, claims the
	 * article no longer has deleted, and a Provenance for the change naming the Library version
	 * it makes ({@code libraryVersion}).
	 */
	public static Bundle transaction(
			ArticleResources resources, int previousClaimCount, String activity, int libraryVersion) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		put(bundle, resources.library());
		resources.evidence().forEach(evidence -> put(bundle, evidence));
		resources.citations().forEach(citation -> put(bundle, citation));
		String slug = resources.library().getIdPart();
		for (int gone = resources.evidence().size() + 1; gone <= previousClaimCount; gone++) {
			bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Evidence/" + evidenceId(slug, gone));
		}
		if (activity != null) {
			Provenance provenance = provenance(resources.library(), activity, libraryVersion);
			bundle.addEntry()
					.setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
					.setResource(provenance)
					.getRequest()
					.setMethod(Bundle.HTTPVerb.POST)
					.setUrl("Provenance");
		}
		return bundle;
	}

	private static void put(Bundle bundle, Resource resource) {
		String type = resource.fhirType();
		bundle.addEntry()
				.setFullUrl(BASE + "/" + type + "/" + resource.getIdPart())
				.setResource(resource)
				.getRequest()
				.setMethod(Bundle.HTTPVerb.PUT)
				.setUrl(type + "/" + resource.getIdPart());
	}

	private static Library library(Article article, PublicationStatus status) {
		Library library = new Library();
		library.setId(article.slug());
		library.getMeta().addProfile(ARTICLE_PROFILE);
		library.setUrl(libraryUrl(article.slug()));
		library.setVersion(article.version());
		library.setName(name(article.slug()));
		library.setTitle(article.question());
		library.setStatus(status);
		library.setType(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/library-type", "asset-collection", "Asset Collection")));
		if (article.lastUpdated() != null) {
			Date date = Date.from(article.lastUpdated().atStartOfDay(ZoneOffset.UTC).toInstant());
			library.setDateElement(new DateTimeType(article.lastUpdated().toString()));
			library.setLastReviewDate(date);
			if ("approved".equals(article.reviewStatus())) {
				library.setApprovalDate(date);
			}
		}
		library.addExtension(new Extension(
				REVIEW_STATUS_EXTENSION,
				new CodeableConcept(new Coding(REVIEW_STATUS_SYSTEM, article.reviewStatus(), null))));
		for (Article.Topic topic : article.topics()) {
			Coding coding = new Coding(topic.system(), topic.code(), topic.display());
			library.addTopic(new CodeableConcept(coding));
			library.addUseContext(new UsageContext(
					new Coding(USAGE_CONTEXT_SYSTEM, "focus", "Clinical Focus"), new CodeableConcept(coding.copy())));
		}
		for (String audience : article.audience()) {
			library.addUseContext(new UsageContext(
					new Coding(USAGE_CONTEXT_SYSTEM, "user", "User Type"),
					new CodeableConcept().setText(audience)));
		}
		article.authors().forEach(name -> library.addAuthor(new ContactDetail().setName(name)));
		article.reviewers().forEach(name -> library.addReviewer(new ContactDetail().setName(name)));
		if (article.disclaimer() != null) {
			library.setUsage(article.disclaimer());
		}
		String markdown = MarkdownArticleWriter.write(article);
		library.addContent(new Attachment()
				.setContentType("text/markdown; charset=utf-8")
				.setTitle(article.question())
				.setData(markdown.getBytes(StandardCharsets.UTF_8)));
		String body = ArticleHtml.body(article);
		library.addContent(new Attachment()
				.setContentType("text/html; charset=utf-8")
				.setTitle(article.question())
				.setData(ArticleHtml.page(article.question(), body).getBytes(StandardCharsets.UTF_8)));
		narrative(library, ArticleHtml.xhtml(body));
		return library;
	}

	private static Evidence evidence(
			Article article,
			Article.Claim claim,
			String id,
			PublicationStatus status,
			Article.Part part,
			Map<Integer, Citation> citations) {
		Evidence evidence = new Evidence();
		evidence.setId(id);
		evidence.getMeta().addProfile(CLAIM_PROFILE);
		evidence.setUrl(evidenceUrl(id));
		evidence.setVersion(article.version());
		evidence.setStatus(status);
		evidence.setDescription(claim.text());
		evidence.setTitle(article.question());
		if (part.source() != null) {
			evidence.addUseContext(new UsageContext(
					new Coding(USAGE_CONTEXT_SYSTEM, "program", "Program"),
					new CodeableConcept(new Coding(EVIDENCE_SOURCE_SYSTEM, part.source(), null))));
		}
		String variable = article.topics().isEmpty() || article.topics().get(0).display() == null
				? article.question()
				: article.topics().get(0).display();
		evidence.addVariableDefinition()
				.setDescription(variable)
				.setVariableRole(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/variable-role", "measuredVariable", "Measured Variable")));
		for (int number : claim.references()) {
			Citation citation = citations.get(number);
			evidence.addRelatedArtifact()
					.setType(RelatedArtifactType.CITATION)
					.setLabel(String.valueOf(number))
					.setResource(citation.getUrl())
					.setResourceReference(new Reference("Citation/" + citation.getIdPart()));
		}
		ClaimFigures.statistics(claim.text()).forEach(evidence::addStatistic);
		paragraphNarrative(evidence).addText(xmlText(claim.text()));
		return evidence;
	}

	private static Citation citation(Article.CitedWork work) {
		String id = citationId(work);
		Citation citation = new Citation();
		citation.setId(id);
		citation.getMeta().addProfile(CITED_WORK_PROFILE);
		citation.setUrl(citationUrl(id));
		citation.setStatus(PublicationStatus.ACTIVE);
		citation.setTitle(work.title());
		Citation.CitationCitedArtifactComponent artifact = citation.getCitedArtifact();
		artifact.addTitle().setText(work.title());
		if (work.pmid() != null) {
			artifact.addIdentifier(new Identifier().setSystem(PMID_SYSTEM).setValue(work.pmid()));
		}
		if (work.doi() != null) {
			artifact.addIdentifier(new Identifier().setSystem(DOI_SYSTEM).setValue(work.doi()));
		}
		Citation.CitationCitedArtifactPublicationFormComponent form = artifact.addPublicationForm();
		form.getPublishedIn().setTitle(work.source());
		if (work.year() != null) {
			form.setArticleDateElement(new DateTimeType(String.valueOf(work.year())));
		}
		artifact.addClassification()
				.setType(new CodeableConcept().setText("evidence source"))
				.addClassifier(new CodeableConcept(new Coding(EVIDENCE_SOURCE_SYSTEM, work.kind(), null)));
		XhtmlNode paragraph = paragraphNarrative(citation);
		paragraph.addText(xmlText(work.title()) + " ");
		paragraph.addTag("i").addText(xmlText(work.source()));
		if (work.year() != null) {
			paragraph.addText(", " + work.year());
		}
		return citation;
	}

	private static Provenance provenance(Library library, String activity, int libraryVersion) {
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference("Library/" + library.getIdPart() + "/_history/" + libraryVersion));
		provenance.setRecorded(new Date());
		provenance.setActivity(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/v3-DataOperation", activity, activity.equals("CREATE") ? "create" : "revise")));
		for (ContactDetail author : library.getAuthor()) {
			agent(provenance, "author", author.getName());
		}
		for (ContactDetail reviewer : library.getReviewer()) {
			agent(provenance, "verifier", reviewer.getName());
		}
		if (!provenance.hasAgent()) {
			agent(provenance, "assembler", "Cairn article import");
		}
		return provenance;
	}

	private static void agent(Provenance provenance, String role, String name) {
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/provenance-participant-type", role, null)))
				.setWho(new Reference().setDisplay(name));
	}

	private static void narrative(DomainResource resource, String xhtml) {
		resource.getText()
				.setStatus(Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"" + XHTML + "\">" + xhtml + "</div>");
	}

	/**
	 * Gives the resource a narrative of one paragraph and returns the paragraph to fill. Built as
	 * nodes rather than parsed from text: each parse builds an XHTML parser with its table of
	 * entities, a few percent of an import's CPU over an article's claims and works.
	 */
	private static XhtmlNode paragraphNarrative(DomainResource resource) {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.setAttribute("xmlns", XHTML);
		resource.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
		return div.addTag("p");
	}

	private static String name(String slug) {
		StringBuilder name = new StringBuilder();
		for (String word : slug.split("-")) {
			if (!word.isEmpty()) {
				name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
			}
		}
		return name.length() > 0 && Character.isLetter(name.charAt(0)) ? name.toString() : "A" + name;
	}

	/** The text without the characters XML 1.0 cannot hold, as {@link #escape} leaves it. */
	private static String xmlText(String text) {
		return StringEscapeUtils.unescapeXml(escape(text));
	}

	static String escape(String text) {
		return StringEscapeUtils.escapeXml10(text);
	}
}
