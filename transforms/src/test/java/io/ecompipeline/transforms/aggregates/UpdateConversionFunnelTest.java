package io.ecompipeline.transforms.aggregates;

import static io.ecompipeline.transforms.aggregates.AggregateConversionFunnelTest.funnel;
import static io.ecompipeline.transforms.testing.Fx.event;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class UpdateConversionFunnelTest {
  // A session no event of today touches.
  static final List<Row> UNTOUCHED = List.of(event("u1", "S2", "purchase", "2024-03-01T08:00:00Z", "mobile"));
  // The touched sessions as silver held them: S1 spans midnight, S3 holds c1, S7 is the only session of Feb 29.
  static final List<Row> BEFORE = List.of(
      event("a1", "S1", "page_view", "2024-03-01T23:50:00Z", "desktop"),
      event("a2", "S1", "product_view", "2024-03-02T00:10:00Z", "desktop"),
      event("c1", "S3", "page_view", "2024-03-01T12:00:00Z", "desktop"),
      event("g1", "S7", "page_view", "2024-02-29T10:00:00Z", "desktop"));
  // And after the day: S1 buys after midnight, c1 moved to S5 on another date and device, S6 is
  // new, g1 was corrected to March 2 (February 29 has no session left).
  static final List<Row> AFTER = List.of(
      event("a1", "S1", "page_view", "2024-03-01T23:50:00Z", "desktop"),
      event("a2", "S1", "product_view", "2024-03-02T00:10:00Z", "desktop"),
      event("a3", "S1", "purchase", "2024-03-02T00:20:00Z", "desktop"),
      event("c1", "S5", "page_view", "2024-03-02T12:00:00Z", "tablet"),
      event("e1", "S6", "add_to_cart", "2024-03-02T13:00:00Z", "mobile"),
      event("g1", "S7", "page_view", "2024-03-02T09:00:00Z", "desktop"));
  static final Row[] EXPECTED = {
      funnel(20240301, "desktop", 1, 1, 0, 0, 1, "1.0000"),
      funnel(20240301, "mobile", 1, 0, 0, 0, 1, "1.0000"),
      funnel(20240302, "desktop", 1, 0, 0, 0, 0, "0.0000"),
      funnel(20240302, "tablet", 1, 0, 0, 0, 0, "0.0000"),
      funnel(20240302, "mobile", 1, 0, 1, 0, 0, "0.0000")};

  @Test
  void theSessionsTouchedMoveBetweenDatesAndDevicesAsAFullRebuildWouldHaveThem() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> previous = Fx.create(p, "Clickstream before", SilverTables.CLICKSTREAM, concat(UNTOUCHED, BEFORE))
        .apply("Funnel before", AggregateConversionFunnel.create());
    PAssert.that(update(p, previous)).containsInAnyOrder(EXPECTED);
    PAssert.that(Fx.create(p, "Clickstream after", SilverTables.CLICKSTREAM, concat(UNTOUCHED, AFTER))
        .apply("Funnel after", AggregateConversionFunnel.create())).containsInAnyOrder(EXPECTED);
    p.run().waitUntilFinish();
  }

  @Test
  void aFunnelThatDoesNotHoldTheSessionsItIsToldAboutFailsTheRun() {
    Pipeline p = Fx.pipeline();
    update(p, Fx.create(p, "No funnel", GoldTables.CONVERSION_FUNNEL_DAILY, List.of()));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    assertThat(String.valueOf(e.getMessage()) + e.getCause(), containsString("would fall below zero"));
  }

  private static PCollection<Row> update(Pipeline p, PCollection<Row> previous) {
    return PCollectionTuple.of(UpdateConversionFunnel.PREVIOUS, previous)
        .and(UpdateConversionFunnel.BEFORE, Fx.create(p, "Before", SilverTables.CLICKSTREAM, BEFORE))
        .and(UpdateConversionFunnel.AFTER, Fx.create(p, "After", SilverTables.CLICKSTREAM, AFTER))
        .apply(UpdateConversionFunnel.create());
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
