package org.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.cairn.support.Articles;
import org.cairn.support.Http;
import org.cairn.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 file holds mostly live data while articles are written, not dead copies of it. */
class EmbeddedDatabaseFileTest {

	private static final int ARTICLES = 60;

	@Test
	void fileStaysMostlyLiveWhileArticlesAreWritten(@TempDir Path dataDir) throws Exception {
		try (ServerProcess server = new ServerProcess(dataDir, "--cairn.article.examples=").startAndWait()) {
			for (int i = 0; i < ARTICLES; i++) {
				String text = Articles.pageText("file upkeep case " + i, "Upkeep shared work " + (i % 5));
				int status = Http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Library/$import-article"))
								.header("Content-Type", "text/plain")
								.POST(HttpRequest.BodyPublishers.ofString(text)))
						.statusCode();
				assertThat(status).as("import of article " + i).isEqualTo(200);
			}
			// H2 frees a chunk only 45 s after its last live page left it (its RETENTION_TIME);
			// then SIGKILL, so H2's own compaction at close cannot tidy up
			Thread.sleep(60_000);
			server.kill();
		}

		int livePercent = chunksLivePercent(dataDir.resolve("h2").resolve("cairn"));
		assertThat(livePercent).as("share of the H2 file's chunks that is live data").isGreaterThanOrEqualTo(50);
	}

	/** Opens the file as the server left it, read-only, and asks H2 how much of it is live. */
	private static int chunksLivePercent(Path database) throws SQLException {
		try (Connection connection = DriverManager.getConnection(
						"jdbc:h2:file:" + database.toAbsolutePath() + ";ACCESS_MODE_DATA=r", "sa", "");
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'info.CHUNKS_FILL_RATE'")) {
			assertThat(row.next()).as("H2 reports its chunk fill rate").isTrue();
			return Integer.parseInt(row.getString(1));
		}
	}
}
