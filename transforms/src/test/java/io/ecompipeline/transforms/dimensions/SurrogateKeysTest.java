package io.ecompipeline.transforms.dimensions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SurrogateKeysTest {
  @Test
  void sameVersionGetsTheSameNonNegativeKeyEveryTime() {
    Instant from = Instant.parse("2025-02-01T00:00:00Z");
    long key = SurrogateKeys.of("C1", from);
    assertThat(SurrogateKeys.of("C1", from), equalTo(key));
    assertThat(key, greaterThanOrEqualTo(0L));
    assertThat(SurrogateKeys.of("C1", from.plusNanos(1000)), not(equalTo(key)));
    assertThat(SurrogateKeys.of("C2", from), not(equalTo(key)));
  }

  /** 1M members × 10 versions each: no two of the 10M keys collide, none is negative (so none is -1). */
  @Test
  void tenMillionGeneratedKeysDoNotCollide() {
    int members = 1_000_000;
    int versions = 10;
    long[] keys = new long[members * versions];
    Instant base = Instant.parse("2020-01-01T00:00:00Z");
    int i = 0;
    for (int m = 0; m < members; m++) {
      String id = "C" + m;
      for (int v = 0; v < versions; v++) {
        keys[i++] = SurrogateKeys.of(id, base.plusSeconds(86_400L * 30 * v + m % 86_400));
      }
    }
    Arrays.sort(keys);
    int collisions = 0;
    for (int k = 1; k < keys.length; k++) {
      if (keys[k] == keys[k - 1]) {
        collisions++;
      }
    }
    assertThat(collisions, equalTo(0));
    assertThat(keys[0], greaterThanOrEqualTo(0L));
  }
}
