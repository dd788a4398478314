package io.ecompipeline.transforms.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.testing.Fx;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class MergePerBundleTest {
  @Test
  void aFullValueLeavesTheMapAtOnceAndNothingIsLost() {
    Pipeline p = Fx.pipeline();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      numbers.add(i);
    }
    // Per parity, the numbers in lists that are full at 3.
    PCollection<KV<Integer, List<Integer>>> lists = p.apply(Create.of(numbers).withCoder(VarIntCoder.of()))
        .apply(ParDo.of(new MergePerBundle<Integer, Integer, List<Integer>>(
            n -> n % 2, n -> new ArrayList<>(List.of(n)), (list, n) -> {
              list.add(n);
              return list;
            }, 1000, list -> list.size() >= 3)))
        .setCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(VarIntCoder.of())));
    PAssert.that(lists).satisfies(all -> {
      List<Integer> seen = new ArrayList<>();
      for (KV<Integer, List<Integer>> kv : all) {
        assertTrue(kv.getValue().size() <= 3, "a list of " + kv.getValue().size());
        kv.getValue().forEach(n -> assertEquals(kv.getKey(), n % 2, n + " under key " + kv.getKey()));
        seen.addAll(kv.getValue());
      }
      seen.sort(null);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        expected.add(i);
      }
      assertEquals(expected, seen);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
