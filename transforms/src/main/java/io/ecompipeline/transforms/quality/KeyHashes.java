package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.util.GlobalBundles;
import io.ecompipeline.transforms.util.Hash64;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A compact set of natural keys: their 64-bit hashes, sorted. Small enough to hand to every worker
 * as a side input (8 bytes a key); a hash collision can only make a key look present, which costs
 * work (a file read back for nothing), never a wrong result.
 */
final class KeyHashes {
  private static final KeyHashes EMPTY = new KeyHashes(new long[0]);

  private final long[] sorted;

  private KeyHashes(long[] sorted) {
    this.sorted = sorted;
  }

  boolean mightContain(String key) {
    return Arrays.binarySearch(sorted, hash(key)) >= 0;
  }

  int size() {
    return sorted.length;
  }

  /** The set a side input of {@link #collected()} holds (the empty set when there were no keys). */
  static KeyHashes from(Iterable<KeyHashes> sideInput) {
    Iterator<KeyHashes> sets = sideInput.iterator();
    return sets.hasNext() ? sets.next() : EMPTY;
  }

  /** The hashes of the keys of {@code keyed} (e.g. today's rows keyed by natural key), as a side input. */
  static <V> PCollectionView<Iterable<KeyHashes>> ofKeys(PCollection<KV<String, V>> keyed) {
    return keyed
        .apply("Hash today's keys", MapElements.into(TypeDescriptors.longs()).via((KV<String, V> kv) -> hash(kv.getKey())))
        .apply("Today's keys", collected());
  }

  /** The set of the hashes of a collection in the global window, as a side input. */
  static PTransform<PCollection<Long>, PCollectionView<Iterable<KeyHashes>>> collected() {
    return new Collected();
  }

  /**
   * Each bundle's hashes travel as arrays to one group, where they are merged into the set: Flink's
   * combine sorts its input element by element, comparing serialized keys (a day's million
   * clickstream keys were ~1% of a run), though a global combine's elements all have the same key.
   * A group, not a combine: a combine's accumulator crosses Flink's sort as one record, and a
   * scale-100 day's set (10M hashes) exceeded its buffer ("The record exceeds the maximum size of
   * a sort buffer", session 23); a group streams the arrays, each within a buffer.
   */
  private static final class Collected extends PTransform<PCollection<Long>, PCollectionView<Iterable<KeyHashes>>> {
    @Override
    public PCollectionView<Iterable<KeyHashes>> expand(PCollection<Long> hashes) {
      GlobalBundles.requireGlobalWindow(hashes, "key hashes");
      return hashes
          .apply("Hashes of each bundle", ParDo.of(new PerBundle(PerBundle.MAX_HASHES)))
          .setCoder(new LongsCoder())
          .apply("One key", WithKeys.of((Void) null))
          .setCoder(KvCoder.of(VoidCoder.of(), new LongsCoder()))
          .apply("All arrays", GroupByKey.create())
          .apply("All hashes", ParDo.of(new SetOfArrays()))
          .setCoder(new HashesCoder())
          // An iterable of at most one set, not a singleton: Beam's singleton view is a combine,
          // whose combiner must fit the whole set into its sort buffer.
          .apply("As a side input", View.asIterable());
    }
  }

  /** The set of every array's hashes. */
  private static final class SetOfArrays extends DoFn<KV<Void, Iterable<long[]>>, KeyHashes> {
    @ProcessElement
    public void process(@Element KV<Void, Iterable<long[]>> arrays, OutputReceiver<KeyHashes> out) {
      long[] all = Collect.empty();
      for (long[] a : arrays.getValue()) {
        all = Collect.addAll(all, a);
      }
      out.output(Collect.set(all));
    }
  }

  /**
   * A bundle's hashes as arrays in {@link Collect}'s accumulator layout, of at most {@link
   * #MAX_HASHES} each (512 KiB; {@link GlobalBundles#MAX_RECORD_BYTES}).
   */
  static final class PerBundle extends DoFn<Long, long[]> {
    static final int MAX_HASHES = GlobalBundles.MAX_RECORD_BYTES / Long.BYTES;
    private final int maxHashes;
    private transient long[] hashes;

