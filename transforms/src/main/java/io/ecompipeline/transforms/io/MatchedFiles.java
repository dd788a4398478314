package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The files matching a glob, listed when the pipeline is built and opened for reading. A run's
 * inputs (the day's bronze, the previous silver) are complete before its pipeline is built, so
 * listing then is exact; and unlike {@code FileIO.match()}, which reshuffles the matches (a
 * shuffle and a stage of its own per table on Flink), this costs no shuffle.
 */
public final class MatchedFiles extends PTransform<PBegin, PCollection<FileIO.ReadableFile>> {
  private final String glob;

  private MatchedFiles(String glob) {
    this.glob = glob;
  }

  /** A local path or {@code s3://} glob; matching nothing gives an empty collection. */
  public static MatchedFiles of(String glob) {
    return new MatchedFiles(glob);
  }

  @Override
  public PCollection<FileIO.ReadableFile> expand(PBegin input) {
    return input
        .apply("List files", Create.of(list(glob)).withCoder(MetadataCoderV2.of()))
        .apply("Open files", FileIO.readMatches());
  }

  private static List<MatchResult.Metadata> list(String glob) {
    try {
      return LakeFiles.matchMetadata(glob);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
  }
}
