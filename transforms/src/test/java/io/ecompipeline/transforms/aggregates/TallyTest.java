package io.ecompipeline.transforms.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.apache.beam.sdk.testing.CoderProperties;
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
}
