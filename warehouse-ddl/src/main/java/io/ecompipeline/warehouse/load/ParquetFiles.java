package io.ecompipeline.warehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads gold Parquet files with an in-memory DuckDB: its reader handles the pipeline's exact types
 * (FIXED_LEN_BYTE_ARRAY decimals, INT64 timestamp micros, INT32 dates) without Hadoop.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * A DuckDB {@code read_parquet([...], hive_partitioning = false)} call listing the local files
   * explicitly. Hive partitioning must be off: DuckDB would otherwise add a {@code month} column
   * from the gold/&lt;table&gt;/month=YYYY-MM/ directories, and columns are matched by position.
   */
  public static String readParquet(List<String> files) {
    if (files.isEmpty()) throw new IllegalArgumentException("read_parquet needs at least one file");
    return files.stream()
        .map(f -> {
          Path p = LocalBlobStore.path(f);
          return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
        })
        .collect(Collectors.joining(", ", "read_parquet([", "], hive_partitioning = false)"));
  }

  /** An in-memory DuckDB connection whose session time zone is UTC. */
  public static Connection openInMemory() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:", new Properties());
    try (Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
    }
    return c;
  }

  /**
   * Writes the files' rows, columns in file order, as PostgreSQL-readable CSV: decimals as exact
   * text, timestamps in UTC, NULL as an unquoted empty field and '' as a quoted one.
   */
  public static void toCsv(List<String> files, Path csv) throws SQLException {
    try (Connection c = openInMemory(); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM " + readParquet(files) + ") TO '"
          + csv.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT csv, HEADER false)");
    }
  }
}
