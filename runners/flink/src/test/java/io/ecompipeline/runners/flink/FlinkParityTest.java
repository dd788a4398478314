package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.pipelines.testing.GoldSnapshot;
import io.ecompipeline.pipelines.testing.ParityLake;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The parity lake on the Direct runner (first day; it is slow) and on an embedded Flink (all three
 * days): gold must be equal row by row and byte for byte after day one. Both snapshots are saved
 * as the references runners/spark's SparkParityTest compares Spark with (runners/spark builds
 * after this module; Spark and Flink do not share a test class path).
 */
class FlinkParityTest {
  static final Path DIR = Path.of("target", "parity");

  @Test
  void flinkGoldEqualsDirectGoldAndIsSavedAsTheSparkReference() throws Exception {
    Path direct = ParityLake.copyFor(DIR, "direct");
    ParityLake.run(direct, "direct", ParityLake.FIRST, ParityLake.FIRST);
    GoldSnapshot directDay1 = GoldSnapshot.of(direct);
    directDay1.save(DIR.resolve("direct-day1-gold.txt"));

    Path flink = ParityLake.copyFor(DIR, "flink");
    ParityLake.run(flink, "flink", ParityLake.FIRST, ParityLake.FIRST);
    GoldSnapshot flinkDay1 = GoldSnapshot.of(flink);
    assertTrue(directDay1.rowCount() > 500, "the parity lake should produce real gold, got " + directDay1.rowCount() + " rows");
    assertEquals("", directDay1.differences(flinkDay1, "direct", "flink"), "day one: gold differs between Direct and Flink");

    ParityLake.run(flink, "flink", ParityLake.SECOND, ParityLake.LAST);
    GoldSnapshot flinkAll = GoldSnapshot.of(flink);
    assertTrue(flinkAll.rows().get("dim_customer").stream().anyMatch(r -> !r.contains("9999-12-31")),
        "three dirty days should close some dim_customer versions (SCD2 history)");
    flinkAll.save(DIR.resolve("flink-all-gold.txt"));
  }
}
