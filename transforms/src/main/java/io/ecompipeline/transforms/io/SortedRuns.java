package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.util.InMemoryBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;

/**
 * Runs of encoded elements, each run in order, merged into one ordered sequence and decoded one
 * element at a time. A file's rows stay encoded until they are written: a decoded Beam row takes
 * several times its encoded size, and a scale-100 clickstream file has 10M of them.
 */
final class SortedRuns<T> implements Iterator<T> {
  private final Comparator<T> order;
  /** A binary min-heap of the runs by their next element. */
  private final List<Run<T>> heap = new ArrayList<>();
  private long taken;

  SortedRuns(Iterable<byte[]> runs, Coder<T> coder, Comparator<T> order) {
    this(runs, 0, coder, order);
  }

  /** As above, where each run's elements start {@code offset} bytes in (after a header). */
  SortedRuns(Iterable<byte[]> runs, int offset, Coder<T> coder, Comparator<T> order) {
    this.order = order;
    for (byte[] run : runs) {
      Run<T> r = new Run<>(new InMemoryBytes.Input(run, offset), coder);
      if (r.advance()) {
        heap.add(r);
      }
    }
    for (int i = heap.size() / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /** How many elements {@link #next()} has returned. */
  long taken() {
    return taken;
  }

  @Override
  public boolean hasNext() {
    return !heap.isEmpty();
  }

  @Override
  public T next() {
    if (heap.isEmpty()) {
      throw new NoSuchElementException();
    }
    Run<T> top = heap.get(0);
    T element = top.head;
    if (top.advance()) {
      siftDown(0);
    } else {
      Run<T> last = heap.remove(heap.size() - 1);
      if (!heap.isEmpty()) {
        heap.set(0, last);
        siftDown(0);
      }
    }
    taken++;
    return element;
  }

  private void siftDown(int i) {
    int n = heap.size();
    Run<T> moving = heap.get(i);
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && order.compare(heap.get(child + 1).head, heap.get(child).head) < 0) {
        child++;
      }
      if (order.compare(heap.get(child).head, moving.head) >= 0) {
        break;
      }
      heap.set(i, heap.get(child));
      i = child;
    }
    heap.set(i, moving);
  }

  /** One run and its next element. */
  private static final class Run<T> {
    private final InMemoryBytes.Input in;
    private final Coder<T> coder;
    T head;

    Run(InMemoryBytes.Input in, Coder<T> coder) {
      this.in = in;
      this.coder = coder;
    }

    boolean advance() {
      if (in.available() == 0) {
        return false;
      }
      try {
        head = coder.decode(in);
      } catch (IOException e) {
        throw new UncheckedIOException("a run of encoded elements is corrupt", e);
      }
      return true;
    }
  }
}
