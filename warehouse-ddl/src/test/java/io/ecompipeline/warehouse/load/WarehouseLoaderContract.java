package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.warehouse.testing.GoldFixture;
import io.ecompipeline.warehouse.testing.GoldParquet;
import io.ecompipeline.warehouse.testing.Rows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's behaviour, run against every warehouse kind: each subclass opens a loader on a
 * fresh, empty warehouse and a separate connection to read it back.
 */
abstract class WarehouseLoaderContract {
  static final String SCHEMA = "analytics";
  static final List<String> MONTHS = List.of("2024-01", "2024-02");

  @TempDir Path tmp;

  /** A loader on a fresh warehouse, schema {@link #SCHEMA}. */
  abstract WarehouseLoader newLoader() throws Exception;

  /** A plain connection to the warehouse the last {@link #newLoader()} opened, to check rows. */
  abstract Connection reader() throws Exception;

  /** How the loader names files: local paths for DuckDB and PostgreSQL, s3:// for Redshift. */
  String goldRoot(Path localRoot) {
    return localRoot.toString();
  }

  LoadRequest rebase(LoadRequest r) {
    return new LoadRequest(r.runId(), goldRoot(Path.of(r.goldRoot())), r.tables());
  }

  @Test
  void loadsEveryGoldTableRowForRowWithExactTypes() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 40);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      LoadResult result = loader.load(rebase(gold.request("run-1")));
      assertThat(result.tables().stream().map(LoadResult.TableResult::table).toList(), equalTo(LoadPlan.ORDER));
      try (Connection c = reader()) {
        for (String table : LoadPlan.ORDER) {
          assertThat(table, Rows.read(c, SCHEMA, table), equalTo(Rows.canonical(table, gold.allRows(table))));
        }
        assertThat(audit(c), equalTo(auditOf("run-1", gold)));
      }
    }
  }

  @Test
  void reloadingTheSameRunChangesNothing() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 30);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(gold.request("run-1")));
      Map<String, List<String>> before = snapshot();
      loader.load(rebase(gold.request("run-1")));
      assertThat(snapshot(), equalTo(before));
      try (Connection c = reader()) {
        assertThat(audit(c), equalTo(auditOf("run-1", gold)));
      }
    }
  }

  @Test
  void aRunReplacesOnlyTheMonthsItTouched() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 30);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(gold.request("run-1")));
      // the second run rewrites February with fewer order lines
      gold.put("fact_order_line", "2024-02", GoldFixture.generate("fact_order_line", "2024-02", 7));
      loader.load(rebase(new LoadRequest("run-2", gold.goldRoot.toString(), List.of(
          TableLoad.months("fact_order_line", GoldFixture.monthSet("2024-02"),
              List.of(gold.files.get("fact_order_line").get("2024-02")))))));
      try (Connection c = reader()) {
        assertThat(Rows.read(c, SCHEMA, "fact_order_line"), equalTo(Rows.canonical("fact_order_line", gold.allRows("fact_order_line"))));
        assertThat(count(c, "fact_order_line"), equalTo(37L));
        assertThat(scalar(c, "SELECT rows_loaded FROM analytics.load_audit WHERE run_id = 'run-2'"), equalTo("7"));
      }
    }
  }

  @Test
  void aFailureOnTheThirdTableRollsItBackAndStopsTheRun() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 20);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(gold.request("run-1")));
      Map<String, List<String>> before = snapshot();

      // run-2: new dimension rows, but dim_product (third in load order) has dim_date's columns
      gold.put("dim_customer", "", GoldFixture.generate("dim_customer", "2024-01", 4));
      GoldParquet.write(gold.goldRoot.resolve(gold.files.get("dim_product").get("")), "dim_date",
          GoldFixture.generate("dim_date", "2024-01", 3));
      WarehouseLoadException e = assertThrows(WarehouseLoadException.class,
          () -> loader.load(rebase(gold.request("run-2"))));

      assertThat(e.table(), equalTo("dim_product"));
      assertThat(e.getMessage(), containsString("analytics.dim_product"));
      assertThat(e.getMessage(), containsString("rolled back"));
      try (Connection c = reader()) {
        // tables before it committed with run-2, the failed one and everything after kept run-1
        assertThat(count(c, "dim_customer"), equalTo(4L));
        assertThat(Rows.read(c, SCHEMA, "dim_product"), equalTo(before.get("dim_product")));
        assertThat(Rows.read(c, SCHEMA, "fact_order_line"), equalTo(before.get("fact_order_line")));
        assertThat(scalar(c, "SELECT COUNT(*) FROM analytics.load_audit WHERE run_id = 'run-2'"), equalTo("2"));
        assertThat(scalar(c, "SELECT COUNT(*) FROM analytics.load_audit WHERE run_id = 'run-2' AND table_name = 'dim_product'"), equalTo("0"));
      }
    }
  }

  /**
   * More rows than one DuckDB row group (122,880): DuckDB 2.0.0.1 copied none of them out of a
   * staging table made with {@code CREATE TABLE … AS SELECT … LIMIT 0}, while the audit said all.
   */
  @Test
  void aMonthOfSeveralRowGroupsLoadsEveryRowAndReloadsInPlace() throws Exception {
    int rows = 130_000;
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), List.of("2024-01"), 5);
    gold.put("fact_payment", "2024-01", GoldFixture.generate("fact_payment", "2024-01", rows));
    LoadRequest request = new LoadRequest("run-1", gold.goldRoot.toString(), List.of(TableLoad.months("fact_payment",
        GoldFixture.monthSet("2024-01"), List.of(gold.files.get("fact_payment").get("2024-01")))));
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(request));
      loader.load(rebase(request)); // the same keys deleted and inserted again in one transaction
      try (Connection c = reader()) {
        assertThat(count(c, "fact_payment"), equalTo((long) rows));
        assertThat(scalar(c, "SELECT SUM(amount) FROM analytics.fact_payment"),
            equalTo(gold.allRows("fact_payment").stream().map(r -> (java.math.BigDecimal) r[7])
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString()));
      }
    }
  }

  @Test
  void rowsOutsideTheDeclaredMonthsAreRefused() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 10);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      WarehouseLoadException e = assertThrows(WarehouseLoadException.class, () -> loader.load(rebase(
          new LoadRequest("run-1", gold.goldRoot.toString(), List.of(TableLoad.months("fact_payment",
              GoldFixture.monthSet("2024-01"), List.of(gold.files.get("fact_payment").get("2024-02"))))))));
      assertThat(e.table(), equalTo("fact_payment"));
      assertThat(e.getMessage(), containsString("outside the months [2024-01]"));
      try (Connection c = reader()) {
        assertThat(count(c, "fact_payment"), equalTo(0L));
      }
    }
  }

  @Test
  void aRequestScannedFromALocalGoldLakeLoadsTheSame() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 12);
    LoadRequest scanned = LoadRequest.scanLocal("run-s", gold.goldRoot, GoldFixture.monthSet("2024-01", "2024-02"));
    assertThat(scanned.tables().size(), equalTo(LoadPlan.ORDER.size()));
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(scanned));
      try (Connection c = reader()) {
        assertThat(audit(c), equalTo(auditOf("run-s", gold)));
      }
    }
  }

  @Test
  void migratingTwiceIsANoOp() throws Exception {
    try (WarehouseLoader loader = newLoader()) {
      assertThat(loader.migrate(), equalTo(List.of(1)));
      assertThat(loader.migrate(), equalTo(List.of()));
      try (Connection c = reader()) {
        assertThat(scalar(c, "SELECT COUNT(*) FROM analytics.schema_migrations"), equalTo("1"));
        assertThat(scalar(c, "SELECT COUNT(*) FROM analytics.fact_order_line"), equalTo("0"));
      }
    }
  }

  Map<String, List<String>> snapshot() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = reader()) {
      for (String t : LoadPlan.ORDER) out.put(t, Rows.read(c, SCHEMA, t));
    }
    return out;
  }

  static List<String> audit(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT run_id, table_name, rows_loaded, source FROM analytics.load_audit ORDER BY table_name")) {
      while (rs.next()) out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
      assertThat(out, not(hasSize(0)));
    }
    return out;
  }

  static List<String> auditOf(String runId, GoldFixture gold) {
    return LoadPlan.ORDER.stream().sorted().map(t -> runId + "|" + t + "|" + gold.allRows(t).size()).toList();
  }

  static long count(Connection c, String table) throws SQLException {
    return Long.parseLong(scalar(c, "SELECT COUNT(*) FROM " + SCHEMA + "." + table));
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
