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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold facts and daily aggregates are partitioned by month so that a day's run rewrites only the
 * months its data touches (contract §1, §5): readers and the warehouse loader of an untouched month
 * see no change at all. A hand-written lake: ingest date 2025-02-01 brings orders of 2025-01-31 and
 * 2025-02-01; ingest date 2025-02-02 brings only February data (a new order, a status update, a
 * customer who moves on 02-02). The January files must keep their bytes, their mtime and their inode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UntouchedMonthTest {
  static final String D1 = "2025-02-01";
  static final String D2 = "2025-02-02";
  /** The month-partitioned gold tables (facts and daily aggregates, contract §1). */
  static final List<String> MONTHLY = List.of("fact_order_line", "fact_payment", "agg_daily_sales", "daily_kpis",
      "conversion_funnel_daily", "product_performance");

  @TempDir static Path tmp;
  static Path lake;
  static Map<String, FileState> afterD1;
  static Map<String, FileState> afterD2;

  /** A gold file as a reader sees it: its bytes, when it was last written, and which file it is. */
  record FileState(String sha256, long mtimeNanos, Object fileKey) {}

  @BeforeAll
  static void twoDays() {
    lake = tmp.resolve("lake");
    // Day 1: a January order (J1, 01-31) and a February one (F1, 02-01), with payments, a review, sessions.
    Bronze.csv(lake, CUSTOMERS, D1, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Rio de Janeiro,RJ,SE,BR,gold,2025-01-01T00:00:00Z",
        "C2,bia@example.com,Bia,Souza,+55 81 5555-0002,Recife,PE,NE,BR,,2025-01-01T00:00:00Z");
    Bronze.csv(lake, PRODUCTS, D1, "products.csv",
        "P1,SKU-P1,Novel,books,fiction,Acme,40.00,20.00,true,2025-01-01T00:00:00Z",
        "P2,SKU-P2,Puzzle,toys,puzzles,Fun,25.00,10.00,,2025-01-01T00:00:00Z");
    Bronze.csv(lake, ORDERS, D1, "orders.csv",
        "J1,C1,2025-01-31T15:00:00Z,delivered,web,BRL,5.00,2025-01-31T15:00:00Z",
        "F1,C2,2025-02-01T09:00:00Z,paid,mobile,BRL,0.00,2025-02-01T09:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D1, "order_items.csv",
        "J1,1,P1,1,40.00,0.00",
        "J1,2,P2,2,25.00,5.00",
        "F1,1,P2,1,25.00,");
    Bronze.csv(lake, PAYMENTS, D1, "payments.csv",
        "PJ1,J1,2025-01-31T15:05:00Z,credit_card,2,90.00,captured",
        "PF1,F1,2025-02-01T09:05:00Z,paypal,,25.00,captured");
    Bronze.csv(lake, REVIEWS, D1, "reviews.csv",
        "RJ1,J1,P1,C1,5,Loved it,2025-01-31T20:00:00Z");
    Bronze.jsonl(lake, CLICKSTREAM, D1, "clickstream.jsonl",
        Bronze.event("EJ1", "SJ", "C1", "product_view", "P1", "/p/P1", "2025-01-31T14:50:00Z", "desktop"),
        Bronze.event("EJ2", "SJ", "C1", "purchase", null, "/checkout", "2025-01-31T14:59:00Z", "desktop"),
        Bronze.event("EF1", "SF", "C2", "product_view", "P2", "/p/P2", "2025-02-01T08:55:00Z", "mobile"));
    // Day 2: February only. C1 moves on 02-02, which changes dim_customer but no January fact
    // (J1 was placed before the move and keeps C1's first version).
    Bronze.csv(lake, CUSTOMERS, D2, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Curitiba,PR,S,BR,gold,2025-02-02T07:00:00Z");
    Bronze.csv(lake, ORDERS, D2, "orders.csv",
        "F1,C2,2025-02-01T09:00:00Z,delivered,mobile,BRL,0.00,2025-02-02T08:00:00Z",
        "F2,C1,2025-02-02T10:00:00Z,paid,web,BRL,0.00,2025-02-02T10:00:00Z");
    Bronze.csv(lake, ORDER_ITEMS, D2, "order_items.csv",
        "F2,1,P1,3,40.00,0.00");
    Bronze.csv(lake, PAYMENTS, D2, "payments.csv",
        "PF2,F2,2025-02-02T10:05:00Z,debit_card,1,120.00,captured");
    Bronze.csv(lake, REVIEWS, D2, "reviews.csv",
        "RF2,F2,P1,C1,4,Fine,2025-02-02T18:00:00Z");
    Bronze.jsonl(lake, CLICKSTREAM, D2, "clickstream.jsonl",
        Bronze.event("EF2", "SF2", null, "page_view", null, "/home", "2025-02-02T09:50:00Z", "tablet"));
    // (no products folder on day 2: an entity with nothing delivered reads as empty)

    E2e.runOk(lake, D1, null);
    afterD1 = snapshot(lake.resolve("gold"));
    E2e.runOk(lake, D2, null);
    afterD2 = snapshot(lake.resolve("gold"));
  }

  @Test
  @Order(1)
  void januaryFilesOfFactsAndAggregatesAreNeitherChangedNorRewritten() {
    for (String t : MONTHLY) {
      Map<String, FileState> before = files(afterD1, t + "/month=2025-01/");
      Map<String, FileState> after = files(afterD2, t + "/month=2025-01/");
      assertFalse(before.isEmpty(), t + ": day 1 should have written January");
      assertEquals(before, after, t + ": January's files (bytes, mtime, inode) after a day that only touched February");
    }
  }

  @Test
  @Order(2)
  void februaryFilesChangeWhereTheDayTouchedThem() {
    for (String t : MONTHLY) {
      Map<String, FileState> before = files(afterD1, t + "/month=2025-02/");
      Map<String, FileState> after = files(afterD2, t + "/month=2025-02/");
      assertFalse(before.isEmpty(), t);
      assertNotEquals(hashesOf(before), hashesOf(after), t + ": February should have changed");
    }
    // One file per month: the month's file is replaced (new bytes, new mtime).
    for (String t : List.of("agg_daily_sales", "daily_kpis", "conversion_funnel_daily", "product_performance")) {
      FileState b = afterD1.get(t + "/month=2025-02/part-00000.parquet");
      FileState a = afterD2.get(t + "/month=2025-02/part-00000.parquet");
      assertNotEquals(b.sha256(), a.sha256(), t);
      assertNotEquals(b.mtimeNanos(), a.mtimeNanos(), t);
    }
    // Facts have one file per day: 02-01 changes only where its rows did (F1's status), 02-02 is new.
    assertNotEquals(afterD1.get("fact_order_line/month=2025-02/part-20250201.parquet").sha256(),
        afterD2.get("fact_order_line/month=2025-02/part-20250201.parquet").sha256(), "F1 is now delivered");
    assertTrue(afterD2.containsKey("fact_order_line/month=2025-02/part-20250202.parquet"));
    assertEquals(afterD1.get("fact_payment/month=2025-02/part-20250201.parquet"),
        afterD2.get("fact_payment/month=2025-02/part-20250201.parquet"), "no payment of 02-01 changed");
    assertTrue(afterD2.containsKey("fact_payment/month=2025-02/part-20250202.parquet"));
    // Whole tables change with the move and the new customer-month, but are single files.
    assertNotEquals(afterD1.get("dim_customer/part-00000.parquet").sha256(), afterD2.get("dim_customer/part-00000.parquet").sha256());
  }

  @Test
  @Order(3)
  void theRunManifestShowsJanuaryWasNotEvenRecomputed() {
    JsonNode manifest = E2e.readJson(lake.resolve("_runs").resolve(D2).resolve("manifest.json"));
    assertEquals("by_month", manifest.path("gold_built").path("fact_order_line").asText(), manifest.toString());
    assertEquals("[\"2025-02\"]", manifest.path("gold_touched_months").toString());
    JsonNode published = manifest.get("published");
    // agg_daily_sales holds one file per month: February written, January not staged at all.
    assertEquals(1, published.get("gold/agg_daily_sales").get("written").asInt(), published.toString());
    assertEquals(0, published.get("gold/agg_daily_sales").get("unchanged").asInt(), published.toString());
    assertEquals(0, published.get("gold/agg_daily_sales").get("deleted").asInt(), published.toString());
    // fact_order_line: 02-01 rewritten (F1's new status) and 02-02 new; 01-31 not staged.
    assertEquals(2, published.get("gold/fact_order_line").get("written").asInt(), published.toString());
    assertEquals(0, published.get("gold/fact_order_line").get("unchanged").asInt(), published.toString());
  }

  @Test
  @Order(10)
  void rerunningTheSameDateLeavesEveryGoldFileAsItWas() {
    E2e.runOk(lake, D2, null);
    Map<String, FileState> again = snapshot(lake.resolve("gold"));
    assertEquals(afterD2.keySet(), again.keySet(), "the same gold files");
    assertEquals(afterD2, again, "every gold file keeps its bytes, mtime and inode after re-running " + D2);
  }

  private static Map<String, FileState> files(Map<String, FileState> all, String prefix) {
    Map<String, FileState> m = new TreeMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        m.put(k, v);
      }
    });
    return m;
  }

  private static Map<String, String> hashesOf(Map<String, FileState> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((k, v) -> m.put(k, v.sha256()));
    return m;
  }

  /** Every file under {@code dir} (relative path, '/'-separated) with its hash, mtime and file key. */
  static Map<String, FileState> snapshot(Path dir) {
    Map<String, String> hashes = E2e.hashes(dir);
    Map<String, FileState> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        m.put(rel, new FileState(hashes.get(dir.relativize(p).toString()), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
            a.fileKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
