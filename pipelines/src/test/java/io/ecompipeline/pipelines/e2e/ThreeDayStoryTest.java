package io.ecompipeline.pipelines.e2e;

import static io.ecompipeline.pipelines.generate.BronzeEntity.CLICKSTREAM;
import static io.ecompipeline.pipelines.generate.BronzeEntity.CUSTOMERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDER_ITEMS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PAYMENTS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PRODUCTS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.REVIEWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written bronze lake of three ingest dates (2025-03-01..03) told through the real run on
 * embedded Flink into the embedded DuckDB warehouse. Every expected row below is computed by hand
 * from the contract's definitions (§4: counted orders, half-up, UTC dates), not from the code.
 *
 * <p>The cast. Customers C1..C5 (C1 moves twice: Rio → Salvador at 03-01 12:00 → Curitiba at 03-02
 * 12:00, and the first move arrives last, on day 3); C404 is never delivered. Products P1 books,
 * P3 electronics, P2 toys until it becomes games at 03-02 12:00 (and a stale re-send of the toys
 * version arrives on day 3); P404 is never delivered. Orders:
 *
 * <pre>
 * order  customer  order_ts (UTC)     lines (product qty×price −discount = line_total)   story
 * O1     C1        03-01 10:00        P1 2×40.00 = 80.00; P3 1×100.00 −10.00 = 90.00      before C1's first move
 * O2     C1        03-01 18:00        P1 1×40.00 (discount empty) = 40.00                between the moves: re-pointed on day 3
 * O3     C2        03-01 11:00        P3 1×100.01 = 100.01; P2 2×25.00 −5.00 = 45.00      paid d1, shipped d2, returned d3, stale re-send d3
 * O4     C404      03-01 12:00        P404 3×10.00 = 30.00                               unknown customer and product
 * O5     C3        03-01 13:00        P1 1×40.00 = 40.00                                 cancelled: never counted
 * O7     C4        03-02 01:30+02:00  P1 1×40.00 = 40.00                                 line on d1, order on d2; UTC date 03-01
 * O6     C1        03-02 15:00        P3 1×100.00 = 100.00                               after the second move
 * O8     C2        03-02 09:00        P2 1×25.00 = 25.00                                 P2 still toys
 * O9     C3        03-02 16:00        P2 2×25.00 −10.00 = 40.00                          P2 now games
 * O10    C5        03-03 10:00        P2 1×25.00 = 25.00
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeDayStoryTest {
  static final List<String> DATES = List.of("2025-03-01", "2025-03-02", "2025-03-03");

  @TempDir static Path tmp;
  static Path lake;
  static Path warehouseFile;
  static Connection db;
  /** Per run date: gold (Parquet) query results right after that date's run. */
  static final Map<String, Map<String, List<String>>> AFTER = new LinkedHashMap<>();
  /** Whether silver's pending partition held a file (O7's line) after each run. */
  static final Map<String, Boolean> PENDING_PARTITION = new TreeMap<>();

  @BeforeAll
  static void threeDays() throws Exception {
    lake = tmp.resolve("lake");
    warehouseFile = tmp.resolve("w.duckdb");
    writeBronze();
    for (String d : DATES) {
      E2e.runOk(lake, d, "jdbc:duckdb:" + warehouseFile);
      AFTER.put(d, goldSnapshot());
      // (the publisher removes files, not folders: an emptied partition folder may remain, and reads as empty)
      PENDING_PARTITION.put(d, !E2e.hashes(lake.resolve("silver/order_items/order_date=pending")).isEmpty());
    }
    db = E2e.duck();
    try (Statement st = db.createStatement()) {
      st.execute("ATTACH '" + warehouseFile + "' AS w (READ_ONLY)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  static void writeBronze() {
    // ---- day 1: 2025-03-01 ----
    String d1 = DATES.get(0);
    Bronze.csv(lake, CUSTOMERS, d1, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Rio de Janeiro,RJ,SE,BR,gold,2025-01-10T00:00:00Z",
        "C2,bruno@example.com,Bruno,Costa,+55 11 5555-0002,Sao Paulo,SP,SE,BR,,2025-01-10T00:00:00Z",
        "C3,carla@example.com,Carla,Lima,+55 51 5555-0003,Porto Alegre,RS,S,BR,silver,2025-01-10T00:00:00Z",
        "C4,diego@example.com,Diego,Rocha,+55 81 5555-0004,Recife,PE,NE,BR,standard,2025-01-10T00:00:00Z",
        "C5,eva@example.com,Eva,Melo,+55 92 5555-0005,Manaus,AM,N,BR,platinum,2025-01-10T00:00:00Z");
    Bronze.csv(lake, PRODUCTS, d1, "products.csv",
        "P1,SKU-P1,Novel,books,fiction,Acme,40.00,20.00,true,2025-01-05T00:00:00Z",
        "P2,SKU-P2,Puzzle,toys,puzzles,Fun,25.00,10.00,true,2025-01-05T00:00:00Z",
        "P3,SKU-P3,Headphones,electronics,audio,Sonic,100.00,60.00,,2025-01-05T00:00:00Z");
    Bronze.csv(lake, ORDERS, d1, "orders.csv",
        "O1,C1,2025-03-01T10:00:00Z,delivered,web,BRL,5.00,2025-03-01T10:00:00Z",
        "O2,C1,2025-03-01T18:00:00Z,paid,mobile,BRL,0.00,2025-03-01T18:00:00Z",
        "O3,C2,2025-03-01T11:00:00Z,paid,web,BRL,0.00,2025-03-01T11:00:00Z",
        "O4,C404,2025-03-01T12:00:00Z,placed,marketplace,BRL,,2025-03-01T12:00:00Z",
        "O5,C3,2025-03-01T13:00:00Z,cancelled,web,BRL,0.00,2025-03-01T13:30:00Z");
    Bronze.csv(lake, ORDER_ITEMS, d1, "order_items.csv",
        "O1,1,P1,2,40.00,0.00",
        "O1,2,P3,1,100.00,10.00",
        "O2,1,P1,1,40.00,",
        "O3,1,P3,1,100.01,0.00",
        "O3,2,P2,2,25.00,5.00",
        "O4,1,P404,3,10.00,0.00",
        "O5,1,P1,1,40.00,0.00",
        "O7,1,P1,1,40.00,0.00"); // its order arrives tomorrow
    Bronze.csv(lake, PAYMENTS, d1, "payments.csv",
        "PAY1,O1,2025-03-01T10:05:00Z,credit_card,3,175.00,captured",
        "PAY2,O3,2025-03-01T11:05:00Z,credit_card,,145.01,failed",
        "PAY3,O3,2025-03-01T11:10:00Z,paypal,1,145.01,captured",
        "PAY4,O2,2025-03-01T18:05:00Z,debit_card,1,40.00,captured");
    Bronze.jsonl(lake, CLICKSTREAM, d1, "clickstream.jsonl",
        // S1 starts on a phone at 23:50 and ends after midnight on a desktop (day 2's file)
        Bronze.event("E1", "S1", "C1", "page_view", null, "/home", "2025-03-01T23:50:00Z", "mobile"),
        Bronze.event("E2", "S1", "C1", "product_view", "P1", "/p/P1", "2025-03-01T23:55:00Z", "mobile"),
        Bronze.event("E3", "S2", null, "page_view", null, "/home", "2025-03-01T09:00:00Z", "desktop"),
        Bronze.event("E4", "S2", null, "product_view", "P3", "/p/P3", "2025-03-01T09:01:00Z", "desktop"),
        Bronze.event("E5", "S5", "C3", "page_view", null, "/home", "2025-03-01T08:00:00Z", "mobile"));

    // ---- day 2: 2025-03-02 ----
    String d2 = DATES.get(1);
    Bronze.csv(lake, CUSTOMERS, d2, "customers.csv", // C1's second move
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Curitiba,PR,S,BR,gold,2025-03-02T12:00:00Z");
    Bronze.csv(lake, PRODUCTS, d2, "products.csv", // P2 recategorised at noon
        "P2,SKU-P2,Puzzle,games,puzzles,Fun,25.00,10.00,true,2025-03-02T12:00:00Z");
    Bronze.csv(lake, ORDERS, d2, "orders.csv",
        "O3,C2,2025-03-01T11:00:00Z,shipped,web,BRL,0.00,2025-03-02T08:00:00Z",
        "O6,C1,2025-03-02T15:00:00Z,paid,web,BRL,0.00,2025-03-02T15:00:00Z",
        // 01:30 in UTC+2 is 23:30 UTC on 03-01: the order's date is 03-01
        "O7,C4,2025-03-02T01:30:00+02:00,paid,web,BRL,0.00,2025-03-02T01:30:00+02:00",
        "O8,C2,2025-03-02T09:00:00Z,paid,web,BRL,0.00,2025-03-02T09:00:00Z",
        "O9,C3,2025-03-02T16:00:00Z,paid,mobile,BRL,0.00,2025-03-02T16:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, d2, "order_items.csv",
        "O6,1,P3,1,100.00,0.00",
        "O8,1,P2,1,25.00,0.00",
        "O9,1,P2,2,25.00,10.00");
    Bronze.csv(lake, PAYMENTS, d2, "payments.csv",
        "PAY5,O6,2025-03-02T15:05:00Z,boleto,1,100.00,captured",
        "PAY6,O8,2025-03-02T09:05:00Z,voucher,1,25.00,captured",
        "PAY7,O9,2025-03-02T16:05:00Z,credit_card,2,40.00,failed");
    Bronze.csv(lake, REVIEWS, d2, "reviews.csv",
        "R1,O1,P3,C1,4,\"Great sound, \"\"crisp\"\" bass\",2025-03-02T20:00:00Z");
    Bronze.jsonl(lake, CLICKSTREAM, d2, "clickstream.jsonl",
        Bronze.event("E6", "S1", "C1", "add_to_cart", "P1", "/cart", "2025-03-02T00:05:00Z", "desktop"),
        Bronze.event("E7", "S1", "C1", "checkout_start", null, "/checkout", "2025-03-02T00:10:00Z", "desktop"),
        Bronze.event("E8", "S1", "C1", "purchase", null, "/checkout/done", "2025-03-02T00:12:00Z", "desktop"),
        Bronze.event("E9", "S3", "C2", "page_view", null, "/home", "2025-03-02T10:00:00Z", "mobile"),
        Bronze.event("E10", "S3", "C2", "product_view", "P2", "/p/P2", "2025-03-02T10:01:00Z", "mobile"),
        Bronze.event("E11", "S4", null, "page_view", null, "/home", "2025-03-02T11:00:00Z", "tablet"));

    // ---- day 3: 2025-03-03 ----
    String d3 = DATES.get(2);
    Bronze.csv(lake, CUSTOMERS, d3, "customers.csv", // C1's FIRST move, arriving last
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Salvador,BA,NE,BR,gold,2025-03-01T12:00:00Z");
    Bronze.csv(lake, PRODUCTS, d3, "products_resend.csv", // the source re-sends P2's old version
        "P2,SKU-P2,Puzzle,toys,puzzles,Fun,25.00,10.00,true,2025-01-05T00:00:00Z");
    Bronze.csv(lake, ORDERS, d3, "orders.csv",
        "O3,C2,2025-03-01T11:00:00Z,returned,web,BRL,0.00,2025-03-03T09:00:00Z",
        "O10,C5,2025-03-03T10:00:00Z,paid,web,BRL,0.00,2025-03-03T10:00:00Z");
    // A stale re-send of O3's day-2 version in a later file: newer arrival, older updated_at; it must lose.
    Bronze.csv(lake, ORDERS, d3, "zz_resend.csv",
        "O3,C2,2025-03-01T11:00:00Z,shipped,web,BRL,0.00,2025-03-02T08:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, d3, "order_items.csv",
        "O10,1,P2,1,25.00,0.00");
    Bronze.csv(lake, PAYMENTS, d3, "payments.csv",
        "PAY8,O3,2025-03-03T09:30:00Z,paypal,1,145.01,refunded",
        "PAY9,O10,2025-03-03T10:05:00Z,credit_card,1,25.00,captured");
    Bronze.csv(lake, REVIEWS, d3, "reviews.csv",
        "R2,O3,P3,C2,2,Returned it,2025-03-03T09:15:00Z",
        "R3,O6,P3,C1,5,\"Second pair.\nStill great\",2025-03-03T11:00:00Z");
    // (no clickstream on day 3, no reviews on day 1: an entity with nothing delivered reads as empty)
  }

  /** The gold tables the story follows from day to day, read from the published Parquet. */
  static Map<String, List<String>> goldSnapshot() {
    Map<String, List<String>> m = new TreeMap<>();
    try (Connection c = E2e.duck()) {
      m.put("sales", E2e.lines(c, "SELECT date_key, category, orders, units, gross_revenue, discount_total, net_revenue,"
          + " avg_order_value, returned_revenue FROM " + E2e.gold(lake, "agg_daily_sales")));
      m.put("kpis", E2e.lines(c, "SELECT date_key, orders, net_revenue, avg_order_value, new_customers, returning_customers,"
          + " payments_captured_amount, payment_failure_rate, refunded_amount, return_rate FROM " + E2e.gold(lake, "daily_kpis")));
      m.put("funnel", E2e.lines(c, "SELECT date_key, device, sessions, product_view_sessions, add_to_cart_sessions,"
          + " checkout_sessions, purchase_sessions, conversion_rate FROM " + E2e.gold(lake, "conversion_funnel_daily")));
      m.put("city_of_order", E2e.lines(c, "SELECT DISTINCT f.order_id, d.city FROM " + E2e.gold(lake, "fact_order_line")
          + " f JOIN " + E2e.gold(lake, "dim_customer") + " d ON d.customer_key = f.customer_key"));
      m.put("performance", E2e.lines(c, "SELECT month, product_id, units, net_revenue, returned_units, return_rate,"
          + " review_count, avg_rating FROM " + E2e.gold(lake, "product_performance")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  private static void assertRows(List<String> expected, List<String> actual, String what) {
    List<String> sorted = new ArrayList<>(expected);
    sorted.sort(null);
    assertEquals(String.join("\n", sorted), String.join("\n", actual), what);
  }

  private static void assertWarehouse(String sql, String what, String... expected) {
    assertRows(List.of(expected), E2e.lines(db, sql), what);
  }

  private static JsonNode quality(String date, String entity) {
    for (JsonNode e : E2e.readJson(lake.resolve("_runs").resolve(date).resolve("quality.json")).get("entities")) {
      if (e.get("entity").asText().equals(entity)) {
        return e;
      }
    }
    throw new AssertionError("no " + entity + " in the quality report of " + date);
  }

  // ---------------------------------------------------------------- dimensions

  @Test
  @Order(1)
  void customerWhoMovesTwiceGetsTheSameHistoryWhenTheFirstMoveArrivesLast() {
    assertWarehouse("SELECT version, city, state, region, segment, strftime(valid_from, '%Y-%m-%d %H:%M:%S'),"
            + " strftime(valid_to, '%Y-%m-%d %H:%M:%S'), is_current FROM w.analytics.dim_customer WHERE customer_id = 'C1'",
        "dim_customer C1: the late first move (updated_at 03-01 12:00, delivered on 03-03) is put in its place",
        "1 | Rio de Janeiro | RJ | SE | gold | 2025-01-10 00:00:00 | 2025-03-01 12:00:00 | false",
        "2 | Salvador | BA | NE | gold | 2025-03-01 12:00:00 | 2025-03-02 12:00:00 | false",
        "3 | Curitiba | PR | S | gold | 2025-03-02 12:00:00 | 9999-12-31 00:00:00 | true");
    // Keys are derived from (customer_id, valid_from), so they are known before the run.
    assertWarehouse("SELECT version, customer_key FROM w.analytics.dim_customer WHERE customer_id = 'C1'", "C1 keys",
        "1 | " + SurrogateKeys.of("C1", Instant.parse("2025-01-10T00:00:00Z")),
        "2 | " + SurrogateKeys.of("C1", Instant.parse("2025-03-01T12:00:00Z")),
        "3 | " + SurrogateKeys.of("C1", Instant.parse("2025-03-02T12:00:00Z")));
    // An empty segment is standard; every other customer has one version.
    assertWarehouse("SELECT customer_id, version, city, segment, is_current FROM w.analytics.dim_customer"
            + " WHERE customer_id <> 'C1'", "the other customers",
        "C2 | 1 | Sao Paulo | standard | true",
        "C3 | 1 | Porto Alegre | silver | true",
        "C4 | 1 | Recife | standard | true",
        "C5 | 1 | Manaus | platinum | true",
        "unknown | 1 | unknown | unknown | true");
    assertEquals(-1L, E2e.count(db, "SELECT customer_key FROM w.analytics.dim_customer WHERE customer_id = 'unknown'"));
  }

  @Test
  @Order(2)
  void productRecategorisedAtNoonHasTwoVersionsAndTheStaleReSendChangesNothing() {
    assertWarehouse("SELECT product_id, version, category, is_active, strftime(valid_from, '%Y-%m-%d %H:%M:%S'),"
            + " strftime(valid_to, '%Y-%m-%d %H:%M:%S'), is_current FROM w.analytics.dim_product",
        "dim_product: P2 toys until 03-02 12:00, then games; the re-sent toys version on day 3 is a duplicate",
        "P1 | 1 | books | true | 2025-01-05 00:00:00 | 9999-12-31 00:00:00 | true",
        "P2 | 1 | toys | true | 2025-01-05 00:00:00 | 2025-03-02 12:00:00 | false",
        "P2 | 2 | games | true | 2025-03-02 12:00:00 | 9999-12-31 00:00:00 | true",
        // is_active empty means true
        "P3 | 1 | electronics | true | 2025-01-05 00:00:00 | 9999-12-31 00:00:00 | true",
        "unknown | 1 | unknown | null | 1900-01-01 00:00:00 | 9999-12-31 00:00:00 | true");
    JsonNode products = quality(DATES.get(2), "products");
    assertEquals(1, products.get("read").asLong());
    assertEquals(0, products.get("accepted").asLong());
    assertEquals(1, products.get("duplicates").asLong(), "the stale re-send of P2 counts as a duplicate");
  }

  // ---------------------------------------------------------------- facts

  @Test
  @Order(3)
  void factsPointToTheVersionsValidAtOrderTimeAndUnknownMembersAreMinusOne() {
    // customer city and product category of the versions each line points to; line_total = qty × price − discount
    assertWarehouse("SELECT f.order_id, f.line_number, f.order_date_key, f.order_status, c.city, p.category, f.line_total"
            + " FROM w.analytics.fact_order_line f JOIN w.analytics.dim_customer c ON c.customer_key = f.customer_key"
            + " JOIN w.analytics.dim_product p ON p.product_key = f.product_key",
        "fact_order_line",
        "O1 | 1 | 20250301 | delivered | Rio de Janeiro | books | 80.00",
        "O1 | 2 | 20250301 | delivered | Rio de Janeiro | electronics | 90.00",
        "O2 | 1 | 20250301 | paid | Salvador | books | 40.00", // 18:00 falls in the late-arriving version
        "O3 | 1 | 20250301 | returned | Sao Paulo | electronics | 100.01", // returned beats the stale 'shipped'
        "O3 | 2 | 20250301 | returned | Sao Paulo | toys | 45.00",
        "O4 | 1 | 20250301 | placed | unknown | unknown | 30.00",
        "O5 | 1 | 20250301 | cancelled | Porto Alegre | books | 40.00", // in the facts, out of every count
        "O6 | 1 | 20250302 | paid | Curitiba | electronics | 100.00",
        "O7 | 1 | 20250301 | paid | Recife | books | 40.00", // UTC date of 03-02T01:30+02:00
        "O8 | 1 | 20250302 | paid | Sao Paulo | toys | 25.00",
        "O9 | 1 | 20250302 | paid | Porto Alegre | games | 40.00",
        "O10 | 1 | 20250303 | paid | Manaus | games | 25.00");
    assertWarehouse("SELECT order_id, customer_id, customer_key, product_id, product_key FROM w.analytics.fact_order_line"
        + " WHERE customer_key = -1 OR product_key = -1", "unknown members", "O4 | C404 | -1 | P404 | -1");
    // payments take the order's customer at payment_ts; an empty installments means 1
    assertWarehouse("SELECT p.payment_id, p.payment_date_key, c.city, p.method, p.installments, p.amount, p.status"
            + " FROM w.analytics.fact_payment p JOIN w.analytics.dim_customer c ON c.customer_key = p.customer_key",
        "fact_payment",
        "PAY1 | 20250301 | Rio de Janeiro | credit_card | 3 | 175.00 | captured",
        "PAY2 | 20250301 | Sao Paulo | credit_card | 1 | 145.01 | failed",
        "PAY3 | 20250301 | Sao Paulo | paypal | 1 | 145.01 | captured",
        "PAY4 | 20250301 | Salvador | debit_card | 1 | 40.00 | captured",
        "PAY5 | 20250302 | Curitiba | boleto | 1 | 100.00 | captured",
        "PAY6 | 20250302 | Sao Paulo | voucher | 1 | 25.00 | captured",
        "PAY7 | 20250302 | Porto Alegre | credit_card | 2 | 40.00 | failed",
        "PAY8 | 20250303 | Sao Paulo | paypal | 1 | 145.01 | refunded",
        "PAY9 | 20250303 | Manaus | credit_card | 1 | 25.00 | captured");
  }

  @Test
  @Order(4)
  void lateMoveRepointsTheFactsOfItsIntervalOnTheDayItArrives() {
    // Before day 3 C1 had two versions and O2 (03-01 18:00) fell in the first; day 3 splits it.
    assertRows(List.of("O1 | Rio de Janeiro", "O2 | Rio de Janeiro", "O6 | Curitiba"),
        AFTER.get(DATES.get(1)).get("city_of_order").stream().filter(l -> l.startsWith("O1 ") || l.startsWith("O2 ")
            || l.startsWith("O6 ")).toList(), "after day 2");
    assertRows(List.of("O1 | Rio de Janeiro", "O2 | Salvador", "O6 | Curitiba"),
        AFTER.get(DATES.get(2)).get("city_of_order").stream().filter(l -> l.startsWith("O1 ") || l.startsWith("O2 ")
            || l.startsWith("O6 ")).toList(), "after day 3");
  }

  @Test
  @Order(5)
  void pendingLineWaitsInSilverAndEntersTheFactsWhenItsOrderArrives() {
    assertEquals(Map.of("2025-03-01", true, "2025-03-02", false, "2025-03-03", false), PENDING_PARTITION,
        "silver's pending partition after each run");
    assertEquals(1, quality(DATES.get(0), "order_items").get("pending").asLong(), "day 1: O7's line waits for O7");
    assertEquals(0, quality(DATES.get(1), "order_items").get("pending").asLong(), "day 2: O7 arrived");
    assertEquals(1, quality(DATES.get(0), "orders").get("orphans").get("orphan_customer").asLong(), "O4's C404");
    assertEquals(1, quality(DATES.get(0), "order_items").get("orphans").get("orphan_product").asLong(), "O4's P404");
    // books on 03-01: day 1 has O1 (2 × 40.00) and O2 (40.00); day 2 adds O7 (40.00) on its UTC date 03-01.
    assertTrue(AFTER.get(DATES.get(0)).get("sales").contains("20250301 | books | 2 | 3 | 120.00 | 0.00 | 120.00 | 60.00 | 0.00"),
        AFTER.get(DATES.get(0)).get("sales").toString());
    assertTrue(AFTER.get(DATES.get(1)).get("sales").contains("20250301 | books | 3 | 4 | 160.00 | 0.00 | 160.00 | 53.33 | 0.00"),
        AFTER.get(DATES.get(1)).get("sales").toString());
  }

  // ---------------------------------------------------------------- aggregates

  @Test
  @Order(6)
  void dailySalesPerCategoryOfTheVersionEachLinePointsTo() {
    // Counted orders only (O5 cancelled is out). avg_order_value = net / orders, half-up.
    assertWarehouse("SELECT date_key, category, orders, units, gross_revenue, discount_total, net_revenue,"
            + " avg_order_value, returned_revenue FROM w.analytics.agg_daily_sales",
        "agg_daily_sales",
        // O1 80.00 + O2 40.00 + O7 40.00; 160.00 / 3 = 53.333 → 53.33
        "20250301 | books | 3 | 4 | 160.00 | 0.00 | 160.00 | 53.33 | 0.00",
        // O1 100.00 −10.00, O3 100.01 (returned); 190.01 / 2 = 95.005 → 95.01 half-up (half-even would give 95.00)
        "20250301 | electronics | 2 | 2 | 200.01 | 10.00 | 190.01 | 95.01 | 100.01",
        // O3 2 × 25.00 − 5.00 at 11:00, P2 still toys; O3 returned on day 3
        "20250301 | toys | 1 | 2 | 50.00 | 5.00 | 45.00 | 45.00 | 45.00",
        // O4's P404 is the unknown product
        "20250301 | unknown | 1 | 3 | 30.00 | 0.00 | 30.00 | 30.00 | 0.00",
        "20250302 | electronics | 1 | 1 | 100.00 | 0.00 | 100.00 | 100.00 | 0.00",
        // P2 sold at 09:00 (toys) and at 16:00 (games) on the same day
        "20250302 | toys | 1 | 1 | 25.00 | 0.00 | 25.00 | 25.00 | 0.00",
        "20250302 | games | 1 | 2 | 50.00 | 10.00 | 40.00 | 40.00 | 0.00",
        "20250303 | games | 1 | 1 | 25.00 | 0.00 | 25.00 | 25.00 | 0.00");
  }

  @Test
  @Order(7)
  void returnArrivingOnDayThreeChangesItsOrderDatesReturnFigures() {
    // The return lands on O3's own date (03-01): contract §4 dates sales by order_ts.
    String d2 = DATES.get(1);
    String d3 = DATES.get(2);
    assertTrue(AFTER.get(d2).get("sales").contains("20250301 | electronics | 2 | 2 | 200.01 | 10.00 | 190.01 | 95.01 | 0.00"));
    assertTrue(AFTER.get(d2).get("sales").contains("20250301 | toys | 1 | 2 | 50.00 | 5.00 | 45.00 | 45.00 | 0.00"));
    assertTrue(AFTER.get(d3).get("sales").contains("20250301 | electronics | 2 | 2 | 200.01 | 10.00 | 190.01 | 95.01 | 100.01"));
    assertTrue(AFTER.get(d3).get("sales").contains("20250301 | toys | 1 | 2 | 50.00 | 5.00 | 45.00 | 45.00 | 45.00"));
    assertTrue(AFTER.get(d2).get("kpis").stream().anyMatch(l -> l.startsWith("20250301 |") && l.endsWith("| 0.0000")),
        AFTER.get(d2).get("kpis").toString());
    assertTrue(AFTER.get(d3).get("kpis").stream().anyMatch(l -> l.startsWith("20250301 |") && l.endsWith("| 0.2000")),
        AFTER.get(d3).get("kpis").toString());
    assertTrue(AFTER.get(d2).get("performance").contains("2025-03 | P3 | 3 | 290.01 | 0 | 0.0000 | 1 | 4.0000"),
        AFTER.get(d2).get("performance").toString());
    assertTrue(AFTER.get(d3).get("performance").contains("2025-03 | P3 | 3 | 290.01 | 1 | 0.3333 | 3 | 3.6667"),
        AFTER.get(d3).get("performance").toString());
    JsonNode orders = quality(d3, "orders");
    assertEquals(3, orders.get("read").asLong());
    assertEquals(2, orders.get("accepted").asLong());
    assertEquals(1, orders.get("duplicates").asLong(), "O3's stale re-send is dropped");
  }

  @Test
  @Order(8)
  void dailyKpisCountOrdersCustomersPaymentsAndReturns() {
    assertWarehouse("SELECT date_key, orders, net_revenue, avg_order_value, new_customers, returning_customers,"
            + " payments_captured_amount, payment_failure_rate, refunded_amount, return_rate FROM w.analytics.daily_kpis",
        "daily_kpis",
        // O1 170.00 + O2 40.00 + O3 145.01 + O4 30.00 + O7 40.00 = 425.01 over 5 orders (O5 cancelled) = 85.0020 → 85.00;
        // new: C1, C2, C404, C4; captured PAY1 175.00 + PAY3 145.01 + PAY4 40.00; 1 failed of 4; O3 returned: 1 / 5
        "20250301 | 5 | 425.01 | 85.00 | 4 | 0 | 360.01 | 0.2500 | 0.00 | 0.2000",
        // O6 100.00 + O8 25.00 + O9 40.00; C3 is new (its 03-01 order was cancelled), C1 and C2 return; 1 failed of 3
        "20250302 | 3 | 165.00 | 55.00 | 1 | 2 | 125.00 | 0.3333 | 0.00 | 0.0000",
        // O10; PAY8 refunds O3 on 03-03, PAY9 captured
        "20250303 | 1 | 25.00 | 25.00 | 1 | 0 | 25.00 | 0.0000 | 145.01 | 0.0000");
  }

  @Test
  @Order(9)
  void customerLtvBreaksARevenueTieAtTheSegmentBoundaryByCustomerId() {
    // n = 6: high up to ⌈1.2⌉ = 2, medium up to ⌈3⌉ = 3. C3 and C4 tie on 40.00 at positions 3 and 4.
    assertWarehouse("SELECT customer_id, first_order_date, last_order_date, order_count, lifetime_revenue, avg_order_value,"
            + " value_segment FROM w.analytics.customer_ltv",
        "customer_ltv",
        "C1 | 2025-03-01 | 2025-03-02 | 3 | 310.00 | 103.33 | high", // 170.00 + 40.00 + 100.00; / 3 = 103.333
        "C2 | 2025-03-01 | 2025-03-02 | 2 | 170.01 | 85.01 | high", // 145.01 (returned still counts) + 25.00; / 2 = 85.005 → 85.01
        "C3 | 2025-03-02 | 2025-03-02 | 1 | 40.00 | 40.00 | medium", // the cancelled O5 is not its first order
        "C4 | 2025-03-01 | 2025-03-01 | 1 | 40.00 | 40.00 | low", // same revenue as C3, later id
        "C404 | 2025-03-01 | 2025-03-01 | 1 | 30.00 | 30.00 | low", // unknown to the dimension, still a customer_id
        "C5 | 2025-03-03 | 2025-03-03 | 1 | 25.00 | 25.00 | low");
  }

  @Test
  @Order(10)
  void sessionSpanningMidnightCountsOnceOnItsFirstEventsDateAndDevice() {
    assertRows(List.of(
            "20250301 | desktop | 1 | 1 | 0 | 0 | 0 | 0.0000",
            "20250301 | mobile | 2 | 1 | 0 | 0 | 0 | 0.0000"), // S1 so far: page and product views before midnight
        AFTER.get(DATES.get(0)).get("funnel"), "funnel after day 1");
    assertWarehouse("SELECT date_key, device, sessions, product_view_sessions, add_to_cart_sessions, checkout_sessions,"
            + " purchase_sessions, conversion_rate FROM w.analytics.conversion_funnel_daily",
        "conversion_funnel_daily",
        "20250301 | desktop | 1 | 1 | 0 | 0 | 0 | 0.0000", // S2
        // S1 (mobile at 23:50, its cart, checkout and purchase after midnight on a desktop) and S5; 1 / 2
        "20250301 | mobile | 2 | 1 | 1 | 1 | 1 | 0.5000",
        "20250302 | mobile | 1 | 1 | 0 | 0 | 0 | 0.0000", // S3
        "20250302 | tablet | 1 | 0 | 0 | 0 | 0 | 0.0000"); // S4, anonymous
  }

  @Test
  @Order(11)
  void productPerformanceCountsReturnedUnitsAndReviews() {
    assertWarehouse("SELECT month, product_id, units, net_revenue, returned_units, return_rate, review_count, avg_rating"
            + " FROM w.analytics.product_performance",
        "product_performance",
        "2025-03 | P1 | 4 | 160.00 | 0 | 0.0000 | 0 | 0.0000", // O1 2, O2 1, O7 1 (O5 cancelled)
        "2025-03 | P2 | 6 | 135.00 | 2 | 0.3333 | 0 | 0.0000", // O3 2 (returned), O8 1, O9 2, O10 1; 2 / 6
        // O1 90.00 + O3 100.01 (returned) + O6 100.00; reviews 4, 2, 5: 11 / 3 = 3.66667 → 3.6667
        "2025-03 | P3 | 3 | 290.01 | 1 | 0.3333 | 3 | 3.6667",
        "2025-03 | P404 | 3 | 30.00 | 0 | 0.0000 | 0 | 0.0000");
  }

  @Test
  @Order(12)
  void dimDateCoversTheYearWithTheFebruaryFiscalCalendar() {
    assertEquals(365, E2e.count(db, "SELECT COUNT(*) FROM w.analytics.dim_date"), "whole calendar year 2025");
    // 2025-03-01 is a Saturday; the fiscal year starting in February 2025 ends in January 2026, so FY2026, month 2 of it.
    assertWarehouse("SELECT date_key, day_of_week, day_name, is_weekend, month_name, quarter, fiscal_year, fiscal_quarter,"
            + " fiscal_month FROM w.analytics.dim_date WHERE date_key = 20250301", "dim_date 2025-03-01",
        "20250301 | 6 | Saturday | true | March | 1 | 2026 | 1 | 2");
  }

  @Test
  @Order(13)
  void warehouseHoldsExactlyTheGoldRows() {
    for (String t : E2e.GOLD) {
      String w = "SELECT * FROM w.analytics." + t;
      String p = "SELECT * FROM " + E2e.gold(lake, t);
      assertEquals(0, E2e.count(db, "SELECT COUNT(*) FROM (" + w + " EXCEPT ALL " + p + ")"), t + ": warehouse rows not in gold");
      assertEquals(0, E2e.count(db, "SELECT COUNT(*) FROM (" + p + " EXCEPT ALL " + w + ")"), t + ": gold rows not in warehouse");
    }
  }

  // ---------------------------------------------------------------- re-run

  @Test
  @Order(20)
  void rerunningTheLastDayLeavesGoldAndTheWarehouseExactlyAsTheyWere() throws Exception {
    Map<String, List<String>> warehouseBefore = warehouseSnapshot();
    try (Statement st = db.createStatement()) {
      st.execute("DETACH w"); // the run writes the warehouse file
    }
    Map<String, String> gold = E2e.hashes(lake.resolve("gold"));
    Map<String, String> silver = E2e.hashes(lake.resolve("silver"));
    E2e.runOk(lake, DATES.get(2), "jdbc:duckdb:" + warehouseFile);
    assertEquals(gold, E2e.hashes(lake.resolve("gold")), "gold after re-running " + DATES.get(2));
    assertEquals(silver, E2e.hashes(lake.resolve("silver")), "silver after re-running " + DATES.get(2));
    try (Statement st = db.createStatement()) {
      st.execute("ATTACH '" + warehouseFile + "' AS w (READ_ONLY)");
    }
    assertEquals(warehouseBefore, warehouseSnapshot(), "warehouse after re-running " + DATES.get(2));
  }

  private static Map<String, List<String>> warehouseSnapshot() {
    Map<String, List<String>> m = new TreeMap<>();
    for (String t : E2e.GOLD) {
      m.put(t, E2e.lines(db, "SELECT * FROM w.analytics." + t));
    }
    m.put("load_audit", E2e.lines(db, "SELECT run_id, table_name FROM w.analytics.load_audit"));
    return m;
  }
}
