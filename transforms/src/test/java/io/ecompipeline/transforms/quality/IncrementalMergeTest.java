package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.io.Layouts;
import io.ecompipeline.transforms.io.WriteFiles;
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
  void keysMustBeTextOrIntegers() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> IncrementalMerge.of(SilverTables.CUSTOMERS_HISTORY, "unused"));
  }

  @Test
  void keyHashesFindEveryKeyCollectedOnce() {
    KeyHashes.Collect fn = new KeyHashes.Collect();
    long[] acc = fn.createAccumulator();
    for (int i = 0; i < 1000; i++) {
      acc = fn.addInput(acc, KeyHashes.hash("k" + i));
    }
    // every key collected twice (and an empty accumulator): the set holds each once
    KeyHashes set = fn.extractOutput(fn.mergeAccumulators(List.of(acc, fn.createAccumulator(), acc)));
    for (int i = 0; i < 1000; i++) {
      assertThat(set.mightContain("k" + i), equalTo(true));
    }
    assertThat(set.mightContain("k1000"), equalTo(false));
    assertThat(set.size(), equalTo(1000));
  }

  private static List<String> files(String dir) throws IOException {
    Path root = Path.of(dir);
    try (var s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
          .filter(f -> !f.startsWith(".") && !f.contains("/.")).sorted().toList();
    }
  }

}
