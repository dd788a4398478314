package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.Comparator;
import java.util.Iterator;
import org.apache.beam.sdk.io.fs.MatchResult;

/** How a file of elements is written: in which order and in which encoding. */
interface FileFormat<T> extends Serializable {
  /** The order elements are written in; total, so that the same elements always give the same bytes. */
  Comparator<T> order();

  /**
   * Writes the elements, already in {@link #order()}, into {@code out} and leaves it open: the
   * caller owns and closes it. Closing twice is harmless on a local file but not on S3, where
   * Beam's channel completes the multipart upload on close and a second close sends one more part
   * to the completed upload (404 NoSuchUpload), failing the run.
   */
  void write(Iterator<T> elements, WritableByteChannel out, String content) throws IOException;

  /**
   * The content identity ({@link ContentDigest}, with {@link #encoding()}) that {@code file}
   * records, or null. A format that records it gets {@code content} in {@link #write}; a file
   * recording the identity of the elements to write already holds exactly the bytes they give.
   */
  default String recordedContent(MatchResult.Metadata file) throws IOException {
    return null;
  }

  /** The encoding (schema and settings) in every content identity: a change of it rewrites every file. */
  default String encoding() {
    return "none";
  }
}
