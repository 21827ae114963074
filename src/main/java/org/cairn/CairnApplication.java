package org.cairn;

import org.cairn.article.ArticleCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.data.web.SpringDataWebAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketMessagingAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cairn: a FHIR R5 server for clinical knowledge artifacts.
 *
 * <p>HAPI registers its own JPA repositories, Elasticsearch client and Quartz schedulers, so Spring
 * Boot's are off. The rest excluded arrive with HAPI's dependencies and are unused; each took
 * start-up time (Flyway looked for migrations on every start).
 */
@SpringBootApplication(
		exclude = {
			JpaRepositoriesAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class,
			ThymeleafAutoConfiguration.class,
			QuartzAutoConfiguration.class,
			FlywayAutoConfiguration.class,
			GsonAutoConfiguration.class,
			WebSocketServletAutoConfiguration.class,
			WebSocketMessagingAutoConfiguration.class,
			SpringDataWebAutoConfiguration.class
		},
		excludeName = {
			"org.springdoc.core.configuration.SpringDocConfiguration",
			"org.springdoc.core.configuration.SpringDocUIConfiguration",
			"org.springdoc.core.configuration.SpringDocPageableConfiguration",
			"org.springdoc.core.configuration.SpringDocSortConfiguration",
			"org.springdoc.core.configuration.SpringDocSpecPropertiesConfiguration",
			"org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration",
			"org.springdoc.webmvc.core.configuration.MultipleOpenApiSupportConfiguration",
			"org.springdoc.webmvc.ui.SwaggerConfig"
		})
@ConfigurationPropertiesScan
public class CairnApplication {

	public static void main(String[] args) {
		if (ArticleCommandLine.handles(args)) {
			System.exit(ArticleCommandLine.run(args));
		}
		SpringApplication.run(CairnApplication.class, args);
	}
}
