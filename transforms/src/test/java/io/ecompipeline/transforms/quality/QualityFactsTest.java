package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class QualityFactsTest {
  @Test
  void orderTotalsSumEachOrdersLinesAndQuantitiesKeepEveryLine() {
    List<Row> lines = new ArrayList<>();
    // ten orders of three lines of 1 × 10.00 (total 30.00), and o9's third line of 100 × 10.00
    for (int o = 0; o < 10; o++) {
      for (int l = 1; l <= 3; l++) {
        lines.add(Fx.line("o" + o, l, "P1", o == 9 && l == 3 ? 100 : 1, "10.00", "0.00"));
      }
    }
    Pipeline p = Fx.pipeline();
    PAssert.that(PBegin.in(p).apply(QualityFacts.of(QualityRules.defaults(),
            Map.of(SilverTables.ORDER_ITEMS, Fx.create(p, SilverTables.ORDER_ITEMS, lines)))))
        .satisfies(it -> {
          Map<String, String> facts = new HashMap<>();
          it.forEach(kv -> facts.put(kv.getKey(), kv.getValue()));
          assertThat(facts.get("outlier.orders.order_total.count"), equalTo("10"));
          assertThat(facts.get("outlier.orders.order_total.median"), equalTo("30"));
          assertThat(facts.get("outlier.orders.order_total.examples"), equalTo("o9=1020.00"));
          assertThat(facts.get("outlier.order_items.quantity.count"), equalTo("30"));
          assertThat(facts.get("outlier.order_items.quantity.examples"), equalTo("o9/3=100"));
          return null;
        });
    p.run().waitUntilFinish();
  }

  @Test
  void theScanSumsALabelsValuesFromEveryBundleWhenTheMeasureSaysSo() {
    List<List<KV<String, BigDecimal>>> bundles = List.of(
        List.of(KV.of("o1", new BigDecimal("10.00")), KV.of("o2", new BigDecimal("5.00"))),
        List.of(KV.of("o1", new BigDecimal("2.50"))));
    assertThat(scanned(bundles, true).get("outlier.orders.order_total.median"), equalTo("8.75")); // (12.50 + 5.00) / 2
    assertThat(scanned(bundles, false).get("outlier.orders.order_total.count"), equalTo("3"));
  }

  private static Map<String, String> scanned(List<List<KV<String, BigDecimal>>> bundles, boolean summed) {
    Map<String, String> facts = new HashMap<>();
    new QualityFacts.ScanOutliers(5.0, 5, summed).process(KV.of("outlier.orders.order_total", bundles), new DoFn.OutputReceiver<>() {
      @Override
      public void output(KV<String, String> kv) {
        facts.put(kv.getKey(), kv.getValue());
      }

      @Override
      public void outputWithTimestamp(KV<String, String> kv, Instant timestamp) {
        output(kv);
      }
    });
    return facts;
  }
}
