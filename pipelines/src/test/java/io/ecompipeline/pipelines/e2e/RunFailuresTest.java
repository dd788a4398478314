package io.ecompipeline.pipelines.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a run cannot or must not go through: exit codes, messages, an untouched lake. */
class RunFailuresTest {
  @TempDir static Path tmp;
  static Path lake;

  /** A clean two-day lake whose first day is published. */
  @BeforeAll
  static void firstDayPublished() {
    lake = tmp.resolve("lake");
    E2e.generate(lake, "2025-04-01", 2, 0.01, 0);
    E2e.runOk(lake, "2025-04-01", null);
  }

  @Test
  void rejectRateAboveFivePercentFailsTheGateAndPublishesNothing() {
    Path bad = tmp.resolve("bad-lake");
    E2e.copyTree(lake, bad);
    // 40 orders whose status is not in the domain: invalid_enum, next to ~100 good ones
    StringBuilder csv = new StringBuilder("order_id,customer_id,order_ts,status,channel,currency,shipping_amount,updated_at\n");
    for (int i = 0; i < 40; i++) {
      csv.append("BAD-").append(i).append(",C000001,2025-04-02T10:00:00Z,teleported,web,BRL,0.00,2025-04-02T10:00:00Z\n");
    }
    E2e.write(bad.resolve("bronze/orders/ingest_date=2025-04-02/orders_bad.csv"), csv.toString());
    Map<String, String> silver = E2e.hashes(bad.resolve("silver"));
    Map<String, String> gold = E2e.hashes(bad.resolve("gold"));
    Map<String, String> quarantine = E2e.hashes(bad.resolve("quarantine"));

    E2e.Result r = E2e.run(bad, "2025-04-02", null);

    assertEquals(3, r.code(), r.all());
    assertThat(r.err(), containsString("quality gate failed"));
    assertThat(r.err(), containsString("orders"));
    JsonNode orders = null;
    for (JsonNode e : E2e.readJson(bad.resolve("_runs/2025-04-02/quality.json")).get("entities")) {
      if (e.get("entity").asText().equals("orders")) {
        orders = e;
      }
    }
    assertEquals(40, orders.get("quarantined_by_rule").get("invalid_enum").asLong());
    double rate = orders.get("reject_rate").asDouble();
    assertTrue(rate > 0.05, "reject rate " + rate);
    // the message gives the rate as a percentage, e.g. "28.37%"
    String percent = String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * orders.get("quarantined").asLong() / orders.get("read").asLong());
    assertThat(r.err(), containsString(percent));
    assertThat(r.err(), not(containsString("Exception")));
    assertEquals(silver, E2e.hashes(bad.resolve("silver")), "silver untouched");
    assertEquals(gold, E2e.hashes(bad.resolve("gold")), "gold untouched");
    assertEquals(quarantine, E2e.hashes(bad.resolve("quarantine")), "quarantine untouched");
    assertTrue(Files.notExists(bad.resolve("_staging")) || E2e.hashes(bad.resolve("_staging")).isEmpty(), "staging left behind");
    assertEquals("failed", E2e.readJson(bad.resolve("_runs/2025-04-02/manifest.json")).get("outcome").asText());
  }

  @Test
  void runWithoutADateIsAUsageError() {
    E2e.Result r = E2e.cli("run", "--lake", lake.toString(), "--no-load");
    assertEquals(2, r.code(), r.all());
    assertThat(r.err(), containsString("--date"));
  }

  @Test
  void anImpossibleDateIsAUsageError() {
    E2e.Result r = E2e.cli("run", "--lake", lake.toString(), "--date", "2025-13-01", "--no-load");
    assertEquals(2, r.code(), r.all());
    assertThat(r.err(), containsString("2025-13-01"));
  }

  @Test
  void aWarehouseThatIsDownFailsTheLoadAfterGoldIsPublished() {
    Path copy = tmp.resolve("down-lake");
    E2e.copyTree(lake, copy);
    Map<String, String> before = E2e.hashes(copy.resolve("gold"));

    E2e.Result r = E2e.run(copy, "2025-04-02", "jdbc:postgresql://127.0.0.1:1/x");

    assertEquals(4, r.code(), r.all());
    assertThat(r.err(), containsString("warehouse load failed"));
    assertThat(r.err(), containsString("127.0.0.1:1"));
    assertThat(r.err(), matchesPattern("(?s).*(refused|Connection|connect).*"));
    assertThat(r.err(), not(containsString("\tat ")));
    Map<String, String> after = E2e.hashes(copy.resolve("gold"));
    assertNotEquals(before, after, "day 2's gold is published although the load failed");
    assertTrue(after.keySet().stream().anyMatch(f -> f.contains("part-20250402")), after.keySet().toString());
    assertTrue(Files.exists(copy.resolve("_runs/_pending_load.json")), "the months to load are remembered");
  }

  @Test
  void sparkRunnerMissingFromTheClasspathSaysSo() {
    E2e.Result r = E2e.cli("run", "--lake", lake.toString(), "--date", "2025-04-02", "--runner", "spark", "--no-load");
    assertNotEquals(0, r.code(), r.all());
    assertThat(r.err(), containsString("spark runner is not in this build"));
    assertThat(r.err(), not(containsString("\tat ")));
  }
}
