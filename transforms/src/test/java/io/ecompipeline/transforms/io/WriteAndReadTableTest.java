package io.ecompipeline.transforms.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAndReadTableTest {
  private static final Table FACT = GoldTables.FACT_ORDER_LINE;

  @TempDir Path tmp;

  private static Row line(String order, int line, int dateKey, String ts, String price) {
    return FACT.row()
        .withFieldValue("order_id", order)
        .withFieldValue("line_number", line)
        .withFieldValue("order_date_key", dateKey)
        .withFieldValue("order_ts", Instant.parse(ts))
        .withFieldValue("customer_key", -1L)
        .withFieldValue("product_key", 42L)
        .withFieldValue("customer_id", "c1")
        .withFieldValue("product_id", "p1")
        .withFieldValue("quantity", 2)
        .withFieldValue("unit_price", new BigDecimal(price))
        .withFieldValue("discount_amount", new BigDecimal("0.00"))
        .withFieldValue("line_total", new BigDecimal(price).multiply(BigDecimal.valueOf(2)))
        .withFieldValue("order_status", "paid")
        .withFieldValue("channel", null)
        .withFieldValue("currency", "BRL")
        .build();
  }

  private static final List<Row> ROWS =
      List.of(
          line("o2", 1, 20250103, "2025-01-03T23:59:59.123456Z", "1234567890123456.78"),
          line("o1", 2, 20250103, "2025-01-03T10:00:00Z", "0.01"),
          line("o1", 1, 20250103, "2025-01-03T10:00:00Z", "19.90"),
          line("o3", 1, 20250201, "2025-02-01T00:00:00Z", "5.00"));

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  private void write(String dir) {
    Pipeline p = pipeline();
    p.apply(WriteFiles.create().parquet(FACT, dir,
        p.apply(Create.of(ROWS).withRowSchema(FACT.beamSchema()))
            .apply(WithKeys.of(Layouts.monthOfDateKey("order_date_key", true)).withKeyType(TypeDescriptors.strings()))));
    p.run().waitUntilFinish();
  }

  @Test
  void rowsSurviveParquetExactlyIncludingDecimalsMicrosAndNulls() {
    String dir = tmp.resolve("fact").toString();
    write(dir);
    Pipeline p = pipeline();
    PAssert.that(p.apply(ReadTable.of(FACT, dir))).containsInAnyOrder(ROWS);
    p.run().waitUntilFinish();
  }

  @Test
  void sameRowsGiveByteIdenticalFilesPartitionedByMonthAndDay() throws IOException {
    write(tmp.resolve("a").toString());
    write(tmp.resolve("b").toString());
    List<String> files = relativeFiles(tmp.resolve("a"));
    assertThat(files, contains("month=2025-01/part-20250103.parquet", "month=2025-02/part-20250201.parquet"));
    for (String f : files) {
      assertThat(f, Files.readAllBytes(tmp.resolve("a").resolve(f)), equalTo(Files.readAllBytes(tmp.resolve("b").resolve(f))));
    }
  }

  /**
   * A file bigger than one chunk is merged from chunks sorted apart (and, on the DirectRunner,
   * encoded in several bundles): it is the file the whole sorted list gives, whatever order the
   * rows came in.
   */
  @Test
  void aFileOfManyChunksIsTheFileOfAllItsRowsSorted() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      rows.add(line("o" + (i * 7919 % 6_000), 1 + i % 3, 20250103, "2025-01-03T10:00:00Z", (i % 500) + ".25"));
    }
    for (int seed : new int[] {1, 2}) {
      List<Row> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new Random(seed));
      Pipeline p = pipeline();
      p.apply(WriteFiles.create().parquet(FACT, tmp.resolve("run" + seed).toString(),
          p.apply(Create.of(shuffled).withRowSchema(FACT.beamSchema()))
              .apply(WithKeys.of((Row r) -> "all.parquet").withKeyType(TypeDescriptors.strings()))));
      p.run().waitUntilFinish();
    }
    List<Row> sorted = new ArrayList<>(rows);
    ParquetFormat format = new ParquetFormat(FACT);
    sorted.sort(format.order());
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    format.write(sorted.iterator(), Channels.newChannel(expected), digestOf(rows).recorded(format.encoding()));
    assertThat(Files.readAllBytes(tmp.resolve("run1/all.parquet")), equalTo(expected.toByteArray()));
    assertThat(Files.readAllBytes(tmp.resolve("run2/all.parquet")), equalTo(expected.toByteArray()));
  }

  /** The content identity of {@code rows} as the writer computes it, from each row's encoding. */
  private static ContentDigest digestOf(List<Row> rows) throws IOException {
    ContentDigest d = new ContentDigest();
    for (Row r : rows) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      FACT.rowCoder().encode(r, bytes);
      d.add(bytes.toByteArray(), 0, bytes.size());
    }
    return d;
  }

  /**
   * A file whose live counterpart records the same rows is not written again: only the marker
   * that keeps the live file is staged. One changed row and it is written.
   */
  @Test
  void aFileWhoseLiveCopyHoldsTheSameRowsIsKeptNotWritten() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(line("o" + i, 1, 20250103, "2025-01-03T10:00:00Z", (i % 50) + ".25"));
    }
    String live = tmp.resolve("live").toString();
    assertThat(reused(writeAll(rows, live, null)), equalTo(0L));
    List<Row> same = new ArrayList<>(rows);
    Collections.shuffle(same, new Random(3));
    assertThat("same rows, another order", reused(writeAll(same, tmp.resolve("same").toString(), live)), equalTo(1L));
    assertThat(Files.exists(tmp.resolve("same/all.parquet" + LakePublisher.KEPT)), is(true));
    assertThat(Files.exists(tmp.resolve("same/all.parquet")), is(false));
    List<Row> changed = new ArrayList<>(rows);
    changed.set(7, line("o7", 1, 20250103, "2025-01-03T10:00:00Z", "99.25"));
    assertThat("one row changed", reused(writeAll(changed, tmp.resolve("changed").toString(), live)), equalTo(0L));
    assertThat(Files.readAllBytes(tmp.resolve("changed/all.parquet")),
        is(org.hamcrest.Matchers.not(equalTo(Files.readAllBytes(tmp.resolve("live/all.parquet"))))));
  }

  private PipelineResult writeAll(List<Row> rows, String dir, String liveDir) {
    Pipeline p = pipeline();
    p.apply(WriteFiles.create().parquet(FACT, dir, liveDir, p.apply(Create.of(rows).withRowSchema(FACT.beamSchema()))
        .apply(WithKeys.of((Row r) -> "all.parquet").withKeyType(TypeDescriptors.strings()))));
    PipelineResult r = p.run();
    r.waitUntilFinish();
    return r;
  }

  private static long reused(PipelineResult r) {
    long n = 0;
    for (MetricResult<Long> c : r.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(WriteFiles.class, WriteFiles.reusedFiles(FACT.name()))).build()).getCounters()) {
      n += c.getAttempted();
    }
    return n;
  }

  @Test
  void jsonLinesOfOneFileAreWrittenInOrder() throws IOException {
    Pipeline p = pipeline();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      lines.add("{\"n\":" + (i * 7919 % 3_000) + ",\"pad\":\"" + "x".repeat(i % 40) + "\"}");
    }
    p.apply(WriteFiles.create().jsonLines("lines", tmp.resolve("json").toString(),
        p.apply(Create.of(lines)).apply(WithKeys.of((String l) -> "all.jsonl").withKeyType(TypeDescriptors.strings()))));
    p.run().waitUntilFinish();
    List<String> sorted = new ArrayList<>(lines);
    Collections.sort(sorted);
    assertThat(Files.readAllLines(tmp.resolve("json/all.jsonl")), equalTo(sorted));
  }

  @Test
  void readingATableThatDoesNotExistYetGivesNoRows() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(ReadTable.of(FACT, tmp.resolve("nothing").toString()))).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void publishMovesOnlyChangedFilesAndRemovesVanishedOnes() throws IOException {
    Path live = tmp.resolve("live");
    Path staging = tmp.resolve("staging");
    put(live, "month=2025-01/a.parquet", "january");
    put(live, "month=2025-02/b.parquet", "february");
    put(live, "month=2025-03/c.parquet", "march");
    FileTime januaryTime = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(live.resolve("month=2025-01/a.parquet"), januaryTime);
    put(staging, "month=2025-01/a.parquet", "january");
    put(staging, "month=2025-02/b.parquet", "february, with a late return");
    put(staging, "month=2025-04/d.parquet", "april");

    LakePublisher.PublishResult result = LakePublisher.publish(staging.toString(), live.toString());

    assertThat(result.written(), contains("month=2025-02/b.parquet", "month=2025-04/d.parquet"));
    assertThat(result.deleted(), contains("month=2025-03/c.parquet"));
    assertThat(result.unchanged(), is(1));
    assertThat(result.touchedPartitions(), contains("month=2025-02", "month=2025-03", "month=2025-04"));
    assertThat(Files.getLastModifiedTime(live.resolve("month=2025-01/a.parquet")), equalTo(januaryTime));
    assertThat(Files.readString(live.resolve("month=2025-02/b.parquet")), equalTo("february, with a late return"));
    assertThat(relativeFiles(live), containsInAnyOrder(
        "month=2025-01/a.parquet", "month=2025-02/b.parquet", "month=2025-04/d.parquet"));
  }

  @Test
  void publishReplacingKeepsTheLiveFilesItWasNotToldToReplace() throws IOException {
    Path live = tmp.resolve("live");
    Path staging = tmp.resolve("staging");
    put(live, "event_date=2025-01-01/part-2025-01-01.parquet", "day 1, untouched");
    put(live, "event_date=2025-01-02/part-2025-01-02.parquet", "day 2, one row superseded");
    put(live, "event_date=2025-01-03/part-2025-01-03.parquet", "day 3, its only row superseded");
    put(staging, "event_date=2025-01-02/part-2025-01-02.parquet", "day 2 without the superseded row");
    put(staging, "event_date=2025-01-04/part-2025-01-04.parquet", "day 4");

    LakePublisher.PublishResult result = LakePublisher.publishReplacing(staging.toString(), live.toString(),
        List.of("event_date=2025-01-02/part-2025-01-02.parquet", "event_date=2025-01-03/part-2025-01-03.parquet"));

    assertThat(result.written(), contains("event_date=2025-01-02/part-2025-01-02.parquet",
        "event_date=2025-01-04/part-2025-01-04.parquet"));
    assertThat(result.deleted(), contains("event_date=2025-01-03/part-2025-01-03.parquet"));
    assertThat(relativeFiles(live), contains("event_date=2025-01-01/part-2025-01-01.parquet",
        "event_date=2025-01-02/part-2025-01-02.parquet", "event_date=2025-01-04/part-2025-01-04.parquet"));
    assertThat(Files.readString(live.resolve("event_date=2025-01-01/part-2025-01-01.parquet")), equalTo("day 1, untouched"));
  }

  private static void put(Path root, String relative, String content) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
          .filter(f -> !f.startsWith(".") && !f.contains("/.")).sorted().toList();
    }
  }
}
