package io.ecompipeline.warehouse.ddl;

import java.util.Locale;

/** The warehouse kinds the DDL and the loader support, chosen from a JDBC URL. */
public enum Dialect {
  REDSHIFT,
  POSTGRESQL,
  DUCKDB;

  /** The dialect of a JDBC URL: {@code jdbc:redshift:}, {@code jdbc:postgresql:} or {@code jdbc:duckdb:}. */
  public static Dialect fromJdbcUrl(String url) {
    String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:redshift:")) return REDSHIFT;
    if (u.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    if (u.startsWith("jdbc:duckdb:")) return DUCKDB;
    throw new IllegalArgumentException(
        "Unsupported warehouse URL '" + Secrets.maskUrl(url)
            + "': use jdbc:duckdb:FILE, jdbc:postgresql://HOST:PORT/DB or jdbc:redshift://HOST:PORT/DB");
  }
}
