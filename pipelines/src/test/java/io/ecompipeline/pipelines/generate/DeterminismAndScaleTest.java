package io.ecompipeline.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same config, same bytes; another seed, other data; twice the scale, twice the rows. */
class DeterminismAndScaleTest {

  static final LocalDate START = LocalDate.of(2025, 3, 1);

  @TempDir
  Path tmp;

  GenerationSummary run(String dir, long seed, double scale, int days, double dirty) {
    return new Generator().generate(new GeneratorConfig(tmp.resolve(dir), START, days, scale, seed, dirty));
  }

  @Test
  void theSameConfigWritesByteIdenticalFiles() throws IOException {
    GenerationSummary a = run("a", 42, 0.03, 3, 0.05);
    GenerationSummary b = run("b", 42, 0.03, 3, 0.05);
    assertThat(b.files(), is(a.files()));
    assertThat(b.defects(), is(a.defects()));
    for (String f : a.files()) {
      byte[] x = Files.readAllBytes(tmp.resolve("a").resolve(f));
      byte[] y = Files.readAllBytes(tmp.resolve("b").resolve(f));
      assertThat(f, Arrays.equals(x, y), is(true));
    }
  }

  @Test
  void anotherSeedWritesOtherData() throws IOException {
    GenerationSummary a = run("a", 42, 0.03, 1, 0);
    run("c", 7, 0.03, 1, 0);
    for (String f : a.files()) {
      if (f.contains("_generator") || f.contains("reviews")) {
        continue; // no reviews on a first day: both files hold only the header
      }
      byte[] x = Files.readAllBytes(tmp.resolve("a").resolve(f));
      byte[] y = Files.readAllBytes(tmp.resolve("c").resolve(f));
      assertThat(f, Arrays.equals(x, y), is(false));
    }
  }

  @Test
  void aDirtyLakeKeepsTheCleanRecordsOfTheCleanLake() throws IOException {
    run("clean", 42, 0.03, 1, 0);
    run("dirty", 42, 0.03, 1, 0.05);
    // Defects are drawn from their own random streams: apart from the ids an orphan swaps in, every clean
    // event is still there, with its id, type and time.
    String day = "bronze/clickstream/ingest_date=2025-03-01/clickstream_2025-03-01.jsonl";
    java.util.Map<String, String> dirty = new java.util.HashMap<>();
    for (String line : Files.readAllLines(tmp.resolve("dirty").resolve(day))) {
      var m = Bronze.parseJson(line);
      if (m != null && m.get("event_id") != null) {
        dirty.putIfAbsent(m.get("event_id"), m.get("event_type") + "@" + m.get("event_ts")); // defects follow
      }
    }
    List<String> clean = Files.readAllLines(tmp.resolve("clean").resolve(day));
    for (String line : clean) {
      var m = Bronze.parseJson(line);
      assertThat(dirty.get(m.get("event_id")), is(m.get("event_type") + "@" + m.get("event_ts")));
    }
  }

  @Test
  void rowsGrowLinearlyWithScale() {
    GenerationSummary one = run("one", 42, 0.2, 1, 0);
    GenerationSummary two = run("two", 42, 0.4, 1, 0);
    for (String entity : List.of("orders", "order_items", "payments", "clickstream", "customers")) {
      double ratio = (double) two.rows(entity) / one.rows(entity);
      assertThat(entity, ratio, is(closeTo(2.0, 0.1)));
    }
    // a Saturday: 2,000 orders a day at scale 0.2, times the weekend factor, plus same-day status changes
    assertThat(one.rows("orders"), is(both(greaterThan(2000L)).and(lessThan(2000L * 2))));
    assertThat(one.orderLines(), is(one.rows("order_items")));
  }

  @Test
  void fractionalScalesStillGiveAUsableLake() {
    GenerationSummary s = run("tiny", 42, 0.001, 2, 0);
    assertThat(s.rows("orders"), greaterThan(0L));
    assertThat(s.rows("customers"), greaterThanOrEqualTo(60L));
    assertThat(s.rows("products"), greaterThanOrEqualTo(40L));
  }
}
