package io.ecompipeline.transforms.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.transforms.testing.Fx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class TallyTest {
  private static Tally sample() {
    return Tally.of().add("orders", 3).add("gross", new BigDecimal("10.50")).add("gross", new BigDecimal("0.01"))
        .distinct("customers", "C1").distinct("customers", "C2").distinct("customers", "C1")
        .minMax("seen", 5).minMax("seen", -2);
  }

  @Test
  void coderRoundTripsEveryPartAndIsDeterministic() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(Tally.coder(), sample());
    CoderProperties.coderDecodeEncodeEqual(Tally.coder(), Tally.of());
    CoderProperties.coderDeterministic(Tally.coder(), sample(), sample());
    // Amounts beyond a long's unscaled range, negative ones and other scales round-trip exactly.
    CoderProperties.coderDecodeEncodeEqual(Tally.coder(), Tally.of().add("huge", new BigDecimal("123456789012345678901234.56"))
        .add("refund", new BigDecimal("-0.07")).add("rate", new BigDecimal("0.1250")));
  }

  @Test
  void mergeSumsCountsAndMoneyUnitesDistinctAndKeepsExtremes() {
    Tally merged = sample().merge(Tally.of().add("orders", 2).distinct("customers", "C3").minMax("seen", 9));
    assertEquals(5, merged.count("orders"));
    assertEquals(new BigDecimal("10.51"), merged.money("gross"));
    assertEquals(3, merged.distinctCount("customers"));
    assertEquals(-2, merged.min("seen"));
    assertEquals(9, merged.max("seen"));
  }

  /** Thirty tallies over three keys, each key's values spread through the input. */
  private static PCollection<KV<String, Tally>> spread(Pipeline p) {
    List<KV<String, Tally>> tallies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tallies.add(KV.of("k" + i % 3, Tally.of().add("n", 1).add("amount", new BigDecimal("0.01").multiply(BigDecimal.valueOf(i)))
          .distinct("ids", "id" + i % 4).minMax("i", i)));
    }
    return p.apply(Create.of(tallies).withCoder(KvCoder.of(StringUtf8Coder.of(), Tally.coder())));
  }

  @Test
  void summedPerKeyTheSameWhateverTheBundlesMapHolds() {
    Pipeline p = Fx.pipeline();
    PCollection<KV<String, Tally>> tallies = spread(p);
    for (int[] bound : new int[][] {{1, 1000}, {2, 1000}, {1000, 1000}, {1000, 2}}) {
      // k0 holds i = 0, 3, ..., 27; k1 1, 4, ..., 28; k2 2, 5, ..., 29.
      PAssert.that(tallies.apply("At most " + bound[0] + " keys and " + bound[1] + " distinct a bundle",
          new Tally.SumPerKey<>(bound[0], bound[1]))).containsInAnyOrder(
          KV.of("k0", Tally.of().add("n", 10).add("amount", new BigDecimal("1.35")).distinct("ids", "id0").distinct("ids", "id1")
              .distinct("ids", "id2").distinct("ids", "id3").minMax("i", 0).minMax("i", 27)),
          KV.of("k1", Tally.of().add("n", 10).add("amount", new BigDecimal("1.45")).distinct("ids", "id0").distinct("ids", "id1")
              .distinct("ids", "id2").distinct("ids", "id3").minMax("i", 1).minMax("i", 28)),
          KV.of("k2", Tally.of().add("n", 10).add("amount", new BigDecimal("1.55")).distinct("ids", "id0").distinct("ids", "id1")
              .distinct("ids", "id2").distinct("ids", "id3").minMax("i", 2).minMax("i", 29)));
    }
    p.run().waitUntilFinish();
  }

  @Test
  void talliesOutsideTheGlobalWindowAreRefused() {
    Pipeline p = Fx.pipeline();
    PCollection<KV<String, Tally>> windowed = spread(p).apply(Window.into(FixedWindows.of(Duration.standardDays(1))));
    assertThrows(IllegalArgumentException.class, () -> windowed.apply(Tally.sumPerKey()));
  }
}
