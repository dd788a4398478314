package io.ecompipeline.runners.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.pipelines.testing.GoldSnapshot;
import io.ecompipeline.pipelines.testing.ParityLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

/**
 * The parity lake on Spark {@code local[2]}: after day one gold must equal the Direct runner's, and
 * after all three days the Flink runner's, row by row and byte for byte. The references are the
 * snapshots runners/flink's FlinkParityTest saved in the same build; when they are missing or older
 * than the pipeline code (this module built alone), the Direct runner makes both here (slowly).
 */
class SparkParityTest {
  static final Path DIR = Path.of("target", "parity");
  static final Path FLINK_DIR = Path.of("..", "flink", "target", "parity");

  @Test
  void sparkGoldEqualsDirectAndFlinkGold() throws Exception {
    GoldSnapshot day1;
    GoldSnapshot all;
    String allName;
    if (fresh(FLINK_DIR.resolve("direct-day1-gold.txt")) && fresh(FLINK_DIR.resolve("flink-all-gold.txt"))) {
      day1 = GoldSnapshot.fromText(Files.readString(FLINK_DIR.resolve("direct-day1-gold.txt")));
      all = GoldSnapshot.fromText(Files.readString(FLINK_DIR.resolve("flink-all-gold.txt")));
      allName = "flink";
    } else {
      Path direct = ParityLake.copyFor(DIR, "direct");
      ParityLake.run(direct, "direct", ParityLake.FIRST, ParityLake.FIRST);
      day1 = GoldSnapshot.of(direct);
      ParityLake.run(direct, "direct", ParityLake.SECOND, ParityLake.LAST);
      all = GoldSnapshot.of(direct);
      allName = "direct";
    }

    Path spark = ParityLake.copyFor(DIR, "spark");
    ParityLake.run(spark, "spark", ParityLake.FIRST, ParityLake.FIRST);
    assertTrue(day1.rowCount() > 500, "the parity lake should produce real gold, got " + day1.rowCount() + " rows");
    assertEquals("", day1.differences(GoldSnapshot.of(spark), "direct", "spark"), "day one: gold differs between Direct and Spark");

    ParityLake.run(spark, "spark", ParityLake.SECOND, ParityLake.LAST);
    assertEquals("", all.differences(GoldSnapshot.of(spark), allName, "spark"), "three days: gold differs between " + allName + " and Spark");
  }

  /** The reference exists and is newer than the code that made it. */
  private static boolean fresh(Path reference) throws Exception {
    if (!Files.isRegularFile(reference)) {
      return false;
    }
    FileTime made = Files.getLastModifiedTime(reference);
    for (String jar : new String[] {"../../transforms/target/transforms-0.1.0.jar", "../../pipelines/target/pipelines-0.1.0.jar"}) {
      Path p = Path.of(jar);
      if (!Files.exists(p) || Files.getLastModifiedTime(p).compareTo(made) > 0) {
        return false;
      }
    }
    return true;
  }
}
