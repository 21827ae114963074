package org.cairn.search;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchStatusEnum;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.jpa.search.cache.ISearchResultCacheSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.lang3.SerializationUtils;

/**
 * HAPI's stored searches (a search's state and the ids of its matches, which its later pages are
 * read from) kept in memory instead of the database.
 *
 * <p>Full-text searches are stored searches ({@link OffsetPagingInterceptor}), and storing one in
 * the database was writes and a commit for every read: a third of a {@code _content} search's CPU
 * at 10,000 articles. A stored search lives as long as HAPI's expiry
 * ({@code expire-search-results-after-millis}) allows, within a memory bound that drops the
 * oldest first; its pages are then answered with 410 Gone, as for an expired search. Searches
 * do not outlive a restart, and a server does not see another's: the postgres profile, made to
 * run several servers on one database, keeps them in the database.
 *
 * <p>Like the database, this hands out copies: HAPI changes the searches it reads (status,
 * matches found) and saves them when it means to.
 */
public class MemoryStoredSearches implements ISearchCacheSvc, ISearchResultCacheSvc {

	private final JpaStorageSettings storage;

	private final Cache<String, Stored> searches;

	public MemoryStoredSearches(JpaStorageSettings storage, long maxBytes) {
		this.storage = storage;
		this.searches = Caffeine.newBuilder()
				.maximumWeight(maxBytes)
				.<String, Stored>weigher((uuid, stored) -> stored.weight())
				.build();
	}

	@Override
	public Search save(Search search, RequestPartitionId partition) {
		Saved saved = Saved.of(search);
		searches.asMap().compute(search.getUuid(), (uuid, stored) ->
				new Stored(saved, stored == null ? Matches.NONE : stored.matches()));
		return search;
	}

	@Override
	public Optional<Search> fetchByUuid(String uuid, RequestPartitionId partition) {
		Stored stored = searches.getIfPresent(uuid);
		return stored == null ? Optional.empty() : Optional.of(stored.search().read());
	}

	/** Marks a search that stopped after a first batch of matches as loading more, unless another request did. */
	@Override
	public Optional<Search> tryToMarkSearchAsInProgress(Search search, RequestPartitionId partition) {
		Search[] marked = new Search[1];
		searches.asMap().computeIfPresent(search.getUuid(), (uuid, stored) -> {
			Search loading = stored.search().read();
			if (loading.getStatus() != SearchStatusEnum.PASSCMPLET) {
				return stored;
			}
			loading.setStatus(SearchStatusEnum.LOADING);
			marked[0] = loading;
			return new Stored(Saved.of(loading), stored.matches());
		});
		return Optional.ofNullable(marked[0]);
	}

	@Override
	public Optional<Search> findCandidatesForReuse(
			String resourceType, String queryString, Instant createdAfter, RequestPartitionId partition) {
		String query = Search.createSearchQueryStringForStorage(queryString, partition);
		return searches.asMap().values().stream()
				.map(Stored::search)
				.filter(saved -> resourceType.equals(saved.resourceType())
						&& query.equals(saved.query())
						&& saved.created().isAfter(createdAfter))
				.findFirst()
				.map(Saved::read);
	}

	/** Drops searches past HAPI's expiry (the same cut-off HAPI's database store uses). */
	@Override
	public void pollForStaleSearchesAndDeleteThem(RequestPartitionId partition, Instant deadline) {
		if (!storage.isExpireSearchResults()) {
			return;
		}
		long expiry = storage.getExpireSearchResultsAfterMillis();
		if (storage.getReuseCachedSearchResultsForMillis() != null) {
			expiry += storage.getReuseCachedSearchResultsForMillis();
		}
		Instant cutoff = Instant.now().minusMillis(expiry);
		searches.asMap().values().removeIf(stored -> stored.search().created().isBefore(cutoff));
	}

	@Override
	public void storeResults(
			Search search,
			List<JpaPid> previouslyStored,
			List<JpaPid> added,
			RequestDetails request,
			RequestPartitionId partition) {
		searches.asMap().compute(search.getUuid(), (uuid, stored) -> stored == null
				? new Stored(Saved.of(search), Matches.NONE.with(previouslyStored.size(), added))
				: new Stored(stored.search(), stored.matches().with(previouslyStored.size(), added)));
	}

	/** The matches from index {@code from} (inclusive) to {@code to} (exclusive), in the order found. */
	@Override
	public List<JpaPid> fetchResultPids(
			Search search, int from, int to, RequestDetails request, RequestPartitionId partition) {
		Stored stored = searches.getIfPresent(search.getUuid());
		return stored == null ? List.of() : stored.matches().range(from, to);
	}

	@Override
	public List<JpaPid> fetchAllResultPids(Search search, RequestDetails request, RequestPartitionId partition) {
		Stored stored = searches.getIfPresent(search.getUuid());
		return stored == null ? List.of() : stored.matches().range(0, Integer.MAX_VALUE);
	}

	private record Stored(Saved search, Matches matches) {

		int weight() {
			return search.serialized().length + matches.weight();
		}
	}

	/**
	 * A search as saved: serialized, as its state is copied into the database's columns, and
	 * read back into a new object each time. What finding and expiring searches look at is kept
	 * beside it.
	 */
	private record Saved(byte[] serialized, String resourceType, String query, Instant created) {

		static Saved of(Search search) {
			return new Saved(
					SerializationUtils.serialize(search),
					search.getResourceType(),
					search.getSearchQueryString(),
					search.getCreated() == null ? Instant.now() : search.getCreated().toInstant());
		}

		Search read() {
			return SerializationUtils.deserialize(serialized);
		}
	}

	/** A search's matches as database ids (and partitions, where any is set), 8 bytes each. */
	private record Matches(long[] ids, Integer[] partitions, int size) {

		static final Matches NONE = new Matches(new long[0], null, 0);

		/** These matches with {@code added} stored from index {@code at} on, as HAPI numbers them. */
		Matches with(int at, List<JpaPid> added) {
			int newSize = Math.max(size, at + added.size());
			long[] newIds = Arrays.copyOf(ids, newSize);
			Integer[] newPartitions = partitions == null ? null : Arrays.copyOf(partitions, newSize);
			for (int i = 0; i < added.size(); i++) {
				JpaPid pid = added.get(i);
				newIds[at + i] = pid.getId();
				if (pid.getPartitionId() != null && newPartitions == null) {
					newPartitions = new Integer[newSize];
				}
				if (newPartitions != null) {
					newPartitions[at + i] = pid.getPartitionId();
				}
			}
			return new Matches(newIds, newPartitions, newSize);
		}

		List<JpaPid> range(int from, int to) {
			List<JpaPid> range = new ArrayList<>();
			for (int i = Math.max(0, from); i < Math.min(to, size); i++) {
				range.add(JpaPid.fromId(ids[i], partitions == null ? null : partitions[i]));
			}
			return range;
		}

		int weight() {
			return 8 * size + (partitions == null ? 0 : 16 * size);
		}
	}
}
