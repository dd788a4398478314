package io.ecompipeline.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jit-opts: for a Flink run of one date of a local lake, C1 alone on a small day with a short
 * history, else C2 alone, with its inlining bounded unless the day is huge.
 */
class JitOptsTest {
  private static final String C2_BOUNDED = "-XX:-TieredCompilation -XX:FreqInlineSize=100 -XX:InlineSmallCode=500";
  private static final Path SCRIPT = Path.of("..", "bin", "jit-opts").toAbsolutePath().normalize();

  @TempDir Path lake;

  @BeforeEach
  void twoMebibytesOfBronzeOnTheSecond() throws IOException {
    Path day = Files.createDirectories(lake.resolve("bronze/orders/ingest_date=2025-01-02"));
    Files.write(day.resolve("orders_2025-01-02.csv"), new byte[2 << 20]);
    Files.createDirectories(lake.resolve("bronze/orders/ingest_date=2025-01-01"));
  }

  @Test
  void aBigDayRunsWithoutTieredCompilation() throws Exception {
    assertThat(jitOpts("run", "--lake", lake.toString(), "--date", "2025-01-02"), equalTo(C2_BOUNDED));
    assertThat(jitOpts("run", "--lake=" + lake, "--date=2025-01-02", "--runner=flink"), equalTo(C2_BOUNDED));
  }

  @Test
  void aHugeDayRunsWithoutTieredCompilationAndWithFullInlining() throws Exception {
    assertThat(jitOpts(Map.of("ECOM_HUGE_DAY_MIB", "2"), "run", "--lake", lake.toString(), "--date", "2025-01-02"),
        equalTo("-XX:-TieredCompilation"));
  }

  @Test
  void aSmallDayOrADayWithoutBronzeRunsWithC1Alone() throws Exception {
    assertThat(jitOpts("run", "--lake", lake.toString(), "--date", "2025-01-01"), equalTo("-XX:TieredStopAtLevel=1"));
    assertThat(jitOpts("run", "--lake=" + lake, "--date=2025-01-03", "--runner=flink"), equalTo("-XX:TieredStopAtLevel=1"));
  }

  @Test
  void aSmallDayOnALongHistoryRunsWithoutTieredCompilation() throws Exception {
    Path lines = Files.createDirectories(lake.resolve("silver/order_items/order_date=2024-12-01/customer_region=eu"));
    Files.write(lines.resolve("part-00000.parquet"), new byte[2 << 20]);
    assertThat(jitOpts("run", "--lake", lake.toString(), "--date", "2025-01-01"), equalTo(C2_BOUNDED));
  }

  @Test
  void otherRunnersLakesAndCommandsKeepTheDefault() throws Exception {
    assertThat(jitOpts("run", "--lake", lake.toString(), "--date", "2025-01-02", "--runner", "spark"), equalTo(""));
    assertThat(jitOpts("run", "--lake", lake.toString(), "--from", "2025-01-01", "--to", "2025-01-02"), equalTo(""));
    assertThat(jitOpts("run", "--lake", "s3://bucket/lake", "--date", "2025-01-02"), equalTo(""));
    assertThat(jitOpts("status", "--lake", lake.toString()), equalTo(""));
    assertThat(jitOpts("demo"), equalTo(""));
  }

  /** The script's output with 1 MiB thresholds: a 2 MiB day is big, 2 MiB of silver order lines a long history. */
  private static String jitOpts(String... args) throws Exception {
    return jitOpts(Map.of(), args);
  }

  private static String jitOpts(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("ECOM_BIG_DAY_MIB", "1");
    pb.environment().put("ECOM_LONG_HISTORY_MIB", "1");
    pb.environment().putAll(environment);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat("exit code of " + command, p.waitFor(), equalTo(0));
    return out;
  }
}
