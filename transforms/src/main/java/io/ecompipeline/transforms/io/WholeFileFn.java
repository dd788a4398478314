package io.ecompipeline.transforms.io;

import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;

/**
 * A DoFn that emits the records of one lake file per element, declared splittable with the whole
 * file as its one restriction. Why splittable: the Spark runner buffers every output of one
 * {@code processElement} call in memory, except for splittable DoFns under the experiment {@code
 * use_bounded_concurrent_output_for_sdf} (which {@code RunnerKind} sets), where outputs stream
 * through a bounded queue. A scale-100 day's 2 GiB clickstream file is 10M records: buffered, they
 * filled an 8 GiB heap. Files are not split further: records carry their line numbers (lineage),
 * which a reader starting mid-file cannot know, and lake files are a partition each.
 *
 * <p>Subclasses take a {@code RestrictionTracker<OffsetRange, Long>} in their
 * {@code @ProcessElement} and read the file only when {@link #claim} says so.
 */
public abstract class WholeFileFn<T> extends DoFn<FileIO.ReadableFile, T> {
  /** The one restriction of a file: the file. */
  @GetInitialRestriction
  public OffsetRange wholeFile(@Element FileIO.ReadableFile file) {
    return new OffsetRange(0, 1);
  }

  /** Whether this call owns the file (false only when a runner re-offers a finished restriction). */
  protected static boolean claim(RestrictionTracker<OffsetRange, Long> tracker) {
    return tracker.tryClaim(0L);
  }
}
