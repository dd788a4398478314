package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.ddl.Dialect;
import io.ecompipeline.warehouse.ddl.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Loads a run's gold Parquet files into a warehouse (DuckDB, PostgreSQL or Redshift), one
 * transaction per table, and applies the schema migrations. Open one with {@link #open}.
 */
public interface WarehouseLoader extends AutoCloseable {

  /** Applies pending migrations; returns the versions applied now (empty when up to date). */
  List<Integer> migrate();

  /**
   * Loads the request's tables in {@link LoadPlan#ORDER}, each in its own transaction, stopping at
   * the first failure (which is rolled back and thrown; the tables before it stay loaded).
   */
  LoadResult load(LoadRequest request);

  Dialect dialect();

  String schema();

  @Override
  void close();

  /** A loader for the URL with settings from the environment. */
  static WarehouseLoader open(String jdbcUrl) {
    return open(jdbcUrl, WarehouseSettings.fromEnvironment());
  }

  /** A loader for {@code jdbc:duckdb:FILE}, {@code jdbc:postgresql://…} or {@code jdbc:redshift://…}. */
  static WarehouseLoader open(String jdbcUrl, WarehouseSettings settings) {
    Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
    String password = settings.credentials().map(Credentials::password).orElse(null);
    BulkLoad bulk = switch (dialect) {
      case DUCKDB -> new DuckDbParquetBulkLoad();
      case POSTGRESQL -> new PostgresCsvBulkLoad();
      case REDSHIFT -> new RedshiftCopyBulkLoad(
          settings.redshiftIamRole().orElse(null), settings.manifestStore(), settings.copyRunner());
    };
    Properties props = new Properties();
    settings.credentials().ifPresent(c -> {
      props.setProperty("user", c.user());
      props.setProperty("password", c.password());
    });
    try {
      if (dialect == Dialect.DUCKDB) {
        String file = jdbcUrl.substring("jdbc:duckdb:".length());
        if (!file.isEmpty() && !file.startsWith(":memory:")) {
          Path parent = Path.of(file).toAbsolutePath().getParent();
          if (parent != null) Files.createDirectories(parent);
        }
      }
      Connection conn = DriverManager.getConnection(jdbcUrl, props);
      return new JdbcWarehouseLoader(conn, dialect, settings.ddlDialect().orElse(dialect), settings.schema(), bulk, password);
    } catch (SQLException | java.io.IOException e) {
      throw new WarehouseLoadException(null, "Cannot connect to the warehouse " + Secrets.maskUrl(jdbcUrl) + ": "
          + Secrets.mask(e.getMessage(), password)
          + " (credentials come from " + Credentials.USER_ENV + "/" + Credentials.PASSWORD_ENV + " or "
          + Credentials.SECRET_ARN_ENV + ")", null);
    }
  }

  /** A loader over an open connection, e.g. one the caller pooled, with an explicit bulk-load strategy. */
  static WarehouseLoader create(Connection conn, Dialect dialect, String schema, BulkLoad bulk) {
    return new JdbcWarehouseLoader(conn, dialect, dialect, schema, bulk, null);
  }
}
