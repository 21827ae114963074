package org.cairn;

import org.cairn.article.ArticleCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cairn: a FHIR R5 server for clinical knowledge artifacts.
 *
 * <p>HAPI registers its own JPA repositories and Elasticsearch client, so Spring Boot's are off.
 */
@SpringBootApplication(
		exclude = {
			JpaRepositoriesAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class,
			ThymeleafAutoConfiguration.class
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
