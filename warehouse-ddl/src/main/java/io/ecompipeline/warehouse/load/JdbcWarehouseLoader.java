package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.ddl.Dialect;
import io.ecompipeline.warehouse.ddl.Identifiers;
import io.ecompipeline.warehouse.ddl.MigrationRunner;
import io.ecompipeline.warehouse.ddl.Secrets;
import io.ecompipeline.warehouse.ddl.StarSchema;
import io.ecompipeline.warehouse.ddl.StarSchema.TableDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader for all three warehouses: staging table, month delete or full replace, insert, audit
 * row, commit, in one transaction per table. Only the bulk load into staging is pluggable
 * ({@link BulkLoad}); the few statements whose syntax differs are chosen by {@link Dialect}.
 */
public final class JdbcWarehouseLoader implements WarehouseLoader {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcWarehouseLoader.class);

  private final Connection conn;
  private final Dialect dialect;
  private final Dialect ddlDialect;
  private final String schema;
  private final BulkLoad bulk;
  private final String secret;

  JdbcWarehouseLoader(Connection conn, Dialect dialect, Dialect ddlDialect, String schema, BulkLoad bulk, String secret) {
    this.conn = conn;
    this.dialect = dialect;
    this.ddlDialect = ddlDialect;
    this.schema = Identifiers.require("schema", schema);
    this.bulk = bulk;
    this.secret = secret;
    try {
      try (Statement st = conn.createStatement()) {
        // timestamps are UTC everywhere: Parquet instants become TIMESTAMP (without zone) in UTC
        st.execute(dialect == Dialect.DUCKDB ? "SET TimeZone = 'UTC'" : "SET timezone TO 'UTC'");
      }
      conn.setAutoCommit(false);
    } catch (SQLException e) {
      throw new WarehouseLoadException(null, "Cannot prepare the warehouse session: " + mask(e.getMessage()), e);
    }
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public String schema() {
    return schema;
  }

  @Override
  public List<Integer> migrate() {
    List<Integer> applied = new MigrationRunner(conn, ddlDialect, schema).migrate();
    try {
      conn.setAutoCommit(false);
    } catch (SQLException e) {
      throw new WarehouseLoadException(null, mask(e.getMessage()), e);
    }
    return applied;
  }

  @Override
  public LoadResult load(LoadRequest request) {
    for (TableLoad t : request.tables()) validate(t);
    List<TableLoad> ordered = new ArrayList<>(request.tables());
    ordered.sort(Comparator.comparingInt(t -> LoadPlan.ORDER.indexOf(t.table())));
    List<LoadResult.TableResult> results = new ArrayList<>();
    long t0 = System.nanoTime();
    for (TableLoad t : ordered) results.add(loadTable(request, t));
    LOG.info("Loaded run {} into {} {}: {} tables, {} rows in {} ms", request.runId(), dialect, schema,
        results.size(), results.stream().mapToLong(LoadResult.TableResult::rows).sum(), (System.nanoTime() - t0) / 1_000_000);
    return new LoadResult(request.runId(), List.copyOf(results));
  }

  private void validate(TableLoad t) {
    String table = t.table();
    if (!LoadPlan.ORDER.contains(table) || !StarSchema.tables().containsKey(table)) {
      throw new WarehouseLoadException(table, "Unknown gold table '" + table + "'; the warehouse loads " + LoadPlan.ORDER, null);
    }
    Optional<String> monthColumn = LoadPlan.monthColumn(table);
    if (monthColumn.isPresent() && t.months().isEmpty()) {
      throw new WarehouseLoadException(table, "Table " + table + " is month-partitioned: the TableLoad must list the months"
          + " the run rewrote (TableLoad.months(...)); a full replace would delete the other months", null);
    }
    if (monthColumn.isEmpty() && t.months().isPresent()) {
      throw new WarehouseLoadException(table, "Table " + table + " is replaced as a whole: use TableLoad.full(...), not months", null);
    }
  }

  private LoadResult.TableResult loadTable(LoadRequest request, TableLoad tl) {
    String table = tl.table();
    String target = schema + "." + table;
    String staging = "stg_" + table;
    TableDef def = StarSchema.table(table);
    List<String> files = tl.parquetFiles().stream().map(request::resolve).toList();
    long t0 = System.nanoTime();
    try {
      exec(createStaging(staging, target, def));
      bulk.load(conn, new BulkLoad.Staging(staging, schema, def, request, tl, files));
      long rows = count("SELECT COUNT(*) FROM " + staging);
      Optional<String> monthColumn = LoadPlan.monthColumn(table);
      String predicate = null; // the rows a load replaces: its months, or the whole table
      if (monthColumn.isPresent()) {
        predicate = LoadPlan.monthPredicate(monthColumn.get(), tl.months().orElseThrow());
        long outside = count("SELECT COUNT(*) FROM " + staging + " WHERE NOT " + predicate);
        if (outside > 0) {
          throw new IllegalStateException(outside + " of the " + rows + " rows have a " + monthColumn.get()
              + " outside the months " + tl.months().get() + " the run declared; they would be duplicated by a re-load."
              + " List every month the run's files cover");
        }
      }
      replace(target, staging, def, predicate);
      verifyLoaded(target, predicate, rows);
      audit(request, tl, rows);
      exec("DROP TABLE " + staging);
      conn.commit();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.info("Loaded {} rows into {} for run {} in {} ms", rows, target, request.runId(), ms);
      return new LoadResult.TableResult(table, rows, ms);
    } catch (Exception e) {
      rollbackQuietly();
      String detail = bulk.failureDetail(conn).map(d -> "\n  load errors recorded by the warehouse:" + d).orElse("");
      throw new WarehouseLoadException(table, "Loading " + target + " for run " + request.runId() + " failed and was rolled back"
          + " (tables loaded before it in this run stay committed; " + schema + ".load_audit lists them): "
          + mask(rootMessage(e)) + mask(detail)
          + "\n  files: " + files.size() + " under " + request.goldRoot() + "/" + table
          + "; they must have the " + def.columns().size() + " columns of " + table + " in DDL order", e);
    }
  }

  /** Replaces the target's rows matching {@code predicate} (all rows when null) by the staging table's. */
  private void replace(String target, String staging, TableDef def, String predicate) throws SQLException {
    if (dialect == Dialect.DUCKDB) {
      // DuckDB's key index makes deleting keys and inserting them again in one transaction ~50x slower
      // (213k payments: 12.5 s against 0.25 s): delete only the keys that are gone, upsert the others.
      String sameKey = def.primaryKey().stream().map(k -> "s." + k + " = t." + k).collect(Collectors.joining(" AND "));
      exec("DELETE FROM " + target + " t WHERE " + (predicate == null ? "" : predicate + " AND ")
          + "NOT EXISTS (SELECT 1 FROM " + staging + " s WHERE " + sameKey + ")");
      exec("INSERT OR REPLACE INTO " + target + " SELECT * FROM " + staging);
      return;
    }
    // not TRUNCATE for a full replace: it commits implicitly on Redshift
    exec("DELETE FROM " + target + (predicate == null ? "" : " WHERE " + predicate));
    exec("INSERT INTO " + target + " SELECT * FROM " + staging);
  }

  /**
   * The target holds exactly the staged rows where they were replaced: the audit row must never
   * claim a load the warehouse did not keep (DuckDB 2.0.0.1 once dropped whole tables silently).
   */
  private void verifyLoaded(String target, String predicate, long staged) throws SQLException {
    long kept = count("SELECT COUNT(*) FROM " + target + (predicate == null ? "" : " WHERE " + predicate));
    if (kept != staged) {
      throw new IllegalStateException(target + " holds " + kept + " rows after loading " + staged
          + " staged rows; the warehouse did not keep the load");
    }
  }

  private String createStaging(String staging, String target, TableDef def) {
    return switch (dialect) {
      // DuckDB has no CREATE TABLE … (LIKE …), and 2.0.0.1 copies no rows at all out of a table made
      // by CREATE TABLE … AS SELECT … LIMIT 0 once it holds more than one row group (122,880 rows):
      // the columns are spelled out instead.
      case DUCKDB -> "CREATE TEMP TABLE " + staging + " ("
          + def.columns().stream().map(c -> c.name() + " " + c.sqlType()).collect(Collectors.joining(", ")) + ")";
      case POSTGRESQL, REDSHIFT -> "CREATE TEMP TABLE " + staging + " (LIKE " + target + ")";
    };
  }

  private void audit(LoadRequest request, TableLoad tl, long rows) throws SQLException {
    try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + schema + ".load_audit WHERE run_id = ? AND table_name = ?")) {
      del.setString(1, request.runId());
      del.setString(2, tl.table());
      del.executeUpdate();
    }
    String source = request.goldRoot() + "/" + tl.table() + " (" + tl.parquetFiles().size() + " files"
        + tl.months().map(m -> ", months " + String.join(",", new java.util.TreeSet<>(m))).orElse(", full replace") + ")";
    if (source.length() > 1024) source = source.substring(0, 1021) + "…";
    try (PreparedStatement ins = conn.prepareStatement("INSERT INTO " + schema
        + ".load_audit (run_id, table_name, rows_loaded, source, loaded_at) VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP))")) {
      ins.setString(1, request.runId());
      ins.setString(2, tl.table());
      ins.setLong(3, rows);
      ins.setString(4, source);
      ins.setString(5, LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")));
      ins.executeUpdate();
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the load error is the one to report
    }
  }

  private String mask(String s) {
    return Secrets.mask(s, secret);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null && !b.toString().contains(t.getMessage())) b.append(" — caused by: ").append(t.getMessage());
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      if (!conn.isClosed()) {
        conn.rollback();
        conn.close();
      }
    } catch (SQLException e) {
      LOG.warn("Closing the warehouse connection: {}", mask(e.getMessage()));
    }
  }
}
