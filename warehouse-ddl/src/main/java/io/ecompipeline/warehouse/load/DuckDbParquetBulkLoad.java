package io.ecompipeline.warehouse.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** DuckDB reads the Parquet files itself: {@code INSERT INTO staging SELECT * FROM read_parquet([...])}. */
public final class DuckDbParquetBulkLoad implements BulkLoad {
  @Override
  public void load(Connection conn, Staging s) throws SQLException {
    if (s.files().isEmpty()) return;
    for (String f : s.files()) {
      if (f.startsWith("s3://") || f.startsWith("s3a://")) {
        throw new IllegalArgumentException("DuckDB loads local files only (its s3 extension downloads at run time): "
            + "copy " + f + " to a local gold directory first");
      }
    }
    try (Statement st = conn.createStatement()) {
      st.execute("INSERT INTO " + s.stagingTable() + " SELECT * FROM " + ParquetFiles.readParquet(s.files()));
    }
  }
}
