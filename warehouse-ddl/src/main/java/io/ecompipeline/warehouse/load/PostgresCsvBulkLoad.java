package io.ecompipeline.warehouse.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * PostgreSQL cannot read Parquet: the files are turned into CSV by an in-memory DuckDB and streamed
 * with {@code COPY staging FROM STDIN (FORMAT csv)}, the fastest path into PostgreSQL.
 */
public final class PostgresCsvBulkLoad implements BulkLoad {
  @Override
  public void load(Connection conn, Staging s) throws SQLException, IOException {
    if (s.files().isEmpty()) return;
    Path dir = Files.createTempDirectory("ecom-pg-load-");
    Path csv = dir.resolve(s.target().name() + ".csv");
    try {
      ParquetFiles.toCsv(s.files(), csv);
      try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        conn.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY " + s.stagingTable() + " FROM STDIN (FORMAT csv)", r);
      }
    } finally {
      Files.deleteIfExists(csv);
      Files.deleteIfExists(dir);
    }
  }
}
