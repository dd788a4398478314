package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ecompipeline.transforms.schema.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class QualitySummaryTest {
  static final LocalDate RUN = LocalDate.of(2024, 3, 2);
  static final QualityRules RULES = QualityRules.defaults();

  static Map<String, Long> counters() {
    Map<String, Long> c = new HashMap<>();
    c.put("silver.orders.read", 800L);
    c.put("silver.orders.accepted", 730L);
    c.put("silver.orders.duplicates", 10L);
    c.put("silver.orders.quarantined", 60L);
    c.put("silver.orders.quarantined.invalid_enum", 40L);
    c.put("silver.orders.quarantined.out_of_range", 20L);
    c.put("silver.orders.orphan_customer", 3L);
    c.put("silver.order_items.read", 100L);
    c.put("silver.order_items.accepted", 99L);
    c.put("silver.order_items.quarantined", 1L);
    c.put("silver.order_items.quarantined.malformed_record", 1L);
    c.put("silver.order_items.pending", 4L);
    c.put("silver.customers.read", 10L);
    c.put("silver.customers.accepted", 10L);
    c.put(SilverCounters.newest("orders"), micros("2024-03-02T10:00:00Z"));
    c.put(SilverCounters.newest("customers"), micros("2024-02-20T10:00:00Z"));
    return c;
  }

  static long micros(String instant) {
    return Table.epochMicros(Instant.parse(instant));
  }

  static Map<String, String> facts() {
    Map<String, String> f = new HashMap<>();
    f.put("outlier.orders.order_total.count", "9");
    f.put("outlier.orders.order_total.median", "30");
    f.put("outlier.orders.order_total.mad", "2");
    f.put("outlier.orders.order_total.outliers", "1");
    f.put("outlier.orders.order_total.examples", "o9=9999.00");
    return f;
  }

  @Test
  void rejectRateAboveThresholdFailsWithRateThresholdAndTopRules() {
    QualitySummary s = QualitySummary.of(RUN, counters(), facts(), RULES);
    List<QualityGates.Finding> failures = QualityGates.evaluate(s, RULES);
    assertThat(failures, hasSize(1));
    assertThat(failures.get(0).message(), equalTo("orders: reject rate 7.50% exceeds 5.00% (invalid_enum 40, out_of_range 20)"));
  }

  @Test
  void freshnessAndOutliersAreWarnings() {
    QualitySummary s = QualitySummary.of(RUN, counters(), facts(), RULES);
    List<String> warnings = QualityGates.warnings(s, RULES).stream().map(QualityGates.Finding::message).toList();
    assertThat(warnings.stream().anyMatch(w -> w.startsWith("customers: newest updated_at 2024-02-20T10:00:00Z is older than 24 h")),
        equalTo(true));
    assertThat(warnings.stream().anyMatch(w -> w.startsWith("orders: newest")), equalTo(false));
    assertThat(warnings.stream().anyMatch(w -> w.startsWith("reviews: no valid records today")), equalTo(true));
    assertThat(warnings.stream().anyMatch(w -> w.startsWith("orders.order_total: 1 outlier of 9") && w.endsWith("o9=9999.00")),
        equalTo(true));
  }

  @Test
  void brokenAccountingFailsTheRun() {
    Map<String, Long> c = counters();
    c.put("silver.customers.accepted", 9L);
    QualitySummary s = QualitySummary.of(RUN, c, facts(), RULES);
    assertThat(s.identityHolds("customers"), equalTo(false));
    assertThat(s.identityHolds("orders"), equalTo(true));
    assertThat(QualityGates.evaluate(s, RULES).stream().anyMatch(f -> f.message().contains("row accounting broken")),
        equalTo(true));
  }

  @Test
  void jsonAndHtmlCarryTheNumbersAndHighlightProblems() {
    QualitySummary s = QualitySummary.of(RUN, counters(), facts(), RULES);
    String json = s.toJson();
    assertThat(json, containsString("\"run_date\" : \"2024-03-02\""));
    assertThat(json, containsString("\"passed\" : false"));
    assertThat(json, containsString("\"invalid_enum\" : 40"));
    assertThat(json, containsString("\"orphan_customer\" : 3"));
    assertThat(json, containsString("\"pending\" : 4"));
    String html = s.toHtml();
    assertThat(html, containsString("<h2>orders</h2>"));
    assertThat(html, containsString("Gates: FAILED"));
    assertThat(html, containsString("<tr class=\"fail\"><th>reject rate (threshold 5.00%)</th><td class=\"n\">7.50%</td></tr>"));
    assertThat(html, containsString("class=\"warn\""));
    assertThat(html, containsString("o9=9999.00"));
  }

  @Test
  void aCleanRunPasses() {
    Map<String, Long> c = new HashMap<>(Map.of("silver.orders.read", 2L, "silver.orders.accepted", 2L));
    for (String e : List.of("customers", "products", "orders", "payments", "reviews", "clickstream")) {
      c.put(SilverCounters.newest(e), micros("2024-03-01T23:00:00Z"));
    }
    QualitySummary s = QualitySummary.of(RUN, c, new HashMap<>(), RULES);
    assertThat(QualityGates.evaluate(s, RULES), empty());
    assertThat(QualityGates.warnings(s, RULES), empty());
    assertThat(s.toHtml(), containsString("Gates: passed"));
  }

  @Test
  void madScanFlagsOnlyTheExtremeOrderTotal() {
    List<KV<String, BigDecimal>> totals = new ArrayList<>();
    String[] values = {"30.00", "31.00", "29.00", "32.00", "28.00", "30.00", "33.00", "27.00", "9999.00"};
    for (int i = 0; i < values.length; i++) {
      totals.add(KV.of("o" + (i + 1), new BigDecimal(values[i])));
    }
    Map<String, String> facts = QualityFacts.scan(totals, 5.0, 5);
    assertThat(facts.get("count"), equalTo("9"));
    assertThat(facts.get("median"), equalTo("30"));
    assertThat(facts.get("mad"), equalTo("2"));
    assertThat(facts.get("outliers"), equalTo("1"));
    assertThat(facts.get("examples"), equalTo("o9=9999.00"));
  }

  @Test
  void whenMostQuantitiesAreEqualTheMeanDeviationStillFindsTheOutlier() {
    List<KV<String, BigDecimal>> q = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      q.add(KV.of("o" + i + "/1", BigDecimal.ONE));
    }
    q.add(KV.of("o99/1", new BigDecimal("500")));
    Map<String, String> facts = QualityFacts.scan(q, 5.0, 5);
    assertThat(facts.get("mad"), equalTo("0"));
    assertThat(facts.get("examples"), equalTo("o99/1=500"));
  }
}
