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
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Requirements;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
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
    KeyHashes set = KeyHashes.Collect.set(all, null, null);
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
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add("k" + i % 300); // k0..k199 twice
    }
    PCollectionView<Iterable<KeyHashes>> set = p.apply("Keys", Create.of(keys)).apply(KeyHashes.collected());
    PCollection<String> found = probe(p, set, KeyHashesTest::membership, "k0", "k199", "k299", "k300");
    PAssert.that(found).containsInAnyOrder("k0 in 300", "k199 in 300", "k299 in 300", "k300 not in 300");
    p.run().waitUntilFinish();
  }

  @Test
  void anEmptyCollectionGivesTheEmptySet() {
    Pipeline p = Fx.pipeline();
    PCollectionView<Iterable<KeyHashes>> set = p.apply("No keys", Create.empty(StringUtf8Coder.of())).apply(KeyHashes.collected());
    PCollection<String> found = probe(p, set, KeyHashesTest::membership, "k0");
    PAssert.that(found).containsInAnyOrder("k0 not in 0");
    p.run().waitUntilFinish();
  }

  @Test
  void aBundleHashesTravelInPiecesOfAtMostTheBoundWithTheirKeysBounds() {
    Pipeline p = Fx.pipeline();
    List<String> keys = new ArrayList<>();
    List<Long> hashes = new ArrayList<>();
    for (long i = 100; i < 200; i++) {
      keys.add("k" + i);
      hashes.add(KeyHashes.hash("k" + i));
    }
    hashes.sort(null);
    PCollection<KeyHashes.Piece> pieces = p.apply(Create.of(keys))
        .apply(ParDo.of(new KeyHashes.PerBundle(7)))
        .setCoder(new KeyHashes.PieceCoder());
    PAssert.that(pieces).satisfies(all -> {
      List<Long> seen = new ArrayList<>();
      for (KeyHashes.Piece piece : all) {
        long[] a = piece.hashes();
        assertThat("a piece's count " + a[0], a[0] <= 7 && a[0] > 0, equalTo(true));
        for (int i = 1; i <= a[0]; i++) {
          seen.add(a[i]);
          assertThat(piece.least().compareTo(piece.greatest()) <= 0, equalTo(true));
        }
      }
      seen.sort(null);
      assertThat(seen, equalTo(hashes));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void theSetKnowsItsLeastAndGreatestKeyAndWhichRangesMayHoldOne() {
    Pipeline p = Fx.pipeline();
    PCollectionView<Iterable<KeyHashes>> set = p.apply("Keys", Create.of("E2-005", "E2-001", "E2-009", "E2-001"))
        .apply(KeyHashes.collected());
    // probes: "min..max" of a file's key column
    PCollection<String> found = probe(p, set, (keys, range) -> {
      String[] bounds = range.split("\\.\\.");
      return range + (keys.mayHoldKeysBetween(bounds[0], bounds[1]) ? " may hold" : " apart");
    }, "E1-000..E1-999", "E1-500..E2-001", "E2-002..E2-003", "E2-009..E3-000", "E2-0091..E3-000", "E3-000..E3-999");
    PAssert.that(found).containsInAnyOrder("E1-000..E1-999 apart", "E1-500..E2-001 may hold", "E2-002..E2-003 may hold",
        "E2-009..E3-000 may hold", "E2-0091..E3-000 apart", "E3-000..E3-999 apart");
    p.run().waitUntilFinish();
  }

  @Test
  void boundsFollowTheCodePointOrderOfParquetStatisticsNotUtf16() {
    String bmpHigh = "\uFFFD"; // U+FFFD, after every surrogate as a UTF-16 unit
    String emoji = "\uD83D\uDE00"; // U+1F600: a greater code point, a smaller first UTF-16 unit
    assertThat(emoji.compareTo(bmpHigh) < 0, equalTo(true));
    assertThat(KeyHashes.TEXT_ORDER.compare(emoji, bmpHigh) > 0, equalTo(true));
    assertThat(KeyHashes.TEXT_ORDER.compare(bmpHigh, emoji) < 0, equalTo(true));
    assertThat(KeyHashes.TEXT_ORDER.compare("a" + emoji, "a" + emoji), equalTo(0));
    assertThat(KeyHashes.TEXT_ORDER.compare("ab", "a"), equalTo(1));
    assertThat(KeyHashes.TEXT_ORDER.compare("A", "B") < 0, equalTo(true));
    // a set of the one key U+1F600 may be in a file spanning U+FFFD..U+1F600, which UTF-16 order would call empty
    long[] one = KeyHashes.Collect.append(KeyHashes.Collect.empty(), KeyHashes.hash(emoji));
    KeyHashes set = KeyHashes.Collect.set(one, emoji, emoji);
    assertThat(set.mayHoldKeysBetween(bmpHigh, emoji), equalTo(true));
    assertThat(set.mayHoldKeysBetween("a", bmpHigh), equalTo(false));
    assertThat(set.mayHoldKeysBetween(null, null), equalTo(true));
  }

  @Test
  void piecesCodeTheirBoundsNullOrNot() throws Exception {
    long[] two = {2L, 5L, 6L};
    for (KeyHashes.Piece piece : List.of(new KeyHashes.Piece(two, "a", "z"), new KeyHashes.Piece(two, null, null))) {
      KeyHashes.Piece back = CoderUtils.decodeFromByteArray(new KeyHashes.PieceCoder(),
          CoderUtils.encodeToByteArray(new KeyHashes.PieceCoder(), piece));
      assertThat(back.hashes(), equalTo(two));
      assertThat(back.least(), equalTo(piece.least()));
      assertThat(back.greatest(), equalTo(piece.greatest()));
    }
  }

  /** Each probe answered from the set, read as a side input. */
  private static PCollection<String> probe(Pipeline p, PCollectionView<Iterable<KeyHashes>> set,
      SerializableBiFunction<KeyHashes, String, String> answer, String... probes) {
    return p.apply("Probes", Create.of(Arrays.asList(probes))).apply(MapElements.into(TypeDescriptors.strings()).via(
        Contextful.fn((String probe, Contextful.Fn.Context c) -> answer.apply(KeyHashes.from(c.sideInput(set)), probe),
            Requirements.requiresSideInputs(set))));
  }

  /** Whether the set holds the key, and the set's size. */
  private static String membership(KeyHashes keys, String key) {
    return key + (keys.mightContain(key) ? " in " : " not in ") + keys.size();
  }

  @Test
  void hashesOutsideTheGlobalWindowAreRefused() {
    Pipeline p = Fx.pipeline();
    PCollection<String> windowed = p.apply(Create.of("k1", "k2")).apply(Window.into(FixedWindows.of(Duration.standardDays(1))));
    assertThrows(IllegalArgumentException.class, () -> windowed.apply(KeyHashes.collected()));
  }
}
