package io.ecompipeline.warehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/** The loader contract on an embedded DuckDB file (the default warehouse). */
class DuckDbWarehouseLoaderTest extends WarehouseLoaderContract {
  private Path file;

  @Override
  WarehouseLoader newLoader() {
    file = tmp.resolve("warehouse/ecom.duckdb");
    return WarehouseLoader.open("jdbc:duckdb:" + file, WarehouseSettings.defaults());
  }

  /** DuckDB allows one writer process; a second connection must come from the same database instance. */
  @Override
  Connection reader() throws Exception {
    Properties p = new Properties();
    return DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }
}
