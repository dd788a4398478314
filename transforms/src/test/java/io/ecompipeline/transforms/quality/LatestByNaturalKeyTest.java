package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import io.ecompipeline.transforms.testing.Fx;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatestByNaturalKeyTest {
  static final LocalDate D1 = LocalDate.of(2024, 3, 1);
  static final LocalDate D2 = LocalDate.of(2024, 3, 2);
  static final Table C = SilverTables.CUSTOMERS;

  static Row customer(LocalDate day, String file, long line, String id, String email, String updatedAt) {
    return silver(C, day, file, line, "customer_id", id, "email", email, "region", "north", "country", "BR",
        "updated_at", updatedAt);
  }

  /** The merge of {@code t}, with or without the untouched previous rows passing the grouping by. */
  static LatestByNaturalKey merge(Table t, boolean untouchedPassThrough) {
    return untouchedPassThrough ? LatestByNaturalKey.of(t).passingUntouchedThrough() : LatestByNaturalKey.of(t);
  }

  @ParameterizedTest(name = "untouched previous rows passing through: {0}")
  @ValueSource(booleans = {false, true})
  void staleReSendDoesNotWinButALaterChangeDoes(boolean passThrough) {
    Row current = customer(D1, "a.csv", 2, "c1", "new@x", "2024-03-01T10:00:00Z");
    Row stale = customer(D2, "b.csv", 2, "c1", "old@x", "2024-02-01T10:00:00Z");
    Row olderC2 = customer(D1, "a.csv", 3, "c2", "c2@x", "2024-03-01T09:00:00Z");
    Row newerC2 = customer(D2, "b.csv", 3, "c2", "c2@new", "2024-03-01T11:00:00Z");
    Pipeline p = Pipelines.create();
    PCollection<Row> merged = Fx.create(p, "today", C, List.of(stale, newerC2))
        .apply(merge(C, passThrough).withPrevious(Fx.create(p, "previous", C, List.of(current, olderC2))));
    PAssert.that(merged).containsInAnyOrder(current, newerC2);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.customers.accepted"), equalTo(1L));
    assertThat(c.get("silver.customers.duplicates"), equalTo(1L));
  }

  @ParameterizedTest(name = "untouched previous rows passing through: {0}")
  @ValueSource(booleans = {false, true})
  void keysNotSeenTodayKeepTheirPreviousRowsAndCountNothing(boolean passThrough) {
    Row c1 = customer(D1, "a.csv", 2, "c1", "c1@x", "2024-03-01T10:00:00Z");
    Row c3 = customer(D1, "a.csv", 4, "c3", "c3@x", "2024-03-01T10:00:00Z");
    Row c1Again = customer(D2, "b.csv", 2, "c1", "c1@x", "2024-03-01T10:00:00Z");
    Row c4 = customer(D2, "b.csv", 3, "c4", "c4@x", "2024-03-02T10:00:00Z");
    Pipeline p = Pipelines.create();
    PCollection<Row> merged = Fx.create(p, "today", C, List.of(c1Again, c4))
        .apply(merge(C, passThrough).withPrevious(Fx.create(p, "previous", C, List.of(c1, c3))));
    PAssert.that(merged).containsInAnyOrder(c1, c3, c4);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.customers.accepted"), equalTo(1L));
    assertThat(c.get("silver.customers.duplicates"), equalTo(1L));
  }

  @Test
  void tieOnUpdatedAtGoesToTheLaterFileThenLine() {
    Row early = customer(D1, "a.csv", 9, "c1", "a@x", "2024-03-01T10:00:00Z");
    Row laterFile = customer(D1, "b.csv", 2, "c1", "b@x", "2024-03-01T10:00:00Z");
    Row laterLine = customer(D1, "b.csv", 3, "c1", "c@x", "2024-03-01T10:00:00Z");
    Pipeline p = Pipelines.create();
    PCollection<Row> merged = Fx.create(p, "today", C, List.of(laterLine, early, laterFile)).apply(LatestByNaturalKey.of(C));
    PAssert.that(merged).containsInAnyOrder(laterLine);
    p.run().waitUntilFinish();
  }

  @Test
  void exactDuplicateIsCountedAsDuplicateAndKeepsTheFirstArrival() {
    Table items = SilverTables.ORDER_ITEMS;
    Row first = silver(items, D1, "a.csv", 2, "order_id", "o1", "line_number", "1", "product_id", "p1", "quantity", "2",
        "unit_price", "3.00");
    Row again = silver(items, D1, "a.csv", 7, "order_id", "o1", "line_number", "1", "product_id", "p1", "quantity", "2",
        "unit_price", "3.00");
    Row nextDay = silver(items, D2, "z.csv", 2, "order_id", "o1", "line_number", "1", "product_id", "p1", "quantity", "2",
        "unit_price", "3.00");
    Pipeline p = Pipelines.create();
    PCollection<Row> day1 = Fx.create(p, "day1", items, List.of(again, first)).apply("merge day1", LatestByNaturalKey.of(items));
    PCollection<Row> day2 = Fx.create(p, "day2", items, List.of(nextDay))
        .apply("merge day2", LatestByNaturalKey.of(items).withPrevious(day1).countingAs("day2"));
    PAssert.that(day1).containsInAnyOrder(first);
    PAssert.that(day2).containsInAnyOrder(first);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.order_items.accepted"), equalTo(1L));
    assertThat(c.get("silver.order_items.duplicates"), equalTo(1L));
    assertThat(c.get("silver.day2.duplicates"), equalTo(1L));
    assertThat(c.getOrDefault("silver.day2.accepted", 0L), equalTo(0L));
  }

  @ParameterizedTest(name = "untouched previous rows passing through: {0}")
  @ValueSource(booleans = {false, true})
  void reMergingTheSameDayIsIdempotent(boolean passThrough) {
    Row prev = customer(D1, "a.csv", 2, "c1", "a@x", "2024-03-01T10:00:00Z");
    List<Row> today = List.of(
        customer(D2, "b.csv", 2, "c1", "b@x", "2024-03-02T10:00:00Z"),
        customer(D2, "b.csv", 3, "c2", "c2@x", "2024-03-02T10:00:00Z"),
        customer(D2, "b.csv", 4, "c2", "c2@x", "2024-03-02T10:00:00Z"),
        customer(D2, "b.csv", 5, "c3", "c3@x", "2024-01-02T10:00:00Z"));
    Pipeline p = Pipelines.create();
    PCollection<Row> first = Fx.create(p, "today", C, today)
        .apply("first run", merge(C, passThrough).withPrevious(Fx.create(p, "prev", C, List.of(prev))).countingAs("run1"));
    PCollection<Row> second = Fx.create(p, "today again", C, today)
        .apply("second run", merge(C, passThrough).withPrevious(first).countingAs("run2"));
    List<Row> expected = List.of(today.get(0), today.get(1), today.get(3));
    PAssert.that(first).containsInAnyOrder(expected);
    PAssert.that(second).containsInAnyOrder(expected);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.run1.accepted"), equalTo(3L));
    assertThat(c.get("silver.run2.accepted"), equalTo(3L));
    assertThat(c.get("silver.run1.duplicates"), equalTo(1L));
    assertThat(c.get("silver.run2.duplicates"), equalTo(1L));
  }

  @ParameterizedTest(name = "untouched previous rows passing through: {0}")
  @ValueSource(booleans = {false, true})
  void lateChangeEntersHistoryButNotLatest(boolean passThrough) {
    Table h = SilverTables.CUSTOMERS_HISTORY;
    Row v2 = customer(D1, "a.csv", 2, "c1", "v2@x", "2024-02-20T00:00:00Z");
    Row late = customer(D2, "b.csv", 2, "c1", "v1@x", "2024-02-10T00:00:00Z");
    Row resend = customer(D2, "b.csv", 3, "c1", "v2@x", "2024-02-20T00:00:00Z");
    Pipeline p = Pipelines.create();
    PCollection<Row> today = Fx.create(p, "today", C, List.of(late, resend));
    PCollection<Row> latest = today.apply("latest",
        merge(C, passThrough).withPrevious(Fx.create(p, "prev", C, List.of(v2))).withoutCounting());
    PCollection<Row> history = today.apply("history",
        merge(h, passThrough).withPrevious(Fx.create(p, "prevh", h, List.of(v2))).countingAs("customers"));
    PAssert.that(latest).containsInAnyOrder(v2);
    PAssert.that(history).containsInAnyOrder(v2, late);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.customers.accepted"), equalTo(1L));
    assertThat(c.get("silver.customers.duplicates"), equalTo(1L));
  }
}
