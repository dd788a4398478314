package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;

/** The loader contract on a real PostgreSQL 15 started by the test harness (COPY FROM STDIN path). */
class PostgresWarehouseLoaderIT extends WarehouseLoaderContract {
  private String db;

  @Override
  WarehouseLoader newLoader() {
    db = EmbeddedPostgresServer.freshDatabase();
    return WarehouseLoader.open(EmbeddedPostgresServer.jdbcUrl(db),
        WarehouseSettings.defaults().withCredentials(new Credentials("postgres", "not-needed-with-trust")));
  }

  @Override
  Connection reader() throws Exception {
    return DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(db), "postgres", "");
  }
}
