package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.junit.jupiter.api.Test;

class SortedRunsTest {
  private static byte[] run(List<Integer> sorted) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : sorted) {
      VarIntCoder.of().encode(v, out);
    }
    return out.toByteArray();
  }

  private static List<Integer> merged(List<byte[]> runs) {
    SortedRuns<Integer> merged = new SortedRuns<>(runs, VarIntCoder.of(), Comparator.naturalOrder());
    List<Integer> all = new ArrayList<>();
    merged.forEachRemaining(all::add);
    assertEquals(all.size(), merged.taken());
    return all;
  }

  @Test
  void runsOfAnyLengthMergeIntoOneOrderKeepingTies() throws IOException {
    Random random = new Random(7);
    List<byte[]> runs = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int r = 0; r < 40; r++) {
      List<Integer> run = new ArrayList<>();
      for (int i = random.nextInt(50); i > 0; i--) {
        run.add(random.nextInt(100)); // ties within and across runs
      }
      run.sort(null);
      expected.addAll(run);
      runs.add(run(run));
    }
    expected.sort(null);
    assertEquals(expected, merged(runs));
  }

  @Test
  void noRunsOrOnlyEmptyOnesGiveNothing() throws IOException {
    assertFalse(new SortedRuns<>(List.<byte[]>of(), VarIntCoder.of(), Comparator.<Integer>naturalOrder()).hasNext());
    assertEquals(List.of(), merged(List.of(run(List.of()), run(List.of()))));
    assertEquals(List.of(1, 2), merged(List.of(run(List.of()), run(List.of(1, 2)))));
  }
}
