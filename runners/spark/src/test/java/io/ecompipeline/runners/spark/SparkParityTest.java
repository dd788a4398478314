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
 * The parity lake on Spark {@code local[2]}: gold must equal the Direct runner's, row by row and
 * byte for byte. The reference is the snapshot runners/flink's FlinkParityTest saved in the same
 * build (Spark and Flink do not share a test classpath); when that is missing or older than the
 * pipeline code (this module built alone), the Direct run happens here.
 */
class SparkParityTest {
  static final Path DIR = Path.of("target", "parity");
  static final Path FLINK_REFERENCE = Path.of("..", "flink", "target", "parity", "direct-gold.txt");

  @Test
  void sparkGoldEqualsDirectGold() throws Exception {
    GoldSnapshot expected;
    if (fresh(FLINK_REFERENCE)) {
      expected = GoldSnapshot.fromText(Files.readString(FLINK_REFERENCE));
    } else {
      Path direct = ParityLake.copyFor(DIR, "direct");
      ParityLake.run(direct, "direct");
      expected = GoldSnapshot.of(direct);
    }

    Path spark = ParityLake.copyFor(DIR, "spark");
    ParityLake.run(spark, "spark");
    GoldSnapshot actual = GoldSnapshot.of(spark);

    assertTrue(expected.rowCount() > 1000, "the parity lake should produce real gold, got " + expected.rowCount() + " rows");
    assertEquals("", expected.differences(actual, "direct", "spark"), "gold differs between Direct and Spark");
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
