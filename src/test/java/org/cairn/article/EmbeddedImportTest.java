package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cairn.support.Articles;
import org.cairn.support.CommandLine;
import org.cairn.support.Http;
import org.cairn.support.ServerProcess;
import org.hl7.fhir.r5.model.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} without {@code --url} writes straight into the embedded database a server then serves. */
class EmbeddedImportTest {

	@Test
	void importIntoTheEmbeddedDatabaseIsServedAfterwards(@TempDir Path dataDir, @TempDir Path folder) throws Exception {
		String text = Articles.pageText("embedded import", "Embedded shared work");
		Files.writeString(folder.resolve("embedded.txt"), text);
		String slug = PageTextParser.parse(text).slug();

		CommandLine run = CommandLine.start("import", folder.toString(), "--cairn.data-dir=" + dataDir);
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("embedded.txt: created").contains("1 of 1 articles done");

		try (ServerProcess server = new ServerProcess(dataDir).startAndWait()) {
			String body = Http.get(server.baseUrl() + "/Library/" + slug, "application/fhir+json").body();
			Library library = FhirContext.forR5Cached().newJsonParser().parseResource(Library.class, body);
			assertThat(library.getTitle()).isEqualTo("How is embedded import managed in adults?");
		}
	}
}
