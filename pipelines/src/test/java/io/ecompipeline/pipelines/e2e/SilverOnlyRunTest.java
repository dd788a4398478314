package io.ecompipeline.pipelines.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --silver-only}: a date goes bronze → silver (quarantine, quality report and gates as
 * usual) and gold and the warehouse stay as they were. A dirty three-day lake runs day 2 silver
 * only, next to a copy that runs every day in full: day 2's silver is the same on both, and the
 * next full run (day 3) finds gold out of step with silver, rebuilds it whole, and ends with the
 * same gold as the copy.
 */
class SilverOnlyRunTest {
  static final String D1 = "2025-05-01";
  static final String D2 = "2025-05-02";
  static final String D3 = "2025-05-03";

  @TempDir static Path tmp;
  static Path lake;
  static Path full;
  static Map<String, String> goldAfterD1;
  static Map<String, String> goldAfterSilverOnly;
  static E2e.Result silverOnly;
  static E2e.Result fullD2;

  @BeforeAll
  static void threeDaysBothWays() {
    lake = tmp.resolve("lake");
    full = tmp.resolve("full");
    E2e.generate(lake, D1, 3, 0.01, 0.01);
    E2e.runOk(lake, D1, null);
    E2e.copyTree(lake, full);
    goldAfterD1 = E2e.hashes(lake.resolve("gold"));

    silverOnly = E2e.cli("run", "--lake", lake.toString(), "--date", D2, "--runner", E2e.RUNNER, "--silver-only",
        "--warehouse", "jdbc:duckdb:" + tmp.resolve("never-written.duckdb"));
    goldAfterSilverOnly = E2e.hashes(lake.resolve("gold"));
    fullD2 = E2e.runOk(full, D2, null);

    E2e.runOk(lake, D3, null);
    E2e.runOk(full, D3, null);
  }

  @Test
  void aSilverOnlyRunPublishesSilverAndLeavesGoldAndTheWarehouseAlone() {
    assertEquals(0, silverOnly.code(), silverOnly.all());
    assertEquals(goldAfterD1, goldAfterSilverOnly, "gold (and its lineage record) untouched");
    assertFalse(Files.exists(tmp.resolve("never-written.duckdb")), "the warehouse is not loaded");
    assertThat(silverOnly.out(), containsString("gold        not built (--silver-only)"));
    assertThat(silverOnly.out(), containsString("warehouse   not loaded"));
    JsonNode manifest = E2e.readJson(lake.resolve("_runs/" + D2 + "/manifest.json"));
    assertEquals("succeeded", manifest.get("outcome").asText());
    assertEquals("not built (--silver-only)", manifest.get("gold_built").asText());
    List<String> stages = new ArrayList<>();
    manifest.get("stages").forEach(s -> stages.add(s.get("name").asText()));
    assertEquals(List.of("transform", "quality", "publish"), stages, "no load stage");
    assertTrue(Files.exists(lake.resolve("_runs/" + D2 + "/quality.json")));
    assertTrue(Files.isDirectory(lake.resolve("silver/clickstream/event_date=" + D2)), "day 2's silver published");
    assertFalse(E2e.hashes(lake.resolve("quarantine")).keySet().stream().filter(f -> f.contains("ingest_date=" + D2)).toList().isEmpty(),
        "day 2's quarantine published (the lake is dirty)");
    assertTrue(Files.notExists(lake.resolve("_staging")) || E2e.hashes(lake.resolve("_staging")).isEmpty(), "staging left behind");
  }

  @Test
  void itsSilverIsTheSilverOfAFullRun() {
    // The lakes' silver files differ in their lineage column (each names its own lake's bronze
    // path), so the comparison is by what the summary counts: bronze accounting and rows per table.
    assertEquals(summaryLine(fullD2, "  bronze "), summaryLine(silverOnly, "  bronze "));
    assertEquals(summaryLine(fullD2, "  silver "), summaryLine(silverOnly, "  silver "));
    assertEquals(E2e.hashes(full.resolve("quarantine")).keySet(), E2e.hashes(lake.resolve("quarantine")).keySet());
  }

  @Test
  void theNextFullRunRebuildsGoldWholeAndCatchesUp() {
    JsonNode built = E2e.readJson(lake.resolve("_runs/" + D3 + "/manifest.json")).get("gold_built");
    assertEquals("rebuilt", built.get("conversion_funnel_daily").asText(), built.toString());
    assertEquals("rebuilt", built.get("fact_order_line").asText(), built.toString());
    Map<String, String> gold = withoutLineageRecord(E2e.hashes(lake.resolve("gold")));
    assertEquals(withoutLineageRecord(E2e.hashes(full.resolve("gold"))), gold);
    assertNotEquals(withoutLineageRecord(goldAfterD1), gold, "day 3 changed gold");
  }

  @Test
  void silverOnlyWithAFullLoadIsAUsageError() {
    E2e.Result r = E2e.cli("run", "--lake", lake.toString(), "--date", D3, "--silver-only", "--full-load");
    assertEquals(2, r.code(), r.all());
    assertThat(r.err(), containsString("--full-load loads gold, which --silver-only does not build"));
  }

  private static String summaryLine(E2e.Result r, String prefix) {
    return r.out().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + r.out()));
  }

  private static Map<String, String> withoutLineageRecord(Map<String, String> gold) {
    Map<String, String> m = new TreeMap<>(gold);
    m.remove("_lineage.json");
    return m;
  }
}
