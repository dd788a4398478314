package io.ecompipeline.transforms.aggregates;

import static io.ecompipeline.transforms.schema.GoldTables.CONVERSION_FUNNEL_DAILY;
import static io.ecompipeline.transforms.testing.Fx.event;
import static io.ecompipeline.transforms.testing.Fx.rate;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import io.ecompipeline.transforms.util.MergePerBundle;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class AggregateConversionFunnelTest {
  static Row funnel(int date, String device, long sessions, long views, long carts, long checkouts, long purchases,
      String conversion) {
    return CONVERSION_FUNNEL_DAILY.row()
        .addValues(date, device, sessions, views, carts, checkouts, purchases, rate(conversion))
        .build();
  }

  static final List<Row> EVENTS = List.of(
      event("e1", "S1", "page_view", "2025-03-01T23:50:00Z", "desktop"),
      event("e2", "S1", "product_view", "2025-03-02T00:05:00Z", "desktop"),
      event("e3", "S1", "add_to_cart", "2025-03-02T00:10:00Z", "mobile"),
      event("e4", "S1", "checkout_start", "2025-03-02T00:15:00Z", "desktop"),
      event("e5", "S1", "purchase", "2025-03-02T00:20:00Z", "desktop"),
      event("e6", "S2", "product_view", "2025-03-02T10:00:00Z", "mobile"),
      event("e7", "S2", "add_to_cart", "2025-03-02T10:05:00Z", "mobile"),
      event("e8", "S5", "page_view", "2025-03-02T10:00:00Z", "mobile"),
      event("e9", "S6", "purchase", "2025-03-02T10:00:00Z", "mobile"),
      event("e10", "S3", "page_view", "2025-03-02T11:00:00Z", null),
      // Same instant: the earliest event_id (e11a) gives the device.
      event("e11b", "S4", "purchase", "2025-03-02T12:00:00Z", "mobile"),
      event("e11a", "S4", "page_view", "2025-03-02T12:00:00Z", "tablet"));

  @Test
  void sessionSpanningMidnightCountsOnItsFirstEventsDateAndDevice() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> clickstream = Fx.create(p, SilverTables.CLICKSTREAM, EVENTS);
    PAssert.that(clickstream.apply(AggregateConversionFunnel.create()))
        .containsInAnyOrder(
            funnel(20250301, "desktop", 1, 1, 1, 1, 1, "1.0000"),
            funnel(20250302, "mobile", 3, 1, 1, 0, 1, "0.3333"),
            funnel(20250302, "unknown", 1, 0, 0, 0, 0, "0.0000"),
            funnel(20250302, "tablet", 1, 0, 0, 0, 1, "1.0000"));
    p.run().waitUntilFinish();
  }

  @Test
  void eventsOutsideTheGlobalWindowAreRefused() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> windowed = Fx.create(p, SilverTables.CLICKSTREAM, EVENTS)
        .apply(Window.into(FixedWindows.of(Duration.standardDays(1))));
    assertThrows(IllegalArgumentException.class, () -> windowed.apply(AggregateConversionFunnel.create()));
  }

  private static KV<String, AggregateConversionFunnel.SessionSummary> summary(String session, String firstTs, String firstId,
      String device, int steps) {
    return KV.of(session, new AggregateConversionFunnel.SessionSummary(Instant.parse(firstTs).toEpochMilli() * 1000, firstId, device, steps));
  }

  @Test
  void sessionsMergedWithinABundleAreTheSameWhenItsMapIsFlushedEarly() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> events = Fx.create(p, SilverTables.CLICKSTREAM, EVENTS);
    for (int bound : new int[] {1, 2, MergePerBundle.MAX_KEYS}) {
      PCollection<KV<String, AggregateConversionFunnel.SessionSummary>> sessions = events
          .apply("Per bundle, at most " + bound, ParDo.of(AggregateConversionFunnel.summariesPerBundle(bound)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), AggregateConversionFunnel.SessionSummary.CODER))
          .apply("Merged, at most " + bound, Combine.perKey(AggregateConversionFunnel.SessionSummary::merge));
      PAssert.that(sessions).containsInAnyOrder(
          summary("S1", "2025-03-01T23:50:00Z", "e1", "desktop", 15),
          summary("S2", "2025-03-02T10:00:00Z", "e6", "mobile", 3),
          summary("S5", "2025-03-02T10:00:00Z", "e8", "mobile", 0),
          summary("S6", "2025-03-02T10:00:00Z", "e9", "mobile", 8),
          summary("S3", "2025-03-02T11:00:00Z", "e10", null, 0),
          summary("S4", "2025-03-02T12:00:00Z", "e11a", "tablet", 8));
    }
    p.run().waitUntilFinish();
  }
}
