package org.cairn.search;

/**
 * Marks the request thread while a search is answered whose Bundle {@link CachedJsonBundleWriter}
 * will write: only then may {@link CachingResourceLoader} hand out stand-ins (id and meta, carrying
 * their kept JSON) instead of whole resources. Set when the search starts, cleared when the
 * request ends; a load on any other thread gets whole resources.
 */
final class CachedJsonScope {

	private static final ThreadLocal<String> SERVER_BASE = new ThreadLocal<>();

	private CachedJsonScope() {}

	static void open(String serverBase) {
		SERVER_BASE.set(serverBase);
	}

	static void close() {
		SERVER_BASE.remove();
	}

	/** The server base of the answer being built on this thread, or null outside such a search. */
	static String serverBase() {
		return SERVER_BASE.get();
	}
}