    PerBundle(int maxHashes) {
      this.maxHashes = maxHashes;
    }

    @StartBundle
    public void startBundle() {
      hashes = Collect.empty();
    }

    @ProcessElement
    public void process(@Element Long hash, OutputReceiver<long[]> out) {
      hashes = Collect.append(hashes, hash);
      if (hashes[0] >= maxHashes) {
        out.output(Arrays.copyOf(hashes, (int) hashes[0] + 1));
        hashes = Collect.empty();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (hashes[0] > 0) {
        GlobalBundles.emit(c, hashes);
      }
      hashes = null;
    }
  }

  /** FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser to spread the bits. */
  static long hash(String key) {
    return Hash64.mix(Hash64.fnv1a(key));
  }

  /** Arrays of key hashes, count first ({@code [n, h1, …, hn, spare…]}), and the set they make. */
  static final class Collect {
    private Collect() {}

    static long[] empty() {
      return new long[] {0L}; // [0] holds the count; hashes follow
    }

    static long[] append(long[] acc, long hash) {
      int n = (int) acc[0];
      if (n + 1 >= acc.length) {
        acc = Arrays.copyOf(acc, Math.max(16, acc.length * 2));
      }
      acc[n + 1] = hash;
      acc[0] = n + 1;
      return acc;
    }

    /** {@code acc} with {@code hashes}' hashes after its own (a new array when it is too small). */
    static long[] addAll(long[] acc, long[] hashes) {
      int n = (int) acc[0];
      int m = (int) hashes[0];
      if (n + m >= acc.length) {
        acc = Arrays.copyOf(acc, Math.max(n + m + 1, acc.length * 2));
      }
      System.arraycopy(hashes, 1, acc, n + 1, m);
      acc[0] = n + m;
      return acc;
    }

    static KeyHashes set(long[] acc) {
      long[] hashes = Arrays.copyOfRange(acc, 1, (int) acc[0] + 1);
      Arrays.sort(hashes);
      // Duplicates are adjacent once sorted: squeezed out in place (a stream's distinct() boxes
      // every hash into a hash set: a million of them for a day's clickstream).
      int distinct = 0;
      for (int i = 0; i < hashes.length; i++) {
        if (distinct == 0 || hashes[i] != hashes[distinct - 1]) {
          hashes[distinct++] = hashes[i];
        }
      }
      return new KeyHashes(Arrays.copyOf(hashes, distinct));
    }
  }

  /**
   * An accumulator: its count, then that many hashes (the spare capacity is not written), all
   * big-endian and in one write: a million hashes written one by one were a million calls into
   * the runner's stream.
   */
  static final class LongsCoder extends CustomCoder<long[]> {
    @Override
    public void encode(long[] value, OutputStream out) throws IOException {
      int n = (int) value[0];
      ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + n * Long.BYTES);
      bytes.putInt(n).asLongBuffer().put(value, 1, n);
      out.write(bytes.array());
    }

    @Override
    public long[] decode(InputStream in) throws IOException {
      int n = ByteBuffer.wrap(readFully(in, Integer.BYTES)).getInt();
      long[] value = new long[n + 1];
      value[0] = n;
      ByteBuffer.wrap(readFully(in, n * Long.BYTES)).asLongBuffer().get(value, 1, n);
      return value;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new EOFException("key hashes cut short: " + bytes.length + " of " + length + " bytes");
      }
      return bytes;
    }
  }

  static final class HashesCoder extends CustomCoder<KeyHashes> {
    private final LongsCoder longs = new LongsCoder();

    @Override
    public void encode(KeyHashes value, OutputStream out) throws IOException {
      long[] acc = new long[value.sorted.length + 1];
      acc[0] = value.sorted.length;
      System.arraycopy(value.sorted, 0, acc, 1, value.sorted.length);
      longs.encode(acc, out);
    }

    @Override
    public KeyHashes decode(InputStream in) throws IOException {
      long[] acc = longs.decode(in);
      return new KeyHashes(Arrays.copyOfRange(acc, 1, acc.length));
    }
  }
}
