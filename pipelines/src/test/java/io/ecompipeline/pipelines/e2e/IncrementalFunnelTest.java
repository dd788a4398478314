package io.ecompipeline.pipelines.e2e;

import static io.ecompipeline.pipelines.generate.BronzeEntity.CLICKSTREAM;
import static io.ecompipeline.pipelines.generate.BronzeEntity.CUSTOMERS;
import static io.ecompipeline.pipelines.generate.BronzeEntity.PRODUCTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecompipeline.transforms.io.LakeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the first run, conversion_funnel_daily is corrected by the sessions a date touches
 * instead of rebuilt from the whole clickstream, and must be exactly the funnel a rebuild gives.
 * Three hand-written days: a session that spans midnight buys after it (its first event stays in a
 * file no key of the day touches), an event re-sent in another session (its old session vanishes),
 * a late event earlier than its session's first (the session moves to another date, month and
 * device), an exact re-send. A rebuild from silver, and a lake whose gold is one publish behind
 * its silver (a crash between the two), both give the corrected funnel byte for byte.
 */
class IncrementalFunnelTest {
  static final String D1 = "2025-03-01";
  static final String D2 = "2025-03-02";
  static final String D3 = "2025-03-03";
  static final String FUNNEL = "conversion_funnel_daily";

  @TempDir static Path tmp;
  static Path lake;
  static Map<String, String> funnelAfterD2;
  static Path goldAfterD1;
  static Path lakeAfterD2;

  @BeforeAll
  static void threeDays() {
    lake = tmp.resolve("lake");
    Bronze.csv(lake, CUSTOMERS, D1, "customers.csv",
        "C1,ana@example.com,Ana,Silva,+55 21 5555-0001,Rio de Janeiro,RJ,SE,BR,gold,2025-01-01T00:00:00Z");
    Bronze.csv(lake, PRODUCTS, D1, "products.csv", "P1,SKU-P1,Novel,books,fiction,Acme,40.00,20.00,true,2025-01-01T00:00:00Z");
    Bronze.jsonl(lake, CLICKSTREAM, D1, "clickstream.jsonl",
        Bronze.event("a1", "S1", null, "page_view", null, "/home", "2025-03-01T23:50:00Z", "desktop"),
        Bronze.event("b1", "S2", null, "product_view", "P1", "/p/1", "2025-03-01T10:00:00Z", "mobile"),
        Bronze.event("c1", "S3", null, "page_view", null, "/home", "2025-03-01T12:00:00Z", "tablet"));
    Bronze.jsonl(lake, CLICKSTREAM, D2, "clickstream.jsonl",
        Bronze.event("a2", "S1", null, "purchase", null, "/checkout", "2025-03-02T00:10:00Z", "desktop"),
        Bronze.event("c1", "S5", null, "page_view", null, "/home", "2025-03-01T12:00:00Z", "tablet"),
        Bronze.event("e1", "S6", null, "add_to_cart", "P1", "/cart", "2025-03-02T09:00:00Z", "mobile"));
    Bronze.jsonl(lake, CLICKSTREAM, D3, "clickstream.jsonl",
        Bronze.event("b0", "S2", null, "page_view", null, "/home", "2025-02-28T22:00:00Z", "desktop"),
        Bronze.event("a2", "S1", null, "purchase", null, "/checkout", "2025-03-02T00:10:00Z", "desktop"));

    E2e.runOk(lake, D1, null);
    assertEquals("rebuilt", builtAs(lake, D1));
    goldAfterD1 = tmp.resolve("gold-after-d1");
    E2e.copyTree(lake.resolve("gold"), goldAfterD1);
    E2e.runOk(lake, D2, null);
    assertEquals("corrected", builtAs(lake, D2));
    funnelAfterD2 = E2e.hashes(lake.resolve("gold").resolve(FUNNEL));
    lakeAfterD2 = tmp.resolve("lake-after-d2");
    E2e.copyTree(lake, lakeAfterD2);
    E2e.runOk(lake, D3, null);
    assertEquals("corrected", builtAs(lake, D3));
  }

  @Test
  void theCorrectedFunnelHoldsEachSessionOnceOnItsFirstEventsDateAndDevice() throws Exception {
    try (Connection c = E2e.duck()) {
      assertEquals(List.of(
              "20250228 desktop 1 1 0 0 0 0.0000",
              "20250301 desktop 1 0 0 0 1 1.0000",
              "20250301 tablet 1 0 0 0 0 0.0000",
              "20250302 mobile 1 0 1 0 0 0.0000"),
          E2e.lines(c, "SELECT date_key || ' ' || device || ' ' || sessions || ' ' || product_view_sessions || ' '"
              + " || add_to_cart_sessions || ' ' || checkout_sessions || ' ' || purchase_sessions || ' ' || conversion_rate"
              + " FROM " + E2e.gold(lake, FUNNEL) + " ORDER BY date_key, device"));
    }
  }

  @Test
  void aRebuildFromSilverGivesTheSameFiles() {
    Path rebuilt = day3AgainWithout("rebuilt", "gold/_lineage.json");
    assertEquals("rebuilt", builtAs(rebuilt, D3));
    assertEquals(E2e.hashes(lake.resolve("gold").resolve(FUNNEL)), E2e.hashes(rebuilt.resolve("gold").resolve(FUNNEL)));
  }

  @Test
  void goldOnePublishBehindItsSilverIsRebuiltNotCorrected() {
    // Silver after day 2 with gold after day 1: what a crash between publishing silver and gold
    // leaves. Correcting that gold by day 2's sessions would change nothing (silver holds them already).
    Path behind = tmp.resolve("behind");
    E2e.copyTree(lakeAfterD2, behind);
    delete(behind.resolve("gold"));
    E2e.copyTree(goldAfterD1, behind.resolve("gold"));
    E2e.runOk(behind, D2, null);
    assertEquals("rebuilt", builtAs(behind, D2));
    assertEquals(funnelAfterD2, E2e.hashes(behind.resolve("gold").resolve(FUNNEL)));
  }

  @Test
  void aSilverFileExpiredByTheLifecycleLeavesGoldInStepAndItsSessionsCounted() {
    // Silver expires after 365 days, gold after 5 years: an expired file is not a reason to
    // rebuild the funnel (a rebuild would drop its sessions from gold).
    Path expired = day3AgainWithout("expired", "silver/clickstream/event_date=2025-03-01/part-2025-03-01.parquet");
    assertEquals("corrected", builtAs(expired, D3));
    assertEquals(E2e.hashes(lake.resolve("gold").resolve(FUNNEL)), E2e.hashes(expired.resolve("gold").resolve(FUNNEL)));
  }

  /** A copy of the lake after day 3, less the file {@code removed}, with day 3 run again on it. */
  private static Path day3AgainWithout(String name, String removed) {
    Path copy = tmp.resolve(name);
    E2e.copyTree(lake, copy);
    delete(copy.resolve(removed));
    E2e.runOk(copy, D3, null);
    return copy;
  }

  private static String builtAs(Path lake, String date) {
    return E2e.readJson(lake.resolve("_runs").resolve(date).resolve("manifest.json")).path("gold_built").path(FUNNEL).asText();
  }

  private static void delete(Path p) {
    try {
      if (java.nio.file.Files.isDirectory(p)) {
        LakeFiles.deleteTree(p.toString());
      } else {
        LakeFiles.delete(p.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
