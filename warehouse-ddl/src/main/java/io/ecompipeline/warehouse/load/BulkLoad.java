package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.ddl.StarSchema.TableDef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The one statement that differs between warehouses: filling an empty staging table from a run's
 * gold Parquet files, inside the loader's open transaction. Everything around it (staging DDL,
 * month deletes, insert, audit, commit/rollback) is {@link JdbcWarehouseLoader}'s.
 */
public interface BulkLoad {

  /** What to load: the staging table (as named in SQL), the target's definition, the resolved files. */
  record Staging(String stagingTable, String schema, TableDef target, LoadRequest request, TableLoad load, List<String> files) {}

  /** Fills {@code staging.stagingTable()} from {@code staging.files()} on {@code conn}; does not commit. */
  void load(Connection conn, Staging staging) throws SQLException, IOException;

  /**
   * After a failed load and its rollback: detail the warehouse recorded about the failure (e.g.
   * Redshift's load error rows), to put in the error message.
   */
  default Optional<String> failureDetail(Connection conn) {
    return Optional.empty();
  }
}
