package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.pipelines.testing.GoldSnapshot;
import io.ecompipeline.pipelines.testing.ParityLake;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The same dirty lake, three days, on the Direct runner and on an embedded Flink: gold must be
 * equal row by row and byte for byte. The Direct snapshot is saved as the reference the Spark
 * module's parity test compares against (runners/spark builds after this module).
 */
class FlinkParityTest {
  static final Path DIR = Path.of("target", "parity");
  /** Read by runners/spark's SparkParityTest. */
  static final Path DIRECT_REFERENCE = DIR.resolve("direct-gold.txt");

  @Test
  void flinkGoldEqualsDirectGold() throws Exception {
    Path direct = ParityLake.copyFor(DIR, "direct");
    ParityLake.run(direct, "direct");
    GoldSnapshot expected = GoldSnapshot.of(direct);
    expected.save(DIRECT_REFERENCE);

    Path flink = ParityLake.copyFor(DIR, "flink");
    ParityLake.run(flink, "flink");
    GoldSnapshot actual = GoldSnapshot.of(flink);

    assertTrue(expected.rowCount() > 1000, "the parity lake should produce real gold, got " + expected.rowCount() + " rows");
    assertTrue(expected.rows().get("dim_customer").stream().anyMatch(r -> !r.contains("9999-12-31")),
        "dim_customer should hold SCD2 history (closed versions)");
    assertEquals("", expected.differences(actual, "direct", "flink"), "gold differs between Direct and Flink");
  }
}
