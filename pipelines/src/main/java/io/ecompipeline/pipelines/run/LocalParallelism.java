package io.ecompipeline.pipelines.run;

import io.ecompipeline.transforms.io.LakePublisher;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The parallelism of a local run when the user did not choose one: one slot for a small day,
 * every core otherwise. On a small day nearly all the time is Flink deploying and starting tasks
 * (each of ~60 stages once per slot), so a second slot doubles that cost and saves nothing.
 */
final class LocalParallelism {
  /** A day whose bronze is under this many bytes runs in one slot (scale 1 is ~25 MiB a day). */
  static final long SMALL_DAY_BYTES = 8L << 20;

  private LocalParallelism() {}

  static int of(RunSettings settings, LocalDate date) {
    if (settings.parallelism() != RunSettings.AUTO) {
      return settings.parallelism();
    }
    return bronzeBytes(settings.lake(), date) < SMALL_DAY_BYTES ? 1 : Runtime.getRuntime().availableProcessors();
  }

  private static long bronzeBytes(String lake, LocalDate date) {
    long bytes = 0;
    try {
      for (Table entity : SilverTables.ENTITIES) {
        for (MatchResult.Metadata file : LakePublisher.list(LakePaths.bronze(lake, entity.name(), date)).values()) {
          bytes += file.sizeBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bronze of " + date + " in " + lake, e);
    }
    return bytes;
  }
}
