package io.ecompipeline.runners.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.pipelines.cli.RunnerKind;
import io.ecompipeline.transforms.io.MatchedFiles;
import io.ecompipeline.transforms.io.WholeFileFn;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Spark, a file's records must stream out of its reader: the runner holds every output of one
 * {@code processElement} call in memory unless the DoFn is splittable and the run has the bounded
 * output experiment, and a scale-100 clickstream file (10M records) filled an 8 GiB heap that way.
 * The lake's readers run through {@link WholeFileFn}; this reads a file through it with the CLI's
 * Spark options and checks that the next step saw the first record long before the last was read.
 */
class SparkStreamedFileReadTest {
  private static final int LINES = 5_000;
  static final AtomicLong READ = new AtomicLong();
  static final AtomicLong READ_WHEN_FIRST_SEEN = new AtomicLong(-1);
  static final AtomicLong SEEN = new AtomicLong();

  @TempDir Path dir;

  @Test
  void aFilesRecordsReachTheNextStepWhileTheFileIsStillBeingRead() throws IOException {
    Files.writeString(dir.resolve("lines.txt"),
        IntStream.range(0, LINES).mapToObj(i -> "record " + i).collect(Collectors.joining("\n", "", "\n")));
    Pipeline p = Pipeline.create(RunnerKind.spark.options(1));
    p.apply(MatchedFiles.of(dir.resolve("*.txt").toString()))
        .apply("Read lines", ParDo.of(WholeFileFn.of(new Lines(), p.getOptions())))
        .setCoder(StringUtf8Coder.of())
        .apply("Observe", ParDo.of(new Observe()));
    p.run().waitUntilFinish();

    assertEquals(LINES, SEEN.get(), "every line reaches the next step");
    assertTrue(READ_WHEN_FIRST_SEEN.get() >= 1 && READ_WHEN_FIRST_SEEN.get() < LINES / 2,
        "the first line reached the next step after " + READ_WHEN_FIRST_SEEN.get() + " of " + LINES
            + " lines were read: the runner buffered the file's records instead of streaming them");
  }

  static final class Lines implements WholeFileFn.Reader<String> {
    @Override
    public void read(DoFn<FileIO.ReadableFile, String>.ProcessContext c) throws IOException {
      try (BufferedReader r = new BufferedReader(Channels.newReader(c.element().open(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          READ.incrementAndGet();
          c.output(line);
        }
      }
    }
  }

  static final class Observe extends DoFn<String, Void> {
    @ProcessElement
    public void process(@Element String line) {
      READ_WHEN_FIRST_SEEN.compareAndSet(-1, READ.get());
      SEEN.incrementAndGet();
    }
  }
}
