package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.transforms.testing.Fx;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class KeyHashesTest {
  @Test
  void collectKeepsEveryHashOnce() {
    long[] hashes = KeyHashes.Collect.empty();
    for (int i = 0; i < 1000; i++) {
      hashes = KeyHashes.Collect.append(hashes, KeyHashes.hash("k" + i));
    }
    // every key collected twice (and an empty array): the set holds each once
    long[] all = KeyHashes.Collect.addAll(KeyHashes.Collect.addAll(KeyHashes.Collect.addAll(
        KeyHashes.Collect.empty(), hashes), KeyHashes.Collect.empty()), hashes);
    KeyHashes set = KeyHashes.Collect.set(all);
    for (int i = 0; i < 1000; i++) {
      assertThat(set.mightContain("k" + i), equalTo(true));
    }
    assertThat(set.mightContain("k1000"), equalTo(false));
    assertThat(set.size(), equalTo(1000));
  }

  @Test
  void hashArraysCodeTheirCountAndHashesOnly() throws Exception {
    long[] withSpare = {2L, Long.MIN_VALUE, -1L, 99L, 99L}; // two hashes, then spare capacity
    byte[] bytes = CoderUtils.encodeToByteArray(new KeyHashes.LongsCoder(), withSpare);
    assertThat(bytes.length, equalTo(4 + 2 * 8));
    assertThat(CoderUtils.decodeFromByteArray(new KeyHashes.LongsCoder(), bytes), equalTo(new long[] {2L, Long.MIN_VALUE, -1L}));
    assertThrows(EOFException.class, () -> new KeyHashes.LongsCoder().decode(new ByteArrayInputStream(Arrays.copyOf(bytes, 12))));
  }

  @Test
  void collectedAsASideInputHoldsEveryHashOfTheCollection() {
    Pipeline p = Fx.pipeline();
    List<Long> hashes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      hashes.add(KeyHashes.hash("k" + i % 300)); // k0..k199 twice
    }
    PCollectionView<Iterable<KeyHashes>> set = p.apply("Hashes", Create.of(hashes).withCoder(VarLongCoder.of())).apply(KeyHashes.collected());
    PCollection<String> found = p.apply("Probes", Create.of("k0", "k199", "k299", "k300"))
        .apply(ParDo.of(new Probe(set)).withSideInputs(set));
    PAssert.that(found).containsInAnyOrder("k0 in 300", "k199 in 300", "k299 in 300", "k300 not in 300");
    p.run().waitUntilFinish();
  }

  @Test
  void anEmptyCollectionGivesTheEmptySet() {
    Pipeline p = Fx.pipeline();
    PCollectionView<Iterable<KeyHashes>> set = p.apply("No hashes", Create.empty(VarLongCoder.of())).apply(KeyHashes.collected());
    PCollection<String> found = p.apply("Probes", Create.of("k0")).apply(ParDo.of(new Probe(set)).withSideInputs(set));
    PAssert.that(found).containsInAnyOrder("k0 not in 0");
    p.run().waitUntilFinish();
  }

  @Test
  void aBundleHashesTravelInArraysOfAtMostTheBound() {
    Pipeline p = Fx.pipeline();
    List<Long> hashes = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      hashes.add(i);
    }
    PCollection<long[]> arrays = p.apply(Create.of(hashes).withCoder(VarLongCoder.of()))
        .apply(ParDo.of(new KeyHashes.PerBundle(7)))
        .setCoder(new KeyHashes.LongsCoder());
    PAssert.that(arrays).satisfies(all -> {
      List<Long> seen = new ArrayList<>();
      for (long[] a : all) {
        assertThat("an array's count " + a[0], a[0] <= 7 && a[0] > 0, equalTo(true));
        for (int i = 1; i <= a[0]; i++) {
          seen.add(a[i]);
        }
      }
      seen.sort(null);
      assertThat(seen, equalTo(hashes));
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** Tells whether the set holds each probed key, and the set's size. */
  private static final class Probe extends DoFn<String, String> {
    private final PCollectionView<Iterable<KeyHashes>> set;

    Probe(PCollectionView<Iterable<KeyHashes>> set) {
      this.set = set;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KeyHashes keys = KeyHashes.from(c.sideInput(set));
      c.output(c.element() + (keys.mightContain(c.element()) ? " in " : " not in ") + keys.size());
    }
  }

  @Test
  void hashesOutsideTheGlobalWindowAreRefused() {
    Pipeline p = Fx.pipeline();
    PCollection<Long> windowed = p.apply(Create.of(1L, 2L)).apply(Window.into(FixedWindows.of(Duration.standardDays(1))));
    assertThrows(IllegalArgumentException.class, () -> windowed.apply(KeyHashes.collected()));
  }
}
