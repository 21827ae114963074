package org.cairn.article;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cairn.CairnApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code convert} and {@code import} from the command line:
 *
 * <pre>
 * convert PATH OUT          write each article's transaction Bundle as OUT/slug.json, storing nothing
 * import PATH --url=BASE    import into a running Cairn at BASE (e.g. http://localhost:8080/fhir)
 * import PATH               import into the embedded database (the server must not be running)
 * </pre>
 *
 * PATH is an article file ({@code .txt} page text, {@code .md} Markdown) or a folder of them.
 */
public final class ArticleCommandLine {

	private final PrintStream out;

	private ArticleCommandLine(PrintStream out) {
		this.out = out;
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && (args[0].equals("convert") || args[0].equals("import"));
	}

	/** Runs the command and returns the process exit code: 0 when every article went through. */
	public static int run(String[] args) {
		return new ArticleCommandLine(System.out).execute(args);
	}

	private int execute(String[] args) {
		List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
		String url = Arrays.stream(args).filter(a -> a.startsWith("--url=")).map(a -> a.substring(6)).findFirst().orElse(null);
		try {
			if (positional.get(0).equals("convert") && positional.size() == 3) {
				return convert(Path.of(positional.get(1)), Path.of(positional.get(2)));
			}
			if (positional.get(0).equals("import") && positional.size() == 2) {
				List<Path> files = files(Path.of(positional.get(1)));
				return url != null ? importOverHttp(files, url) : importEmbedded(files, args);
			}
		} catch (IOException e) {
			System.err.println(e.getMessage());
			return 2;
		}
		System.err.println("usage: convert PATH OUT | import PATH [--url=http://localhost:8080/fhir]");
		return 2;
	}

	private int convert(Path path, Path outFolder) throws IOException {
		Files.createDirectories(outFolder);
		FhirContext fhir = FhirContext.forR5Cached();
		return each(files(path), file -> {
			Article article = ArticleFormat.ofFileName(file.toString()).parse(Files.readString(file));
			ArticleResources resources = ArticleToFhir.resources(article);
			Path target = outFolder.resolve(article.slug() + ".json");
			Files.writeString(target, fhir.newJsonParser().setPrettyPrint(true)
					.encodeResourceToString(ArticleToFhir.transaction(resources, 0, "CREATE", 1)));
			return "converted to " + target + " (" + resources.size() + " resources)";
		});
	}

	private int importOverHttp(List<Path> files, String baseUrl) {
		HttpClient client = HttpClient.newHttpClient();
		return each(files, file -> {
			String contentType = ArticleFormat.ofFileName(file.toString()) == ArticleFormat.MARKDOWN ? "text/markdown" : "text/plain";
			HttpResponse<String> response;
			try {
				response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/Library/$import-article"))
								.header("Content-Type", contentType + "; charset=utf-8")
								.header("Accept", "application/fhir+json")
								// only the headers are read: what was stored, or the error
								.header("Prefer", "return=minimal")
								.POST(HttpRequest.BodyPublishers.ofFile(file))
								.build(),
						HttpResponse.BodyHandlers.ofString());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted");
			}
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
			}
			return response.headers().firstValue("X-Cairn-Import").orElse("imported");
		});
	}

	private int importEmbedded(List<Path> files, String[] args) {
		String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--") && !a.startsWith("--url=")).toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnApplication.class)
				.web(WebApplicationType.NONE)
				.run(springArgs)) {
			ArticleImporter importer = context.getBean(ArticleImporter.class);
			return each(files, file -> importer.importText(
							Files.readString(file), ArticleFormat.ofFileName(file.toString()))
					.outcome());
		}
	}

	private int each(List<Path> files, IoFunction<Path, String> action) {
		int failed = 0;
		for (Path file : files) {
			try {
				out.println(file + ": " + action.apply(file));
			} catch (ArticleFormatException | ArticleRejectedException | IOException e) {
				failed++;
				out.println(file + ": FAILED " + e.getMessage());
			}
		}
		out.println(files.size() - failed + " of " + files.size() + " articles done");
		return failed == 0 ? 0 : 1;
	}

	private static List<Path> files(Path path) throws IOException {
		if (Files.isRegularFile(path)) {
			return List.of(path);
		}
		if (!Files.isDirectory(path)) {
			throw new IOException("No article file or folder at " + path);
		}
		return ExampleArticleLoader.articleFiles(path);
	}

	@FunctionalInterface
	private interface IoFunction<T, R> {
		R apply(T value) throws IOException;
	}
}
