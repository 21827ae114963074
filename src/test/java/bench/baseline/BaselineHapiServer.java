package bench.baseline;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * A plain HAPI FHIR JPA R5 server with HAPI's default settings: the baseline Cairn is measured
 * against. H2 in file mode and a Lucene index, both under {@code baseline.data-dir}.
 *
 * <p>Run with {@code --server.port=N --baseline.data-dir=/abs/path}. It reads only
 * {@code bench-baseline/application.yaml}, never Cairn's {@code config/application.yaml}.
 *
 * <p>HAPI registers its own JPA repositories; the other exclusions match HAPI's JPA server starter.
 */
@SpringBootApplication(
		scanBasePackages = "bench.baseline",
		exclude = {
			JpaRepositoriesAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class,
			ThymeleafAutoConfiguration.class,
			QuartzAutoConfiguration.class
		})
public class BaselineHapiServer {

	private static final Logger log = LoggerFactory.getLogger(BaselineHapiServer.class);

	public static void main(String[] args) {
		new SpringApplicationBuilder(BaselineHapiServer.class)
				.properties("spring.config.location=classpath:/bench-baseline/application.yaml")
				.run(args);
	}

	@EventListener
	public void onReady(ApplicationReadyEvent event) {
		String port = event.getApplicationContext() instanceof WebServerApplicationContext web
				? String.valueOf(web.getWebServer().getPort())
				: "?";
		log.info("Baseline ready in {} ms on port {}", ManagementFactory.getRuntimeMXBean().getUptime(), port);
	}
}
