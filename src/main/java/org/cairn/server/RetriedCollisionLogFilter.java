package org.cairn.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps Hibernate from logging, as failures, the write collisions Cairn retries.
 *
 * <p>Hibernate logs every failed statement (a WARN with its SQL state, an ERROR with the
 * database's message) before the exception reaches code that could handle it. Two writes creating
 * the same resource at once, such as articles citing the same new work, collide on the unique
 * (type, id) index of HFJ_RESOURCE; the loser is re-run ({@link WriteCollisionRetryInterceptor},
 * the article importer) and finds the resource made. If the retries run out, the client gets a
 * 409 and HAPI logs it. So those lines are dropped; every other SQL error is still logged, the
 * database's message of other unique violations included.
 */
@Component
class RetriedCollisionLogFilter extends InstalledLogFilter {

	private static final String HIBERNATE_SQL_ERRORS = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";
	/** The WARN line: the SQL state of a unique violation, the same on H2 and PostgreSQL. */
	private static final String UNIQUE_VIOLATION = "SQLState: 23505";
	/** The ERROR line names the index: HAPI's unique index on resource type and id. */
	private static final String RESOURCE_ID_INDEX = "IDX_RES_TYPE_FHIR_ID";

	@Override
	public FilterReply decide(
			Marker marker, Logger logger, Level level, String message, Object[] params, Throwable thrown) {
		if (message == null || !HIBERNATE_SQL_ERRORS.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		boolean retriedCollision = message.contains(UNIQUE_VIOLATION)
				|| message.toUpperCase(Locale.ROOT).contains(RESOURCE_ID_INDEX);
		return retriedCollision ? FilterReply.DENY : FilterReply.NEUTRAL;
	}
}
