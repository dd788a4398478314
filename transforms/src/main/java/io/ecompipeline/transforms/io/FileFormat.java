package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/** How a file of elements is written: in which order and in which encoding. */
interface FileFormat<T> extends Serializable {
  /** Sorts the elements so that the same elements always give the same bytes. */
  void sort(List<T> elements);

  /**
   * Writes the elements into {@code out} and leaves it open: the caller owns and closes it. Closing
   * twice is harmless on a local file but not on S3, where Beam's channel completes the multipart
   * upload on close and a second close sends one more part to the completed upload (404
   * NoSuchUpload), failing the run.
   */
  void write(List<T> elements, WritableByteChannel out) throws IOException;
}
