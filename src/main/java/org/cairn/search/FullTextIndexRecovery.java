package org.cairn.search;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.search.reindex.ResourceReindexer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts back into the local Lucene index whatever a crash kept it from committing.
 *
 * <p>The index is committed about once a second ({@code io.commit_interval}), not with every
 * write: a commit per write costs a disk flush that halved import throughput. The database
 * commits every write, so after a kill the resources written since the index's last commit
 * (read from the commit file's time, less a margin) are indexed again at start-up, before the
 * server answers. Without an index at all, everything is indexed.
 *
 * <p>After a clean stop nothing is indexed again: Hibernate Search commits the index when it
 * closes, and a marker written once every context is closed says so. The marker is removed at
 * start-up, so a crash after it is noticed at the next start.
 */
@Component
@Order(-1)
@ConditionalOnProperty(name = "spring.jpa.properties.hibernate.search.backend.type", havingValue = "lucene")
public class FullTextIndexRecovery implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FullTextIndexRecovery.class);
	private static final int PAGE = 200;
	private static final String CLEAN_STOP_MARKER = "closed-cleanly";

	private final SearchProperties properties;
	private final ResourceReindexer reindexer;
	private final TransactionTemplate transactions;

	@PersistenceContext
	private EntityManager entityManager;

	public FullTextIndexRecovery(
			SearchProperties properties, ResourceReindexer reindexer, PlatformTransactionManager transactionManager) {
		this.properties = properties;
		this.reindexer = reindexer;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Path marker = properties.indexDir().resolve(CLEAN_STOP_MARKER);
		boolean closedCleanly = Files.deleteIfExists(marker);
		SpringApplication.getShutdownHandlers().add(() -> markCleanStop(marker));
		if (closedCleanly) {
			log.info("Full-text index closed cleanly at the last stop: nothing to index again");
			return;
		}
		Instant since = lastCommit().map(t -> t.minus(properties.recoveryMargin())).orElse(Instant.EPOCH);
		long started = System.nanoTime();
		int reindexed = 0;
		Long after = -1L;
		while (after != null) {
			Long from = after;
			List<Long> page = transactions.execute(tx -> reindexPage(from, Date.from(since)));
			reindexed += page.size();
			after = page.size() < PAGE ? null : page.get(page.size() - 1);
		}
		if (reindexed > 0) {
			log.info("Full-text index: {} resources written since {} indexed again in {} ms",
					reindexed, since, (System.nanoTime() - started) / 1_000_000);
		}
	}

	/** Reindexes the next page of live resources updated since {@code since}; returns their ids. */
	private List<Long> reindexPage(Long afterId, Date since) {
		List<ResourceTable> resources = entityManager.createQuery(
						"SELECT r FROM ResourceTable r WHERE r.myUpdated >= :since AND r.myDeleted IS NULL"
								+ " AND r.myPid.myId > :after ORDER BY r.myPid.myId",
						ResourceTable.class)
				.setParameter("since", since)
				.setParameter("after", afterId)
				.setMaxResults(PAGE)
				.getResultList();
		resources.forEach(reindexer::reindexResourceEntity);
		return resources.stream().map(r -> r.getId().getId()).toList();
	}

	/** Runs after every application context has closed, so after the index's last commit. */
	private static void markCleanStop(Path marker) {
		try {
			if (Files.isDirectory(marker.getParent())) {
				Files.writeString(marker, Instant.now().toString());
			}
		} catch (IOException e) {
			log.warn("Could not mark the full-text index as closed cleanly; the next start checks it: {}", e.getMessage());
		}
	}

	/** When the index was last committed: the time of its newest {@code segments_N} file. */
	private Optional<Instant> lastCommit() {
		Path root = properties.indexDir();
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(p -> p.getFileName().toString().startsWith("segments_"))
					.map(FullTextIndexRecovery::modified)
					.max(Instant::compareTo);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Instant modified(Path file) {
		try {
			FileTime time = Files.getLastModifiedTime(file);
			return time.toInstant();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
