package io.ecompipeline.pipelines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same dirty backfill loaded into PostgreSQL 15 (embedded, one server per JVM) holds exactly the gold rows. */
class PostgresWarehouseTest {
  @TempDir Path tmp;

  @Test
  void postgresWarehouseRowsEqualTheGoldParquetRows() throws Exception {
    Path lake = tmp.resolve("lake");
    E2e.generate(lake, "2025-03-01", 2, 0.01, 0.02);
    String db = EmbeddedPostgresServer.freshDatabase();
    // zonky's server trusts local connections; the user rides in the URL (the CLI reads no password here)
    String url = EmbeddedPostgresServer.jdbcUrl(db) + "?user=postgres";
    E2e.runOk(lake, "2025-03-01", url);
    E2e.runOk(lake, "2025-03-02", url);
    try (Connection pg = DriverManager.getConnection(url); Connection duck = E2e.duck()) {
      try (var st = pg.createStatement()) {
        st.execute("SET timezone TO 'UTC'");
      }
      for (String t : E2e.GOLD) {
        assertEquals(E2e.lines(duck, "SELECT * FROM " + E2e.gold(lake, t)), E2e.lines(pg, "SELECT * FROM analytics." + t),
            t + ": PostgreSQL rows vs gold Parquet rows");
      }
      assertEquals(2L * E2e.GOLD.size(), E2e.count(pg, "SELECT COUNT(*) FROM analytics.load_audit"));
    }
  }
}
