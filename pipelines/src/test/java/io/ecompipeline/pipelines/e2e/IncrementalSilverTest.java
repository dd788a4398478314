package io.ecompipeline.pipelines.e2e;

import static io.ecompipeline.pipelines.generate.BronzeEntity.CLICKSTREAM;
import static io.ecompipeline.pipelines.generate.BronzeEntity.CUSTOMERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.ORDER_ITEMS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PAYMENTS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PRODUCTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ecompipeline.pipelines.e2e.UntouchedMonthTest.FileState;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silver clickstream and payments are merged incrementally: each file holds one date partition
 * and one first-arrival date, a day's rows go to new files, and an older file is read back and
 * rewritten only when one of its keys arrives again. Three hand-written days: day 2 brings only new
 * keys (day 1's files stay as they are: bytes, mtime, inode); day 3 re-sends a day-1 event with a
 * corrected timestamp (it moves to another partition, and its old file is rewritten without it)
 * and re-sends a day-1 payment unchanged (a duplicate: its file keeps its bytes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalSilverTest {
  static final String D1 = "2025-03-01";
  static final String D2 = "2025-03-02";
  static final String D3 = "2025-03-03";
  static final String DAY1_EVENTS = "clickstream/event_date=2025-03-01/part-2025-03-01.parquet";
  static final String DAY2_EVENTS = "clickstream/event_date=2025-03-02/part-2025-03-02.parquet";
  static final String DAY1_PAYMENTS = "payments/payment_date=2025-03-01/part-2025-03-01.parquet";

  @TempDir static Path tmp;
  static Path lake;
  static Map<String, FileState> afterD1;
  static Map<String, FileState> afterD2;
  static Map<String, FileState> afterD3;

  @BeforeAll
  static void threeDays() {
    lake = tmp.resolve("lake");
    Bronze.csv(lake, CUSTOMERS, D1, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Rio de Janeiro,RJ,SE,BR,gold,2025-01-01T00:00:00Z");
    Bronze.csv(lake, PRODUCTS, D1, "products.csv", "P1,SKU-P1,Novel,books,fiction,Acme,40.00,20.00,true,2025-01-01T00:00:00Z");
    Bronze.csv(lake, ORDERS, D1, "orders.csv", "O1,C1,2025-03-01T10:00:00Z,paid,web,BRL,0.00,2025-03-01T10:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D1, "order_items.csv", "O1,1,P1,1,40.00,0.00");
    Bronze.csv(lake, PAYMENTS, D1, "payments.csv",
        "PAY1,O1,2025-03-01T10:05:00Z,credit_card,1,40.00,failed",
        "PAY2,O1,2025-03-01T10:06:00Z,paypal,1,40.00,captured");
    Bronze.jsonl(lake, CLICKSTREAM, D1, "clickstream.jsonl",
        Bronze.event("E1", "S1", "C1", "page_view", null, "/home", "2025-03-01T09:00:00Z", "mobile"),
        Bronze.event("E2", "S1", "C1", "purchase", null, "/checkout", "2025-03-01T09:01:00Z", "mobile"));
    Bronze.csv(lake, PAYMENTS, D2, "payments.csv", "PAY3,O1,2025-03-02T08:00:00Z,paypal,1,0.00,captured");
    Bronze.jsonl(lake, CLICKSTREAM, D2, "clickstream.jsonl",
        Bronze.event("E3", "S2", null, "page_view", null, "/home", "2025-03-02T10:00:00Z", "desktop"));
    Bronze.csv(lake, PAYMENTS, D3, "payments.csv", "PAY2,O1,2025-03-01T10:06:00Z,paypal,1,40.00,captured");
    Bronze.jsonl(lake, CLICKSTREAM, D3, "clickstream.jsonl",
        Bronze.event("E2", "S1", "C1", "purchase", null, "/checkout", "2025-03-02T00:30:00Z", "mobile"),
        Bronze.event("E4", "S4", null, "page_view", null, "/home", "2025-03-03T11:00:00Z", "tablet"));

    E2e.runOk(lake, D1, null);
    afterD1 = UntouchedMonthTest.snapshot(lake.resolve("silver"));
    E2e.runOk(lake, D2, null);
    afterD2 = UntouchedMonthTest.snapshot(lake.resolve("silver"));
    E2e.runOk(lake, D3, null);
    afterD3 = UntouchedMonthTest.snapshot(lake.resolve("silver"));
  }

  @Test
  @Order(1)
  void aDayOfNewKeysLeavesEarlierFilesAsTheyWere() {
    assertEquals(afterD1.get(DAY1_EVENTS), afterD2.get(DAY1_EVENTS), "day 1's events");
    assertEquals(afterD1.get(DAY1_PAYMENTS), afterD2.get(DAY1_PAYMENTS), "day 1's payments");
    assertEquals(List.of("E3"), ids("event_id", DAY2_EVENTS));
  }

  @Test
  @Order(2)
  void aCorrectedEventMovesAndOnlyTheFileItLeftIsRewritten() {
    assertNotEquals(afterD2.get(DAY1_EVENTS).sha256(), afterD3.get(DAY1_EVENTS).sha256());
    assertEquals(List.of("E1"), ids("event_id", DAY1_EVENTS));
    assertEquals(List.of("E2"), ids("event_id", "clickstream/event_date=2025-03-02/part-2025-03-03.parquet"));
    assertEquals(afterD2.get(DAY2_EVENTS), afterD3.get(DAY2_EVENTS), "day 2's events hold no key of day 3");
    try (Connection c = E2e.duck()) {
      assertEquals(List.of("E1 | 2025-03-01T09:00", "E2 | 2025-03-02T00:30", "E3 | 2025-03-02T10:00", "E4 | 2025-03-03T11:00"),
          E2e.lines(c, "SELECT event_id, event_ts FROM " + silver("clickstream")));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(3)
  void anExactReSendIsADuplicateAndItsFileKeepsItsBytes() {
    assertEquals(afterD2.get(DAY1_PAYMENTS), afterD3.get(DAY1_PAYMENTS));
    assertEquals(List.of("PAY1", "PAY2"), ids("payment_id", DAY1_PAYMENTS));
    com.fasterxml.jackson.databind.JsonNode payments = null;
    for (com.fasterxml.jackson.databind.JsonNode e : E2e.readJson(lake.resolve("_runs").resolve(D3).resolve("quality.json")).get("entities")) {
      if (e.get("entity").asText().equals("payments")) {
        payments = e;
      }
    }
    assertEquals(1, payments.get("duplicates").asInt(), String.valueOf(payments));
    assertEquals(0, payments.get("accepted").asInt(), String.valueOf(payments));
  }

  @Test
  @Order(10)
  void rerunningTheLastDayChangesNoSilverFile() {
    E2e.runOk(lake, D3, null);
    assertEquals(afterD3, UntouchedMonthTest.snapshot(lake.resolve("silver")));
  }

  private static String silver(String table) {
    return "read_parquet('" + lake.resolve("silver").resolve(table) + "/**/*.parquet', hive_partitioning=false)";
  }

  private static List<String> ids(String column, String file) {
    try (Connection c = E2e.duck()) {
      return E2e.lines(c, "SELECT " + column + " FROM read_parquet('" + lake.resolve("silver").resolve(file) + "')");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
