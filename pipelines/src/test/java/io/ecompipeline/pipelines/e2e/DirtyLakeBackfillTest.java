package io.ecompipeline.pipelines.e2e;

import static io.ecompipeline.pipelines.e2e.E2e.count;
import static io.ecompipeline.pipelines.e2e.E2e.gold;
import static io.ecompipeline.pipelines.e2e.E2e.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecompipeline.pipelines.generate.Defects;
import io.ecompipeline.pipelines.run.DailyRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated dirty lake (3 days, 2% defects) run date by date on embedded Flink into DuckDB; every
 * assertion reads the same published lake and warehouse. The re-run tests come last: they must
 * leave the lake as it was, so the earlier assertions hold for them too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirtyLakeBackfillTest {
  static final List<String> DATES = List.of("2025-03-01", "2025-03-02", "2025-03-03");
  static final List<String> ENTITIES = List.of("customers", "products", "orders", "order_items", "payments", "reviews",
      "clickstream");

  @TempDir static Path tmp;
  static Path lake;
  static String warehouse;
  static Connection db;

  @BeforeAll
  static void backfill() throws Exception {
    // Every silver table's untouched previous rows pass the dedup's grouping by, as a large lake's
    // do (the small ones of the other whole-run tests keep the plain merge): every check below then
    // holds for that path on Flink too.
    System.setProperty(DailyRun.LARGE_PREVIOUS_BYTES, "0");
    lake = tmp.resolve("lake");
    warehouse = "jdbc:duckdb:" + tmp.resolve("w.duckdb");
    E2e.generate(lake, DATES.get(0), DATES.size(), 0.02, 0.02);
    for (String d : DATES) {
      E2e.runOk(lake, d, warehouse);
    }
    db = E2e.duck();
    try (Statement st = db.createStatement()) {
      st.execute("ATTACH '" + tmp.resolve("w.duckdb") + "' AS w (READ_ONLY)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    System.clearProperty(DailyRun.LARGE_PREVIOUS_BYTES);
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  void accountingIdentityHoldsForEveryEntityAndDate() {
    for (String d : DATES) {
      JsonNode q = E2e.readJson(lake.resolve("_runs").resolve(d).resolve("quality.json"));
      assertTrue(q.get("passed").asBoolean(), d);
      List<String> seen = new ArrayList<>();
      for (JsonNode e : q.get("entities")) {
        String entity = e.get("entity").asText();
        seen.add(entity);
        long read = e.get("read").asLong();
        long sum = e.get("accepted").asLong() + e.get("quarantined").asLong() + e.get("duplicates").asLong();
        assertEquals(read, sum, d + " " + entity + ": read = accepted + quarantined + duplicates");
        // Reviews come days after delivery, so the first day legitimately has none.
        assertTrue(read > 0 || entity.equals("reviews"), d + " " + entity + " read nothing");
        long byRule = 0;
        for (JsonNode n : e.get("quarantined_by_rule")) {
          byRule += n.asLong();
        }
        assertEquals(e.get("quarantined").asLong(), byRule, d + " " + entity + ": quarantined = Σ by rule");
      }
      assertEquals(ENTITIES, seen, d);
    }
  }

  @Test
  @Order(2)
  void everyInjectedDefectLandsInQuarantineUnderItsRuleCode() throws IOException {
    for (String d : DATES) {
      JsonNode manifest = E2e.readJson(lake.resolve("bronze/_generator/ingest_date=" + d + "/manifest.json"));
      Map<String, Long> quarantineFiles = quarantineByRule(d);
      Map<String, Long> report = new TreeMap<>();
      for (JsonNode e : E2e.readJson(lake.resolve("_runs").resolve(d).resolve("quality.json")).get("entities")) {
        e.get("quarantined_by_rule").fields().forEachRemaining(f -> report.merge(f.getKey(), f.getValue().asLong(), Long::sum));
      }
      assertEquals(report, quarantineFiles, d + ": the quarantine files hold what the quality report counts");
      Map<String, Long> injected = new TreeMap<>();
      for (String code : Defects.QUARANTINED) {
        long n = manifest.get("defects").get(code).asLong();
        if (n > 0) {
          injected.put(code, n);
        }
      }
      assertTrue(injected.size() >= 5, d + ": the generator should inject most classes at this size: " + injected);
      // Each injected defect breaks exactly one rule, and the validator checks the rules in a fixed
      // order; the generator damages a clean record, so no injected record trips an earlier rule.
      // So the counts compare exactly, per rule code, and nothing else is quarantined.
      assertEquals(injected, quarantineFiles, d + ": quarantine by rule vs the generator's manifest");
      assertEquals(manifest.get("quarantinable").asLong(),
          quarantineFiles.values().stream().mapToLong(Long::longValue).sum(), d);
    }
  }

  private static Map<String, Long> quarantineByRule(String date) throws IOException {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(lake.resolve("quarantine"))) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().contains("ingest_date=" + date)).toList()) {
        for (String line : Files.readAllLines(p)) {
          if (!line.isBlank()) {
            JsonNode q = E2e.JSON.readTree(line);
            assertEquals(date, q.get("ingest_date").asText());
            assertTrue(q.hasNonNull("message") && q.hasNonNull("source_file"), line);
            m.merge(q.get("rule").asText(), 1L, Long::sum);
          }
        }
      }
    }
    return m;
  }

  @Test
  @Order(3)
  void warehouseRowsEqualTheGoldParquetRows() {
    for (String t : E2e.GOLD) {
      long wh = count(db, "SELECT COUNT(*) FROM w.analytics." + t);
      long pq = count(db, "SELECT COUNT(*) FROM " + gold(lake, t));
      assertEquals(pq, wh, t + " row count");
      assertTrue(pq > 0, t + " is empty");
      String w = "SELECT * FROM w.analytics." + t;
      String p = "SELECT * FROM " + gold(lake, t);
      assertEquals(0, count(db, "SELECT COUNT(*) FROM (" + w + " EXCEPT ALL " + p + ")"), t + ": warehouse rows not in gold");
      assertEquals(0, count(db, "SELECT COUNT(*) FROM (" + p + " EXCEPT ALL " + w + ")"), t + ": gold rows not in warehouse");
    }
    assertEquals(DATES.size() * E2e.GOLD.size(),
        count(db, "SELECT COUNT(*) FROM w.analytics.load_audit"), "one audit row per run and table");
  }

  @Test
  @Order(4)
  void revenueReconcilesAcrossEveryGoldTable() {
    BigDecimal facts = money(db, "SELECT SUM(line_total) FROM " + gold(lake, "fact_order_line") + " WHERE order_status <> 'cancelled'");
    assertTrue(facts.signum() > 0);
    assertEquals(facts, money(db, "SELECT SUM(net_revenue) FROM " + gold(lake, "agg_daily_sales")), "agg_daily_sales");
    assertEquals(facts, money(db, "SELECT SUM(net_revenue) FROM " + gold(lake, "daily_kpis")), "daily_kpis");
    assertEquals(facts, money(db, "SELECT SUM(lifetime_revenue) FROM " + gold(lake, "customer_ltv")), "customer_ltv");
    assertEquals(facts, money(db, "SELECT SUM(net_revenue) FROM " + gold(lake, "product_performance")), "product_performance");
    assertEquals(facts, money(db, "SELECT SUM(net_revenue) FROM w.analytics.daily_kpis"), "warehouse daily_kpis");
    // line_total is quantity × unit_price − discount_amount on every row
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + gold(lake, "fact_order_line")
        + " WHERE line_total <> quantity * unit_price - discount_amount"));
  }

  @Test
  @Order(5)
  void keysAreNeverNullOrNegativeExceptTheUnknownMember() {
    Map<String, List<String>> keys = Map.of(
        "dim_customer", List.of("customer_key"),
        "dim_product", List.of("product_key"),
        "dim_date", List.of("date_key"),
        "fact_order_line", List.of("order_date_key", "customer_key", "product_key"),
        "fact_payment", List.of("payment_date_key", "customer_key"),
        "agg_daily_sales", List.of("date_key"),
        "daily_kpis", List.of("date_key"),
        "conversion_funnel_daily", List.of("date_key"));
    keys.forEach((t, cols) -> {
      for (String c : cols) {
        assertEquals(0, count(db, "SELECT COUNT(*) FROM " + gold(lake, t) + " WHERE " + c + " IS NULL OR (" + c + " < 0 AND "
            + c + " <> -1)"), t + "." + c);
      }
    });
    assertEquals(1, count(db, "SELECT COUNT(*) FROM " + gold(lake, "dim_customer") + " WHERE customer_key = -1 AND city = 'unknown'"));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM " + gold(lake, "dim_product") + " WHERE product_key = -1 AND category = 'unknown'"));
    // the generator injects orphans, so the unknown member is used
    assertTrue(count(db, "SELECT COUNT(*) FROM " + gold(lake, "fact_order_line") + " WHERE product_key = -1 OR customer_key = -1") > 0);
  }

  @Test
  @Order(6)
  void everyFactKeyExistsInItsDimension() {
    String f = gold(lake, "fact_order_line");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + f + " x WHERE NOT EXISTS (SELECT 1 FROM " + gold(lake, "dim_customer")
        + " d WHERE d.customer_key = x.customer_key)"), "fact_order_line.customer_key");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + f + " x WHERE NOT EXISTS (SELECT 1 FROM " + gold(lake, "dim_product")
        + " d WHERE d.product_key = x.product_key)"), "fact_order_line.product_key");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + f + " x WHERE NOT EXISTS (SELECT 1 FROM " + gold(lake, "dim_date")
        + " d WHERE d.date_key = x.order_date_key)"), "fact_order_line.order_date_key");
    String p = gold(lake, "fact_payment");
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + p + " x WHERE NOT EXISTS (SELECT 1 FROM " + gold(lake, "dim_customer")
        + " d WHERE d.customer_key = x.customer_key)"), "fact_payment.customer_key");
    // a known customer's key is the version valid at order_ts (or the first version if earlier)
    assertEquals(0, count(db, "SELECT COUNT(*) FROM " + f + " x JOIN " + gold(lake, "dim_customer")
        + " d ON d.customer_key = x.customer_key WHERE x.customer_key <> -1 AND (d.customer_id <> x.customer_id"
        + " OR (x.order_ts >= d.valid_to) OR (x.order_ts < d.valid_from AND d.version <> 1))"), "point-in-time customer");
  }

  @Test
  @Order(10)
  void rerunningADateLeavesSilverGoldAndWarehouseUnchanged() throws Exception {
    try (Statement st = db.createStatement()) {
      st.execute("DETACH w"); // the runs below write the warehouse file
    }
    Map<String, String> silver = E2e.hashes(lake.resolve("silver"));
    Map<String, String> goldFiles = E2e.hashes(lake.resolve("gold"));
    Map<String, List<String>> wh = warehouseSnapshot();
    E2e.runOk(lake, DATES.get(DATES.size() - 1), warehouse);
    assertEquals(silver, E2e.hashes(lake.resolve("silver")), "silver after re-running the last date");
    assertEquals(goldFiles, E2e.hashes(lake.resolve("gold")), "gold after re-running the last date");
    assertEquals(wh, warehouseSnapshot(), "warehouse after re-running the last date");
    E2e.runOk(lake, DATES.get(0), warehouse);
    assertEquals(goldFiles, E2e.hashes(lake.resolve("gold")), "gold after re-running the first date after the later ones");
    assertEquals(wh, warehouseSnapshot(), "warehouse after re-running the first date after the later ones");
    assertTrue(Files.notExists(lake.resolve("_staging")) || E2e.hashes(lake.resolve("_staging")).isEmpty());
  }

  @Test
  @Order(11)
  void aNewWarehouseBesideAnExistingLakeIsFilledByAFullLoad() throws Exception {
    String fresh = "jdbc:duckdb:" + tmp.resolve("fresh.duckdb");
    // A re-run publishes nothing new, so a new warehouse gets only the whole tables, not the months ...
    E2e.Result touchedOnly = E2e.cli("run", "--lake", lake.toString(), "--date", DATES.get(0), "--runner", E2e.RUNNER,
        "--warehouse", fresh);
    assertEquals(0, touchedOnly.code(), touchedOnly.all());
    assertTrue(Files.notExists(lake.resolve("_runs/_pending_load.json")), "a successful load clears the pending months");
    try (Connection c = E2e.duck(); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + tmp.resolve("fresh.duckdb") + "' AS f (READ_ONLY)");
      assertEquals(0, E2e.count(c, "SELECT COUNT(*) FROM f.analytics.fact_order_line"), "months the re-run did not touch");
    }
    // ... and --full-load brings every month the lake holds.
    E2e.Result full = E2e.cli("run", "--lake", lake.toString(), "--date", DATES.get(0), "--runner", E2e.RUNNER,
        "--warehouse", fresh, "--full-load");
    assertEquals(0, full.code(), full.all());
    try (Connection c = E2e.duck(); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + tmp.resolve("fresh.duckdb") + "' AS f (READ_ONLY)");
      for (String t : E2e.GOLD) {
        assertEquals(E2e.count(c, "SELECT COUNT(*) FROM " + E2e.gold(lake, t)),
            E2e.count(c, "SELECT COUNT(*) FROM f.analytics." + t), t + " after --full-load");
      }
    }
  }

  private static Map<String, List<String>> warehouseSnapshot() {
    Map<String, List<String>> m = new TreeMap<>();
    try (Connection c = E2e.duck(); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + tmp.resolve("w.duckdb") + "' AS w2 (READ_ONLY)");
      for (String t : E2e.GOLD) {
        m.put(t, E2e.lines(c, "SELECT * FROM w2.analytics." + t));
      }
      // The audit records loads, not data: re-loading an earlier run after later ones rewrites that
      // run's rows_loaded with what the (unchanged) gold holds now, so only which loads exist is compared.
      m.put("load_audit", E2e.lines(c, "SELECT run_id, table_name FROM w2.analytics.load_audit"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return m;
  }
}
