package org.cairn.server;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import org.hibernate.type.SqlTypes;

/**
 * HAPI's H2 dialect, except that HAPI's unbounded text columns (a stored version's JSON above
 * all, {@code HFJ_RES_VER.RES_TEXT_VC}) are created as H2 {@code CHARACTER VARYING} instead of
 * {@code CHARACTER LARGE OBJECT}.
 *
 * <p>H2 keeps a varchar in its page cache as the string itself and hands that string to every
 * read; a large object is decoded into a new string on every read. Search pages read each
 * version's JSON whether or not Cairn has it kept already, so that decoding was the largest part
 * of what a search allocated (see {@code bench/README.md}). H2's varchar holds up to a billion
 * characters; Hibernate reads and writes both kinds as plain strings, so data folders created
 * before keep their large-object columns and work as they did.
 */
public class CairnH2Dialect extends HapiFhirH2Dialect {

	@Override
	protected String columnType(int sqlTypeCode) {
		if (sqlTypeCode == SqlTypes.CLOB) {
			return "character varying";
		}
		return super.columnType(sqlTypeCode);
	}
}
