package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.io.Layouts;
import io.ecompipeline.transforms.io.WriteFiles;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.ColumnType;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalMergeTest {
  static final Table T = SilverTables.CLICKSTREAM;
  static final LocalDate D1 = LocalDate.of(2024, 3, 1);
  static final LocalDate D2 = LocalDate.of(2024, 3, 2);
  static final LocalDate D3 = LocalDate.of(2024, 3, 3);

  @TempDir Path tmp;

  static Row event(LocalDate day, long line, String id, String page, String ts) {
    return silver(T, day, "events.jsonl", line, "event_id", id, "session_id", "s-" + id, "event_type", "page_view",
        "page", page, "event_ts", ts);
  }

  static final Row E0 = event(D1, 1, "e0", "/home", "2024-02-29T23:00:00Z"); // a late event of the day before
  static final Row E1 = event(D1, 2, "e1", "/home", "2024-03-01T10:00:00Z");
  static final Row E2 = event(D1, 3, "e2", "/cart", "2024-03-01T11:00:00Z");
  static final Row E3 = event(D2, 1, "e3", "/home", "2024-03-02T09:00:00Z");

  /** Writes the previous silver files as a run does: one per partition and first-arrival date. */
  private String previous(List<Row> rows) {
    String dir = tmp.resolve("clickstream").toString();
    Pipeline p = Pipelines.create();
    p.apply(WriteFiles.create().parquet(T, dir, p.apply(Create.of(rows).withRowSchema(T.beamSchema()))
        .apply(WithKeys.of(Layouts.dateOfByArrival("event_date", "event_ts")).withKeyType(TypeDescriptors.strings()))));
    p.run().waitUntilFinish();
    return dir;
  }

  @Test
  void onlyTheFilesHoldingTodaysKeysAreReadBackAndRewritten() throws IOException {
    String dir = previous(List.of(E0, E1, E2, E3));
    assertThat(files(dir), contains("event_date=2024-02-29/part-2024-03-01.parquet",
        "event_date=2024-03-01/part-2024-03-01.parquet", "event_date=2024-03-02/part-2024-03-02.parquet"));
    Row e2Corrected = event(D3, 1, "e2", "/checkout", "2024-03-03T08:00:00Z"); // re-sent, moves to another date
    Row e3Again = event(D3, 2, "e3", "/home", "2024-03-02T09:00:00Z"); // an exact re-send
    Row e4 = event(D3, 3, "e4", "/home", "2024-03-03T09:00:00Z");

    Pipeline p = Pipelines.create();
    IncrementalMerge.Result merge = p.apply(Create.of(e2Corrected, e3Again, e4).withRowSchema(T.beamSchema()))
        .apply(IncrementalMerge.of(T, dir));
    // e1 shares its file with the superseded e2, so it is rewritten; e3 keeps its first arrival.
    PAssert.that(merge.rewritten()).containsInAnyOrder(E1, e2Corrected, E3, e4);
    PAssert.that(merge.table()).containsInAnyOrder(E0, E1, e2Corrected, E3, e4);
    PAssert.that(merge.replacedFiles()).containsInAnyOrder(
        "event_date=2024-03-01/part-2024-03-01.parquet", "event_date=2024-03-02/part-2024-03-02.parquet");
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.clickstream.accepted"), equalTo(2L));
    assertThat(c.get("silver.clickstream.duplicates"), equalTo(1L));
    // February's file holds e0 only, before today's least key (e2): its statistics suffice.
    assertThat(c.get(IncrementalMerge.filesOutsideTodaysKeys(T)), equalTo(1L));
  }

  @Test
  void aDayWithoutRowsReadsEveryFileAndRewritesNone() {
    String dir = previous(List.of(E0, E1, E3));
    Pipeline p = Pipelines.create();
    IncrementalMerge.Result merge = p.apply(Create.empty(T.beamSchema())).apply(IncrementalMerge.of(T, dir));
    PAssert.that(merge.rewritten()).empty();
    PAssert.that(merge.replacedFiles()).empty();
    PAssert.that(merge.table()).containsInAnyOrder(E0, E1, E3);
    p.run().waitUntilFinish();
  }

  @Test
  void theFirstRunHasNoFilesToReadBack() {
    Pipeline p = Pipelines.create();
    IncrementalMerge.Result merge = p.apply(Create.of(E1, E2).withRowSchema(T.beamSchema()))
        .apply(IncrementalMerge.of(T, tmp.resolve("nothing yet").toString()));
    PAssert.that(merge.rewritten()).containsInAnyOrder(E1, E2);
    PAssert.that(merge.replacedFiles()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void keysMustBeTextIntegersOrTimestamps() {
    Table byDate = Table.of("by_date", "a table keyed by a date", List.of("day"), List.of(Column.req("day", ColumnType.DATE, "a day")));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IncrementalMerge.of(byDate, "unused"));
  }

  static final Table H = SilverTables.CUSTOMERS_HISTORY;

  /** A version of a customer, as the history holds it. */
  static Row version(LocalDate day, long line, String id, String city, String updatedAt) {
    Row r = silver(SilverTables.CUSTOMERS, day, "customers.csv", line, "customer_id", id, "city", city, "region", "N",
        "country", "BR", "segment", "gold", "updated_at", updatedAt);
    return Row.withSchema(H.beamSchema()).attachValues(r.getValues());
  }

  @Test
  void aHistoryKeyedByATimestampFindsItsReSentVersionsInTheirFiles() {
    Row c1v1 = version(D1, 1, "c1", "Recife", "2024-01-05T10:00:00Z");
    Row c2v1 = version(D1, 2, "c2", "Natal", "2024-02-10T10:00:00Z");
    Row c1v2 = version(D2, 1, "c1", "Olinda", "2024-03-01T10:00:00Z");
    String dir = tmp.resolve("customers_history").toString();
    Pipeline write = Pipelines.create();
    write.apply(WriteFiles.create().parquet(H, dir, write.apply(Create.of(c1v1, c2v1, c1v2).withRowSchema(H.beamSchema()))
        .apply(WithKeys.of(Layouts.monthOfByArrival("updated_month", "updated_at")).withKeyType(TypeDescriptors.strings()))));
    write.run().waitUntilFinish();
    Row c2Again = version(D3, 1, "c2", "Natal", "2024-02-10T10:00:00Z"); // an exact re-send of a version of D1
    Row c3v1 = version(D3, 2, "c3", "Recife", "2024-03-03T10:00:00Z");

    Pipeline p = Pipelines.create();
    IncrementalMerge.Result merge = p.apply(Create.of(c2Again, c3v1).withRowSchema(H.beamSchema()))
        .apply(IncrementalMerge.of(H, dir).countingAs("customers"));
    // Only the file of the re-sent version is read back; the version keeps its first arrival.
    PAssert.that(merge.replacedFiles()).containsInAnyOrder("updated_month=2024-02/part-2024-03-01.parquet");
    PAssert.that(merge.rewritten()).containsInAnyOrder(c2v1, c3v1);
    PAssert.that(merge.table()).containsInAnyOrder(c1v1, c2v1, c1v2, c3v1);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(r);
    assertThat(c.get("silver.customers.accepted"), equalTo(1L));
    assertThat(c.get("silver.customers.duplicates"), equalTo(1L));
    assertThat(c.containsKey("silver.customers_history.accepted"), equalTo(false));
  }

  private static List<String> files(String dir) throws IOException {
    Path root = Path.of(dir);
    try (var s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
          .filter(f -> !f.startsWith(".") && !f.contains("/.")).sorted().toList();
    }
  }

}
