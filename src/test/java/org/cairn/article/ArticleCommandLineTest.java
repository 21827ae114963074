package org.cairn.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cairn.support.Articles;
import org.cairn.support.CairnServerTest;
import org.cairn.support.CommandLine;
import org.cairn.support.Http;
import org.cairn.support.TestResources;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleCommandLineTest extends CairnServerTest {

	@Test
	void convertWritesTransactionBundlesThatAFhirServerAccepts(@TempDir Path in, @TempDir Path out) throws Exception {
		String topic = "converted gout " + TestResources.unique();
		Files.writeString(in.resolve("gout.txt"), Articles.pageText(topic, "Converted work " + TestResources.unique()));

		CommandLine convert = CommandLine.start("convert", in.toString(), out.toString());
		assertThat(convert.exitCode()).as(convert.output()).isZero();

		List<Path> bundles;
		try (Stream<Path> files = Files.list(out)) {
			bundles = files.toList();
		}
		assertThat(bundles).hasSize(1);
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(bundles.get(0)));
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
		// 1 Library, 4 claims, 2 references, 1 Provenance
		assertThat(bundle.getEntry()).hasSize(8);
		assertThat(client().search().forResource(Library.class)
				.where(Library.TITLE.matches().value("How is " + topic)).returnBundle(Bundle.class).execute().getEntry())
				.as("convert stores nothing").isEmpty();

		HttpResponse<String> posted = Http.sendFhir("POST", baseUrl(), Files.readString(bundles.get(0)));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
		assertThat(client().search().forResource(Library.class)
				.where(Library.TITLE.matches().value("How is " + topic)).returnBundle(Bundle.class).execute().getEntry())
				.hasSize(1);
	}

	@Test
	void importSendsAFolderToARunningServerAndReportsFailures(@TempDir Path in) throws Exception {
		String topic = "cli import " + TestResources.unique();
		Files.writeString(in.resolve("a-good.txt"), Articles.pageText(topic, "CLI work " + TestResources.unique()));
		Files.writeString(in.resolve("b-bad.txt"), "From the Guidelines\n\nNo question here 1.\n");

		CommandLine run = CommandLine.start("import", in.toString(), "--url=" + baseUrl());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.output()).contains("a-good.txt: created").contains("b-bad.txt: FAILED").contains("1 of 2 articles done");
		assertThat(client().search().forResource(Library.class)
				.where(Library.TITLE.matches().value("How is " + topic)).returnBundle(Bundle.class).execute().getEntry())
				.hasSize(1);
	}
}
