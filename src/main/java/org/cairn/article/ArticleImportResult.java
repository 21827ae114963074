package org.cairn.article;

import org.hl7.fhir.r5.model.Library;

/**
 * What importing one article did.
 *
 * @param library the article's Library as stored
 * @param outcome {@code created}, {@code updated} or {@code unchanged}
 * @param resources how many resources the article is stored as
 */
public record ArticleImportResult(Library library, String outcome, int resources) {}
