package io.ecompipeline.runners.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecompipeline.pipelines.cli.RunnerKind;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * Spark's shuffle buffers get 0.3 of the heap by default (Spark's own default, 0.6, ran an 8 GiB
 * heap out at scale 100 next to the side-input views and the writer's file); a value the user
 * sets wins. Beam's Spark runner builds its SparkConf from the spark.* system properties.
 */
class SparkDefaultsTest {
  private static final String FRACTION = "spark.memory.fraction";

  @Test
  void shuffleBuffersGetLessOfTheHeapUnlessTheUserSaysOtherwise() {
    String before = System.clearProperty(FRACTION);
    try {
      RunnerKind.spark.options(1);
      assertEquals("0.3", new SparkConf().get(FRACTION));
      System.setProperty(FRACTION, "0.5");
      RunnerKind.spark.options(1);
      assertEquals("0.5", new SparkConf().get(FRACTION));
    } finally {
      if (before == null) {
        System.clearProperty(FRACTION);
      } else {
        System.setProperty(FRACTION, before);
      }
    }
  }
}
