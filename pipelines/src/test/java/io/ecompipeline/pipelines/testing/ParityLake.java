package io.ecompipeline.pipelines.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecompipeline.pipelines.cli.EcomCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lake every runner parity test runs: small (scale 0.01), three days, 2 % defects, so SCD2
 * history, late dimension changes and fact re-pointing are all exercised while the DirectRunner
 * (~3 ms per key per GroupByKey) stays fast enough for a test.
 */
public final class ParityLake {
  public static final String FIRST = "2025-03-01";
  public static final String LAST = "2025-03-03";
  public static final String[] GENERATE = {
    "generate", "--start", FIRST, "--days", "3", "--scale", "0.01", "--dirty-rate", "0.02", "--seed", "7"
  };

  private ParityLake() {}

  /** Generates the bronze into {@code dir}/source (once) and returns that lake. */
  public static Path source(Path dir) throws IOException {
    Path src = dir.resolve("source");
    if (!Files.isDirectory(src.resolve("bronze"))) {
      List<String> args = new ArrayList<>(List.of(GENERATE));
      args.add("--lake");
      args.add(src.toString());
      assertEquals(0, EcomCli.execute(args.toArray(String[]::new)), "generate");
    }
    return src;
  }

  /** A fresh copy of the source lake for one runner. */
  public static Path copyFor(Path dir, String runner) throws IOException {
    Path src = source(dir);
    Path lake = dir.resolve(runner);
    if (Files.exists(lake)) {
      try (Stream<Path> w = Files.walk(lake)) {
        for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> w = Files.walk(src)) {
      for (Path p : w.toList()) {
        Path to = lake.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return lake;
  }

  /** Runs every parity day on {@code runner} without a warehouse; asserts exit code 0. */
  public static void run(Path lake, String runner, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--runner", runner, "--lake", lake.toString(),
        "--from", FIRST, "--to", LAST, "--no-load"));
    args.addAll(List.of(extra));
    assertEquals(0, EcomCli.execute(args.toArray(String[]::new)), runner + " run of " + FIRST + ".." + LAST);
  }
}
