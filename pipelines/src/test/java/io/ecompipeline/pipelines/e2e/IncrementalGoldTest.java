package io.ecompipeline.pipelines.e2e;

import static io.ecompipeline.pipelines.generate.BronzeEntity.CLICKSTREAM;
import static io.ecompipeline.pipelines.generate.BronzeEntity.CUSTOMERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDER_ITEMS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PAYMENTS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PRODUCTS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.REVIEWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold by touched month: after the first run a date recomputes only the months of fact_order_line,
 * fact_payment, agg_daily_sales, daily_kpis and product_performance that its data touches, and must
 * give exactly the gold of a full rebuild. Five hand-written ingest dates over November 2024 to
 * March 2025; each later date carries stories whose effect lands in a month that nothing else of
 * that date touches (its "hidden" month), so a by-month run that misses it keeps a stale month:
 *
 * <pre>
 * date        story                                                                       hidden month
 * 2025-01-31  S3 C3 moves, updated_at 2024-12-18: OD2 and PD2 re-pointed                  2024-12
 *             S8 a late line 2 for ON1                                                    2024-11
 *             (nothing touches January)
 * 2025-02-01  S5 P2 toys → games, updated_at 2025-01-03: OJ1's P2 line is games            2025-01
 *             S4 P9 arrives: ON2 (and OJ4) leave product -1 / category unknown            2024-11
 *             new February order OF1 (C2's second order); nothing touches December
 * 2025-02-02  S1 OJ3's order_ts corrected 2025-01-29 → 2025-02-01 (C4's first stays 12-05)  2025-01
 *             S6b PN2's payment_ts corrected 2024-11-20 → 2025-02-02                      2024-11
 *             S7 RV2's review_ts corrected 2024-12-15 → 2025-02-02                        2024-12
 * 2025-03-01  S2 OJ2 (C2's first order, January) cancelled: OF1 is C2's first → new       2025-02
 *             S6a OY (November) arrives for PY, paid 2024-12-01: PY leaves customer -1    2024-12
 *             S9 the 2025-01-30 products file re-sent exactly (stale P2 toys): no change
 * </pre>
 *
 * Each date runs on the lake (by month) and on a copy of the lake before it without
 * gold/_lineage.json (a full rebuild); their gold must be byte-identical.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalGoldTest {
  static final String D1 = "2025-01-30";
  static final String D2 = "2025-01-31";
  static final String D3 = "2025-02-01";
  static final String D4 = "2025-02-02";
  static final String D5 = "2025-03-01";
  static final List<String> DATES = List.of(D1, D2, D3, D4, D5);
  /** The month-partitioned gold tables built by month (the funnel has its own correction). */
  static final List<String> BY_MONTH = List.of("fact_order_line", "fact_payment", "agg_daily_sales", "daily_kpis",
      "product_performance");
  static final String LINEAGE = "_lineage.json";
  private static final Pattern MONTH = Pattern.compile("^([a-z_]+)/month=(\\d{4}-\\d{2})/");

  static final String[] D1_PRODUCTS = {
      "P1,SKU-P1,Novel,books,fiction,Acme,40.00,20.00,true,2024-10-01T00:00:00Z",
      "P2,SKU-P2,Puzzle,toys,puzzles,Fun,25.00,10.00,true,2024-10-01T00:00:00Z",
      "P3,SKU-P3,Headphones,electronics,audio,Sonic,100.00,60.00,true,2024-10-01T00:00:00Z"};

  @TempDir static Path tmp;
  static Path lake;
  /** Per date, on the by-month lake: gold (hash, mtime) before and after, and the run manifest. */
  static final Map<String, Map<String, FileState>> BEFORE = new LinkedHashMap<>();
  static final Map<String, Map<String, FileState>> AFTER = new LinkedHashMap<>();
  static final Map<String, JsonNode> MANIFEST = new LinkedHashMap<>();
  /** Per later date, the rebuilt copy: its gold before (the lake's, which it copies) and after, and its manifest. */
  static final Map<String, Map<String, String>> TRUTH_BEFORE = new LinkedHashMap<>();
  static final Map<String, Map<String, String>> TRUTH = new LinkedHashMap<>();
  static final Map<String, JsonNode> TRUTH_MANIFEST = new LinkedHashMap<>();
  /** Per date: the hand-checked query results on the by-month lake right after that date. */
  static final Map<String, Map<String, List<String>>> SEEN = new LinkedHashMap<>();

  record FileState(String sha256, long mtimeNanos) {}

  @BeforeAll
  static void fiveDays() {
    long began = System.nanoTime();
    lake = tmp.resolve("lake");
    writeBronze();
    for (String d : DATES) {
      // The first date has no gold to build on: both ways are the same full build, so it is run once.
      Path copy = d.equals(D1) ? null : tmp.resolve("rebuilt-" + d);
      if (copy != null) {
        E2e.copyTree(lake, copy);
        deleteIfExists(copy.resolve("gold").resolve(LINEAGE)); // forces the full rebuild
      }
      BEFORE.put(d, snapshot(lake.resolve("gold")));
      E2e.runOk(lake, d, null);
      AFTER.put(d, snapshot(lake.resolve("gold")));
      MANIFEST.put(d, manifest(lake, d));
      SEEN.put(d, seen(lake));
      if (copy != null) {
        E2e.runOk(copy, d, null);
        TRUTH_BEFORE.put(d, withoutLineage(hashesOf(BEFORE.get(d))));
        TRUTH.put(d, withoutLineage(E2e.hashes(copy.resolve("gold"))));
        TRUTH_MANIFEST.put(d, manifest(copy, d));
      }
    }
    long millis = (System.nanoTime() - began) / 1_000_000;
    System.out.println("IncrementalGoldTest: 9 runs in " + millis + " ms; touched months per date: "
        + MANIFEST.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().path("gold_touched_months")).toList());
  }

  static void writeBronze() {
    // ---- 2025-01-30: the first run. Orders in November, December and January.
    Bronze.csv(lake, CUSTOMERS, D1, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Rio de Janeiro,RJ,SE,BR,gold,2024-10-01T00:00:00Z",
        "C2,bruno@example.com,Bruno,Costa,+55 11 5555-0002,Sao Paulo,SP,SE,BR,,2024-10-01T00:00:00Z",
        "C3,carla@example.com,Carla,Lima,+55 81 5555-0003,Recife,PE,NE,BR,silver,2024-10-01T00:00:00Z",
        "C4,diego@example.com,Diego,Rocha,+55 51 5555-0004,Porto Alegre,RS,S,BR,standard,2024-10-01T00:00:00Z",
        "C5,eva@example.com,Eva,Melo,+55 92 5555-0005,Manaus,AM,N,BR,platinum,2024-10-01T00:00:00Z");
    Bronze.csv(lake, PRODUCTS, D1, "products.csv", D1_PRODUCTS); // P9 is not delivered yet
    Bronze.csv(lake, ORDERS, D1, "orders.csv",
        "ON1,C1,2024-11-10T10:00:00Z,delivered,web,BRL,0.00,2024-11-10T10:00:00Z",
        "ON2,C5,2024-11-20T10:00:00Z,delivered,mobile,BRL,0.00,2024-11-20T10:00:00Z",
        "OD1,C1,2024-12-10T10:00:00Z,delivered,web,BRL,0.00,2024-12-10T10:00:00Z",
        "OD2,C3,2024-12-20T10:00:00Z,delivered,web,BRL,0.00,2024-12-20T10:00:00Z",
        // C4's first order: OJ3's move (S1) must leave January by itself, not as a moved first order
        "OD3,C4,2024-12-05T10:00:00Z,delivered,web,BRL,0.00,2024-12-05T10:00:00Z",
        "OJ1,C1,2025-01-05T10:00:00Z,paid,web,BRL,0.00,2025-01-05T10:00:00Z",
        "OJ2,C2,2025-01-10T10:00:00Z,paid,web,BRL,0.00,2025-01-10T10:00:00Z",
        "OJ3,C4,2025-01-29T12:00:00Z,paid,marketplace,BRL,0.00,2025-01-29T12:00:00Z",
        "OJ4,C5,2025-01-20T10:00:00Z,paid,web,BRL,0.00,2025-01-20T10:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D1, "order_items.csv",
        "ON1,1,P1,1,40.00,0.00",
        "ON2,1,P9,2,15.00,0.00",
        "OD1,1,P1,1,40.00,0.00",
        "OD1,2,P2,1,25.00,0.00", // before P2's recategorisation: stays toys
        "OD2,1,P3,1,100.00,10.00",
        "OD3,1,P1,1,40.00,0.00",
        "OJ1,1,P1,1,40.00,0.00",
        "OJ1,2,P2,2,25.00,5.00",
        "OJ2,1,P1,1,40.00,0.00",
        "OJ3,1,P3,1,100.00,0.00",
        "OJ4,1,P9,1,15.00,0.00");
    Bronze.csv(lake, PAYMENTS, D1, "payments.csv",
        "PN1,ON1,2024-11-10T10:05:00Z,credit_card,1,40.00,captured",
        "PN2,ON2,2024-11-20T10:05:00Z,boleto,1,30.00,authorized",
        "PD2,OD2,2024-12-20T10:05:00Z,credit_card,1,90.00,captured",
        "PJ1,OJ1,2025-01-05T10:05:00Z,credit_card,2,85.00,captured",
        "PY,OY,2024-12-01T00:10:00Z,paypal,1,60.00,captured"); // its order OY arrives on 2025-03-01
    Bronze.csv(lake, REVIEWS, D1, "reviews.csv",
        "RV1,OJ1,P2,C1,4,Nice,2025-01-06T10:00:00Z",
        "RV2,OD1,P1,C1,5,Loved it,2024-12-15T10:00:00Z");
    Bronze.jsonl(lake, CLICKSTREAM, D1, "clickstream.jsonl",
        Bronze.event("E1", "S1", "C1", "page_view", null, "/home", "2025-01-30T09:00:00Z", "desktop"));

    // ---- 2025-01-31: December and November only.
    Bronze.csv(lake, CUSTOMERS, D2, "customers.csv", // S3: C3's move, dated before OD2
        "C3,carla@example.com,Carla,Lima,+55 81 5555-0003,Curitiba,PR,S,BR,silver,2024-12-18T00:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D2, "order_items.csv", // S8: a late line for a November order
        "ON1,2,P2,1,25.00,0.00");

    // ---- 2025-02-01: February, January (P2) and November (P9); not December.
    Bronze.csv(lake, PRODUCTS, D3, "products.csv",
        "P2,SKU-P2,Puzzle,games,puzzles,Fun,25.00,10.00,true,2025-01-03T00:00:00Z", // S5
        "P9,SKU-P9,Seeds,garden,plants,Green,15.00,5.00,true,2024-10-01T00:00:00Z"); // S4
    Bronze.csv(lake, ORDERS, D3, "orders.csv",
        "OF1,C2,2025-02-01T09:00:00Z,paid,web,BRL,0.00,2025-02-01T09:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D3, "order_items.csv", "OF1,1,P3,1,100.00,0.00");
    Bronze.csv(lake, PAYMENTS, D3, "payments.csv", "PF1,OF1,2025-02-01T09:05:00Z,debit_card,1,100.00,captured");

    // ---- 2025-02-02: February, and corrections that leave January, November and December.
    Bronze.csv(lake, ORDERS, D4, "orders.csv",
        "OJ3,C4,2025-02-01T08:00:00Z,paid,marketplace,BRL,0.00,2025-02-02T07:00:00Z", // S1
        "OF2,C1,2025-02-02T10:00:00Z,paid,web,BRL,0.00,2025-02-02T10:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D4, "order_items.csv", "OF2,1,P1,2,40.00,0.00");
    Bronze.csv(lake, PAYMENTS, D4, "payments.csv",
        "PF2,OF2,2025-02-02T10:05:00Z,credit_card,1,80.00,captured",
        "PN2,ON2,2025-02-02T09:00:00Z,boleto,1,30.00,captured"); // S6b
    Bronze.csv(lake, REVIEWS, D4, "reviews.csv", "RV2,OD1,P1,C1,5,Loved it,2025-02-02T08:00:00Z"); // S7

    // ---- 2025-03-01: March, January (cancel), November (OY); hidden: February and December.
    Bronze.csv(lake, ORDERS, D5, "orders.csv",
        "OJ2,C2,2025-01-10T10:00:00Z,cancelled,web,BRL,0.00,2025-03-01T08:00:00Z", // S2
        "OY,C1,2024-11-30T23:50:00Z,delivered,web,BRL,0.00,2024-11-30T23:50:00Z", // S6a
        "OM1,C4,2025-03-01T10:00:00Z,paid,mobile,BRL,0.00,2025-03-01T10:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D5, "order_items.csv",
        "OY,1,P3,1,60.00,0.00",
        "OM1,1,P3,1,100.00,0.00");
    Bronze.csv(lake, PAYMENTS, D5, "payments.csv", "PM1,OM1,2025-03-01T10:05:00Z,credit_card,1,100.00,captured");
    Bronze.csv(lake, PRODUCTS, D5, "products.csv", D1_PRODUCTS); // S9: the same bytes as 2025-01-30's file
  }

  // ---------------------------------------------------------------- by month equals a rebuild

  @Test
  @Order(1)
  void everyDateByMonthGivesTheGoldOfAFullRebuildByteForByte() {
    List<String> failures = new ArrayList<>();
    for (String d : TRUTH.keySet()) {
      Map<String, String> byMonth = withoutLineage(hashesOf(AFTER.get(d)));
      if (!byMonth.equals(TRUTH.get(d))) {
        failures.add(d + ": " + diff(TRUTH.get(d), byMonth));
      }
    }
    assertTrue(failures.isEmpty(), "gold by month differs from the rebuild:\n" + String.join("\n", failures));
    for (String t : BY_MONTH) {
      assertTrue(months(TRUTH.get(D5), t).containsAll(Set.of("2024-11", "2024-12", "2025-01", "2025-02", "2025-03")),
          t + " should hold all five months: " + months(TRUTH.get(D5), t));
    }
  }

  @Test
  @Order(2)
  void eachStoryChangesItsHiddenMonthInTheRebuild() {
    // Without these the equality above would not show that a by-month run recomputed the month.
    assertMonthChanged(D2, "fact_order_line", "2024-11", "S8 ON1's late line");
    assertMonthChanged(D2, "fact_order_line", "2024-12", "S3 OD2 re-pointed to C3's move");
    assertMonthChanged(D2, "fact_payment", "2024-12", "S3 PD2 re-pointed to C3's move");
    assertMonthChanged(D3, "agg_daily_sales", "2025-01", "S5 OJ1's P2 line toys → games");
    assertMonthChanged(D3, "agg_daily_sales", "2024-11", "S4 ON2's P9 unknown → garden");
    assertMonthChanged(D3, "fact_order_line", "2024-11", "S4 ON2's product key");
    assertMonthChanged(D4, "fact_order_line", "2025-01", "S1 OJ3 leaves January");
    assertMonthChanged(D4, "daily_kpis", "2025-01", "S1 OJ3 leaves 01-29");
    assertMonthChanged(D4, "fact_payment", "2024-11", "S6b PN2 leaves November");
    assertMonthChanged(D4, "product_performance", "2024-12", "S7 RV2 leaves December");
    assertMonthChanged(D5, "daily_kpis", "2025-02", "S2 C2 is new on 02-01");
    assertMonthChanged(D5, "fact_payment", "2024-12", "S6a PY gets OY's customer");
    // The months each date was written not to touch really stay as they were.
    assertMonthKept(D2, "2025-01");
    assertMonthKept(D3, "2024-12");
    // S9: the re-sent products file (with P2's stale toys version) changes no product.
    assertEquals(files(TRUTH_BEFORE.get(D5), "dim_product/"), files(TRUTH.get(D5), "dim_product/"), "S9 dim_product");
  }

  // ---------------------------------------------------------------- the by-month path is taken

  @Test
  @Order(3)
  void fromTheSecondDateTheManifestSaysByMonthAndTheRebuiltCopiesSayRebuilt() {
    List<String> wrong = new ArrayList<>();
    for (String d : DATES) {
      for (String t : BY_MONTH) {
        String expected = d.equals(D1) ? "rebuilt" : "by_month";
        String got = MANIFEST.get(d).path("gold_built").path(t).asText("(absent)");
        if (!expected.equals(got)) {
          wrong.add(d + " " + t + ": " + got + ", expected " + expected);
        }
        String copy = TRUTH_MANIFEST.containsKey(d) ? TRUTH_MANIFEST.get(d).path("gold_built").path(t).asText("(absent)")
            : "rebuilt";
        if (!"rebuilt".equals(copy)) {
          wrong.add(d + " rebuilt copy " + t + ": " + copy + ", expected rebuilt");
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  @Order(4)
  void someDateTouchesAStrictSubsetAndUntouchedMonthsKeepTheirFiles() {
    int strict = 0;
    int keptChecked = 0;
    for (String d : DATES.subList(1, DATES.size())) {
      JsonNode touched = MANIFEST.get(d).get("gold_touched_months");
      assertTrue(touched != null && touched.isArray(), d + ": no gold_touched_months array; gold_built " + MANIFEST.get(d).path("gold_built"));
      Set<String> t = new TreeSet<>();
      touched.forEach(m -> t.add(m.asText()));
      Set<String> present = new TreeSet<>();
      BY_MONTH.forEach(table -> present.addAll(months(hashesOf(AFTER.get(d)), table)));
      if (present.containsAll(t) && t.size() < present.size()) {
        strict++;
      }
      Set<String> before = new TreeSet<>();
      BY_MONTH.forEach(table -> before.addAll(months(hashesOf(BEFORE.get(d)), table)));
      for (String m : before) {
        if (t.contains(m)) {
          continue;
        }
        for (String table : BY_MONTH) {
          String prefix = table + "/month=" + m + "/";
          assertEquals(files(BEFORE.get(d), prefix), files(AFTER.get(d), prefix),
              d + ": " + prefix + " is not in gold_touched_months " + t + " but its files changed (bytes or mtime)");
          keptChecked++;
        }
      }
    }
    assertTrue(strict > 0, "no date touched a strict subset of gold's months: " + MANIFEST.values().stream()
        .map(m -> m.path("gold_touched_months").toString()).toList());
    assertTrue(keptChecked > 0, "no untouched month was checked");
  }

  // ---------------------------------------------------------------- hand-checked outcomes

  @Test
  @Order(5)
  void cancellingTheFirstOrderMakesTheSecondOrdersDateTheCustomersNewDate() {
    // 02-01: OF1 (C2) and OJ3 (C4, moved there from 01-29 on 02-02; C4 first ordered on 12-05).
    // Before the cancel C2's first order is OJ2 (01-10), so both return; after it C2 is new.
    assertEquals(List.of("20250201 | 0 | 2"), SEEN.get(D4).get("kpis_0201"));
    assertEquals(List.of("20250201 | 1 | 1"), SEEN.get(D5).get("kpis_0201"));
    assertEquals(List.of("C2 | 2025-02-01"), SEEN.get(D5).get("ltv_c2"));
  }

  @Test
  @Order(6)
  void aProductThatArrivesLateLeavesUnknownInItsEarlierMonths() {
    assertEquals(List.of("20241120 | unknown | 1 | 2 | 30.00 | 30.00", "20250120 | unknown | 1 | 1 | 15.00 | 15.00"),
        SEEN.get(D2).get("sales_p9"));
    assertEquals(List.of("20241120 | garden | 1 | 2 | 30.00 | 30.00", "20250120 | garden | 1 | 1 | 15.00 | 15.00"),
        SEEN.get(D3).get("sales_p9"));
    assertEquals(List.of(), SEEN.get(D3).get("unknown_products"), "no fact points to product -1 after P9 arrives");
  }

  @Test
  @Order(7)
  void lateRecategorisationMovesOnlyTheSalesAfterItsValidFrom() {
    // P2 lines: OD1 12-10 (1 × 25.00) and, after 01-31, ON1's late line 11-10; OJ1 01-05 (2 × 25.00 − 5.00).
    assertEquals(List.of("20241110 | toys | 25.00", "20241210 | toys | 25.00", "20250105 | toys | 45.00"),
        SEEN.get(D2).get("sales_p2"));
    assertEquals(List.of("20241110 | toys | 25.00", "20241210 | toys | 25.00", "20250105 | games | 45.00"),
        SEEN.get(D3).get("sales_p2"));
  }

  @Test
  @Order(8)
  void lateCustomerChangeAndLateOrderRepointFactsOfOldMonths() {
    long c3v1 = SurrogateKeys.of("C3", Instant.parse("2024-10-01T00:00:00Z"));
    long c3v2 = SurrogateKeys.of("C3", Instant.parse("2024-12-18T00:00:00Z"));
    long c1 = SurrogateKeys.of("C1", Instant.parse("2024-10-01T00:00:00Z"));
    assertEquals(List.of("OD2 | " + c3v1 + " | PD2 | " + c3v1), SEEN.get(D1).get("c3_keys"));
    assertEquals(List.of("OD2 | " + c3v2 + " | PD2 | " + c3v2), SEEN.get(D2).get("c3_keys"), "S3");
    assertEquals(List.of("PY | 20241201 | -1"), SEEN.get(D4).get("py"), "S6a: PY's order unknown");
    assertEquals(List.of("PY | 20241201 | " + c1), SEEN.get(D5).get("py"), "S6a: OY arrived");
  }

  @Test
  @Order(9)
  void correctedTimestampsMoveFactsReviewsAndPaymentsToTheirNewMonth() {
    assertEquals(List.of("OJ3 | 20250129 | 2025-01"), SEEN.get(D3).get("oj3"));
    assertEquals(List.of("OJ3 | 20250201 | 2025-02"), SEEN.get(D4).get("oj3"), "S1");
    assertEquals(List.of("PN2 | 20241120 | 2024-11"), SEEN.get(D3).get("pn2"));
    assertEquals(List.of("PN2 | 20250202 | 2025-02"), SEEN.get(D4).get("pn2"), "S6b");
    // S7: P1's reviews by month (RV2 only; units: ON1, OD1, OD3, OJ1, OJ2, OF2).
    assertEquals(List.of("2024-11 | P1 | 0", "2024-12 | P1 | 1", "2025-01 | P1 | 0"), SEEN.get(D3).get("perf_p1"));
    assertEquals(List.of("2024-11 | P1 | 0", "2024-12 | P1 | 0", "2025-01 | P1 | 0", "2025-02 | P1 | 1"),
        SEEN.get(D4).get("perf_p1"));
    assertEquals(List.of("ON1 | 2 | P2 | 2024-11"), SEEN.get(D2).get("on1_late_line"), "S8");
  }

  // ---------------------------------------------------------------- re-run

  @Test
  @Order(20)
  void rerunningTheLastDateLeavesEveryGoldFileAsItWas() {
    Map<String, String> before = E2e.hashes(lake.resolve("gold"));
    E2e.runOk(lake, D5, null);
    Map<String, String> after = E2e.hashes(lake.resolve("gold"));
    assertEquals(before, after, "gold after re-running " + D5 + ": " + diff(before, after));
  }

  // ---------------------------------------------------------------- helpers

  /** The hand-checked queries, on the by-month lake's gold as it is now. */
  private static Map<String, List<String>> seen(Path lake) {
    Map<String, List<String>> m = new TreeMap<>();
    String fol = E2e.gold(lake, "fact_order_line");
    String fp = E2e.gold(lake, "fact_payment");
    String sales = E2e.gold(lake, "agg_daily_sales");
    try (Connection c = E2e.duck()) {
      m.put("kpis_0201", E2e.lines(c, "SELECT date_key, new_customers, returning_customers FROM "
          + E2e.gold(lake, "daily_kpis") + " WHERE date_key = 20250201"));
      m.put("ltv_c2", E2e.lines(c, "SELECT customer_id, first_order_date FROM " + E2e.gold(lake, "customer_ltv")
          + " WHERE customer_id = 'C2'"));
      m.put("sales_p9", E2e.lines(c, "SELECT date_key, category, orders, units, net_revenue, avg_order_value FROM "
          + sales + " WHERE date_key IN (20241120, 20250120)"));
      m.put("unknown_products", E2e.lines(c, "SELECT order_id FROM " + fol + " WHERE product_key = -1"));
      m.put("sales_p2", E2e.lines(c, "SELECT date_key, category, net_revenue FROM " + sales
          + " WHERE category IN ('toys', 'games')"));
      m.put("c3_keys", E2e.lines(c, "SELECT f.order_id, f.customer_key, p.payment_id, p.customer_key FROM " + fol
          + " f JOIN " + fp + " p USING (order_id) WHERE f.customer_id = 'C3'"));
      m.put("py", E2e.lines(c, "SELECT payment_id, payment_date_key, customer_key FROM " + fp + " WHERE payment_id = 'PY'"));
      m.put("oj3", E2e.lines(c, "SELECT order_id, order_date_key, regexp_extract(filename, 'month=([0-9-]+)', 1) FROM "
          + withFilename(fol) + " WHERE order_id = 'OJ3'"));
      m.put("pn2", E2e.lines(c, "SELECT payment_id, payment_date_key, regexp_extract(filename, 'month=([0-9-]+)', 1) FROM "
          + withFilename(fp) + " WHERE payment_id = 'PN2'"));
      m.put("perf_p1", E2e.lines(c, "SELECT month, product_id, review_count FROM " + E2e.gold(lake, "product_performance")
          + " WHERE product_id = 'P1'"));
      m.put("on1_late_line", E2e.lines(c, "SELECT order_id, line_number, product_id,"
          + " regexp_extract(filename, 'month=([0-9-]+)', 1) FROM " + withFilename(fol)
          + " WHERE order_id = 'ON1' AND line_number = 2"));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  private static String withFilename(String readParquet) {
    return readParquet.replace("hive_partitioning=false)", "hive_partitioning=false, filename=true)");
  }

  private static void assertMonthChanged(String date, String table, String month, String story) {
    String prefix = table + "/month=" + month + "/";
    assertNotEquals(files(TRUTH_BEFORE.get(date), prefix), files(TRUTH.get(date), prefix),
        story + ": " + prefix + " should change on " + date + " in the rebuild");
  }

  private static void assertMonthKept(String date, String month) {
    for (String t : BY_MONTH) {
      String prefix = t + "/month=" + month + "/";
      assertFalse(files(TRUTH.get(date), prefix).isEmpty(), prefix + " should exist after " + date);
      assertEquals(files(TRUTH_BEFORE.get(date), prefix), files(TRUTH.get(date), prefix),
          prefix + " should not change on " + date + " (the date was written not to touch it; or gold by month was wrong before it)");
    }
  }

  private static JsonNode manifest(Path lake, String date) {
    return E2e.readJson(lake.resolve("_runs").resolve(date).resolve("manifest.json"));
  }

  /** Every gold file (relative path, '/'-separated) with its hash and mtime; empty when there is no gold. */
  private static Map<String, FileState> snapshot(Path gold) {
    Map<String, FileState> m = new TreeMap<>();
    if (!Files.exists(gold)) {
      return m;
    }
    Map<String, Long> mtimes = E2e.mtimes(gold);
    E2e.hashes(gold).forEach((k, v) -> m.put(k.replace('\\', '/'), new FileState(v, mtimes.get(k))));
    return m;
  }

  private static Map<String, String> hashesOf(Map<String, FileState> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((k, v) -> m.put(k, v.sha256()));
    return m;
  }

  private static Map<String, String> withoutLineage(Map<String, String> hashes) {
    Map<String, String> m = new TreeMap<>();
    hashes.forEach((k, v) -> {
      if (!k.replace('\\', '/').equals(LINEAGE)) {
        m.put(k.replace('\\', '/'), v);
      }
    });
    return m;
  }

  private static <V> Map<String, V> files(Map<String, V> all, String prefix) {
    Map<String, V> m = new TreeMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        m.put(k, v);
      }
    });
    return m;
  }

  /** The months of {@code table} that hold at least one file. */
  private static Set<String> months(Map<String, ?> files, String table) {
    Set<String> s = new TreeSet<>();
    for (String k : files.keySet()) {
      Matcher mm = MONTH.matcher(k);
      if (mm.find() && mm.group(1).equals(table)) {
        s.add(mm.group(2));
      }
    }
    return s;
  }

  private static String diff(Map<String, String> expected, Map<String, String> actual) {
    List<String> d = new ArrayList<>();
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!expected.containsKey(k)) {
        d.add("extra " + k);
      } else if (!actual.containsKey(k)) {
        d.add("missing " + k);
      } else if (!expected.get(k).equals(actual.get(k))) {
        d.add("differs " + k);
      }
    }
    return d.isEmpty() ? "(none)" : String.join(", ", d);
  }

  private static void deleteIfExists(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
