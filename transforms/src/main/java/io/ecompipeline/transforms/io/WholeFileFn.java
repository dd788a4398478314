package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;

/**
 * The DoFn that runs a {@link Reader} of one whole lake file per element: splittable (the file its
 * one restriction) when the run has the experiment {@value #BOUNDED_SDF_OUTPUT}, plain otherwise.
 * Why: the Spark runner buffers every output of one {@code processElement} call in memory, except
 * for splittable DoFns under that experiment (which {@code RunnerKind} sets for Spark), where
 * outputs stream through a bounded queue; a scale-100 day's 2 GiB clickstream file is 10M
 * records, which filled an 8 GiB heap. Flink streams either way but runs a splittable DoFn behind a
 * keyed shuffle of its restrictions, one more stage per reader: ~10% of a tiny day. Files are not
 * split further: records carry their line numbers (lineage), which a reader starting mid-file
 * cannot know, and lake files are a partition each.
 */
public final class WholeFileFn {
  /** The Beam experiment under which the Spark runner streams a splittable DoFn's outputs. */
  public static final String BOUNDED_SDF_OUTPUT = "use_bounded_concurrent_output_for_sdf";

  private WholeFileFn() {}

  /** Reads one file, the context's element, emitting its records through the context. */
  public interface Reader<T> extends Serializable {
    /** Once per DoFn instance, before any file. */
    default void setup() {}

    void read(DoFn<FileIO.ReadableFile, T>.ProcessContext c) throws IOException;
  }

  /** {@code reader} as the DoFn this run needs (see the class comment). */
  public static <T> DoFn<FileIO.ReadableFile, T> of(Reader<T> reader, PipelineOptions options) {
    return ExperimentalOptions.hasExperiment(options, BOUNDED_SDF_OUTPUT) ? new Splittable<>(reader) : new Plain<>(reader);
  }

  /** The reader and its lifecycle, shared by both kinds of DoFn (each has its own {@code @ProcessElement}). */
  private abstract static class ReaderFn<T> extends DoFn<FileIO.ReadableFile, T> {
    final Reader<T> reader;

    ReaderFn(Reader<T> reader) {
      this.reader = reader;
    }

    @Setup
    public void setup() {
      reader.setup();
    }
  }

  private static final class Plain<T> extends ReaderFn<T> {
    Plain(Reader<T> reader) {
      super(reader);
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      reader.read(c);
    }
  }

  private static final class Splittable<T> extends ReaderFn<T> {
    Splittable(Reader<T> reader) {
      super(reader);
    }

    /** The one restriction of a file: the file. */
    @GetInitialRestriction
    public OffsetRange wholeFile(@Element FileIO.ReadableFile file) {
      return new OffsetRange(0, 1);
    }

    /** Reads the file unless a runner re-offers a finished restriction. */
    @ProcessElement
    public void process(ProcessContext c, RestrictionTracker<OffsetRange, Long> tracker) throws IOException {
      if (tracker.tryClaim(0L)) {
        reader.read(c);
      }
    }
  }
}
