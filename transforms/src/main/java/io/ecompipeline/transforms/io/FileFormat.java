package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/** How a file of elements is written: in which order and in which encoding. */
interface FileFormat<T> extends Serializable {
  /** Sorts the elements so that the same elements always give the same bytes. */
  void sort(List<T> elements);

  void write(List<T> elements, WritableByteChannel out) throws IOException;
}
