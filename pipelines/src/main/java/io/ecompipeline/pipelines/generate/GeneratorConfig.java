package io.ecompipeline.pipelines.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: where, from which day, how many days, how much, how random and how dirty.
 *
 * @param lake root of the lake; files go under {@code <lake>/bronze/}
 * @param start first ingest date
 * @param days number of consecutive ingest dates, at least 1
 * @param scale volume multiplier, &gt; 0 (1 = about 10,000 orders a day)
 * @param seed seed of every random choice: the same config gives byte-identical files
 * @param dirtyRate fraction of records that carry an injected defect, in [0, 1]
 */
public record GeneratorConfig(Path lake, LocalDate start, int days, double scale, long seed, double dirtyRate) {

  public static final long DEFAULT_SEED = 42L;

  public GeneratorConfig {
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(start, "start");
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days + "; type e.g. --days 7");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a number > 0, got " + scale + "; type e.g. --scale 1 or --scale 0.05");
    }
    if (!(dirtyRate >= 0 && dirtyRate <= 1)) {
      throw new IllegalArgumentException(
          "dirty rate must be between 0 and 1, got " + dirtyRate + "; type e.g. --dirty-rate 0.02 (0 = clean)");
    }
  }

  /** A clean config with the default seed. */
  public static GeneratorConfig of(Path lake, LocalDate start, int days, double scale) {
    return new GeneratorConfig(lake, start, days, scale, DEFAULT_SEED, 0.0);
  }

  public GeneratorConfig withSeed(long newSeed) {
    return new GeneratorConfig(lake, start, days, scale, newSeed, dirtyRate);
  }

  public GeneratorConfig withDirtyRate(double rate) {
    return new GeneratorConfig(lake, start, days, scale, seed, rate);
  }
}
