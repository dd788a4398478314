package io.ecompipeline.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecom status}: last runs from the manifests, missing dates from bronze. */
class StatusCommandTest {
  @TempDir Path lake;

  void bronze(String entity, String date) throws IOException {
    Path dir = lake.resolve("bronze/" + entity + "/ingest_date=" + date);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part.csv"), "h\n");
  }

  void manifest(String date, String outcome, String started, String finished, long read) throws IOException {
    Path dir = lake.resolve("_runs/" + date);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("manifest.json"), "{\"run_id\":\"" + date + "\",\"run_date\":\"" + date + "\",\"outcome\":\"" + outcome
        + "\",\"started_at\":\"" + started + "\",\"finished_at\":\"" + finished + "\",\"counters\":{\"silver.orders.read\":" + read
        + ",\"silver.orders.accepted\":1}}");
  }

  @Test
  void showsTheLastRunsAndTheDatesWithBronzeButNoSuccessfulRun() throws IOException {
    for (String d : new String[] {"2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"}) {
      bronze("orders", d);
      bronze("customers", d);
    }
    manifest("2025-01-01", "succeeded", "2025-01-02T02:00:00Z", "2025-01-02T02:00:09.500Z", 1234);
    manifest("2025-01-02", "succeeded", "2025-01-03T02:00:00Z", "2025-01-03T02:00:08Z", 1100);
    manifest("2025-01-03", "failed", "2025-01-04T02:00:00Z", "2025-01-04T02:00:03Z", 0);

    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = EcomCli.execute("status", "--lake", lake.toString());
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out, code, is(0));
    assertThat(out, allOf(containsString("2025-01-03  failed"), containsString("2025-01-01  succeeded"), containsString("9.5s"),
        containsString("1,234")));
    assertThat(out.indexOf("2025-01-03  failed"), lessThan(out.indexOf("2025-01-01  succeeded")));
    assertThat(out, allOf(containsString("2025-01-03  last run failed"), containsString("2025-01-04  never run"),
        containsString("bin/ecom run --lake " + lake + " --from 2025-01-03 --to 2025-01-04")));
    assertThat(out, not(containsString("2025-01-02  never run")));
  }

  @Test
  void anEmptyLakeHasNoRunsAndNothingMissing() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      assertThat(EcomCli.execute("status", "--lake", lake.toString()), is(0));
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8), allOf(containsString("No runs yet"), containsString("Nothing missing")));
  }
}
