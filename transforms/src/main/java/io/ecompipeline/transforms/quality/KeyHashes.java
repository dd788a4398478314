package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.io.ParquetFileRows;
import io.ecompipeline.transforms.util.GlobalBundles;
import io.ecompipeline.transforms.util.Hash64;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.io.FileIO;
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
 * A compact set of natural keys: their 64-bit hashes, sorted, and the least and greatest key. Small
 * enough to hand to every worker as a side input (8 bytes a key); a hash collision can only make a
 * key look present, which costs work (a file read back for nothing), never a wrong result. The
 * bounds let a reader skip a file whose key column's statistics lie outside them without reading
 * a row: a day's new events, orders or sessions have ids its history's files do not span.
 */
final class KeyHashes {
  /** Code point order: the order of the keys' UTF-8 bytes, in which Parquet keeps a text column's minimum and maximum. */
  static final Comparator<String> TEXT_ORDER = KeyHashes::compareCodePoints;

  private static final KeyHashes EMPTY = new KeyHashes(new long[0], null, null);

  private final long[] sorted;
  private final String least;
  private final String greatest;

  private KeyHashes(long[] sorted, String least, String greatest) {
    this.sorted = sorted;
    this.least = least;
    this.greatest = greatest;
  }

  boolean mightContain(String key) {
    return Arrays.binarySearch(sorted, hash(key)) >= 0;
  }

  /**
   * Whether a key from {@code min} to {@code max} (a file's statistics; null when unknown) may be
   * in the set: false only when the two ranges are known and apart.
   */
  boolean mayHoldKeysBetween(String min, String max) {
    return least == null || greatest == null || min == null || max == null
        || (TEXT_ORDER.compare(max, least) >= 0 && TEXT_ORDER.compare(min, greatest) <= 0);
  }

  /** Whether {@code file}'s text column {@code column} may hold one of these keys, by its statistics. */
  boolean mayBeIn(FileIO.ReadableFile file, String column) throws IOException {
    ParquetFileRows.TextRange range = ParquetFileRows.textRange(file, column);
    return mayHoldKeysBetween(range.min(), range.max());
  }

  int size() {
    return sorted.length;
  }

  /** The set a side input of {@link #collected()} holds (the empty set when there were no keys). */
  static KeyHashes from(Iterable<KeyHashes> sideInput) {
    Iterator<KeyHashes> sets = sideInput.iterator();
    return sets.hasNext() ? sets.next() : EMPTY;
  }

  /** The keys of {@code keyed} (e.g. today's rows keyed by natural key), as a side input. */
  static <V> PCollectionView<Iterable<KeyHashes>> ofKeys(PCollection<KV<String, V>> keyed) {
    return keyed
        .apply("Today's keys", MapElements.into(TypeDescriptors.strings()).via((KV<String, V> kv) -> kv.getKey()))
        .apply("Their set", collected());
  }

  /** The set of the keys of a collection in the global window, as a side input. */
  static PTransform<PCollection<String>, PCollectionView<Iterable<KeyHashes>>> collected() {
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
  private static final class Collected extends PTransform<PCollection<String>, PCollectionView<Iterable<KeyHashes>>> {
    @Override
    public PCollectionView<Iterable<KeyHashes>> expand(PCollection<String> keys) {
      GlobalBundles.requireGlobalWindow(keys, "key hashes");
      return keys
          .apply("Hashes of each bundle", ParDo.of(new PerBundle(PerBundle.MAX_HASHES)))
          .setCoder(new PieceCoder())
          .apply("One key", WithKeys.of((Void) null))
          .setCoder(KvCoder.of(VoidCoder.of(), new PieceCoder()))
          .apply("All arrays", GroupByKey.create())
          .apply("All hashes", ParDo.of(new SetOfArrays()))
          .setCoder(new HashesCoder())
          // An iterable of at most one set, not a singleton: Beam's singleton view is a combine,
          // whose combiner must fit the whole set into its sort buffer.
          .apply("As a side input", View.asIterable());
    }
  }

  /** The set of every piece's hashes, within the pieces' bounds. */
  private static final class SetOfArrays extends DoFn<KV<Void, Iterable<Piece>>, KeyHashes> {
    @ProcessElement
    public void process(@Element KV<Void, Iterable<Piece>> pieces, OutputReceiver<KeyHashes> out) {
      long[] all = Collect.empty();
      String least = null;
      String greatest = null;
      for (Piece piece : pieces.getValue()) {
        all = Collect.addAll(all, piece.hashes());
        least = lesser(least, piece.least());
        greatest = greater(greatest, piece.greatest());
      }
      out.output(Collect.set(all, least, greatest));
    }
  }

  /**
   * Hashes in {@link Collect}'s accumulator layout, and the least and greatest of their keys (null
   * when there are none).
   */
  record Piece(long[] hashes, String least, String greatest) {}

  /** The lesser of two bounds in {@link #TEXT_ORDER}; null stands for none. */
  private static String lesser(String a, String b) {
    return a == null ? b : b == null || TEXT_ORDER.compare(a, b) <= 0 ? a : b;
  }

  /** The greater of two bounds in {@link #TEXT_ORDER}; null stands for none. */
  private static String greater(String a, String b) {
    return a == null ? b : b == null || TEXT_ORDER.compare(a, b) >= 0 ? a : b;
  }

  /**
   * A bundle's keys as pieces of at most {@link #MAX_HASHES} hashes each (512 KiB; {@link
   * GlobalBundles#MAX_RECORD_BYTES}).
   */
  static final class PerBundle extends DoFn<String, Piece> {
    static final int MAX_HASHES = GlobalBundles.MAX_RECORD_BYTES / Long.BYTES;
    private final int maxHashes;
    private transient long[] hashes;
    private transient String least;
    private transient String greatest;

    PerBundle(int maxHashes) {
      this.maxHashes = maxHashes;
    }

    @StartBundle
    public void startBundle() {
      hashes = Collect.empty();
      least = null;
      greatest = null;
    }

    @ProcessElement
    public void process(@Element String key, OutputReceiver<Piece> out) {
      hashes = Collect.append(hashes, hash(key));
      least = lesser(least, key);
      greatest = greater(greatest, key);
      if (hashes[0] >= maxHashes) {
        out.output(piece());
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (hashes[0] > 0) {
        GlobalBundles.emit(c, piece());
      }
      hashes = null;
    }

    private Piece piece() {
      Piece piece = new Piece(Arrays.copyOf(hashes, (int) hashes[0] + 1), least, greatest);
      startBundle();
      return piece;
    }
  }

  /** FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser to spread the bits. */
  static long hash(String key) {
    return Hash64.mix(Hash64.fnv1a(key));
  }

  /** Compares by code point: {@link String#compareTo} compares UTF-16 units, which sorts U+E000–U+FFFF after the supplementary characters. */
  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Only a surrogate against a unit of U+E000–U+FFFF sorts differently by code point.
        boolean xs = Character.isSurrogate(x);
        if (xs != Character.isSurrogate(y) && (xs ? y : x) >= '\uE000') {
          return xs ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
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

    /** The set of {@code acc}'s hashes, whose keys run from {@code least} to {@code greatest} (null when unknown). */
    static KeyHashes set(long[] acc, String least, String greatest) {
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
      return new KeyHashes(Arrays.copyOf(hashes, distinct), least, greatest);
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

  /** A piece: its hashes as {@link LongsCoder} writes them, then its bounds. */
  static final class PieceCoder extends CustomCoder<Piece> {
    private static final Coder<String> BOUND = NullableCoder.of(StringUtf8Coder.of());
    private final LongsCoder longs = new LongsCoder();

    @Override
    public void encode(Piece value, OutputStream out) throws IOException {
      longs.encode(value.hashes(), out);
      BOUND.encode(value.least(), out);
      BOUND.encode(value.greatest(), out);
    }

    @Override
    public Piece decode(InputStream in) throws IOException {
      return new Piece(longs.decode(in), BOUND.decode(in), BOUND.decode(in));
    }
  }

  static final class HashesCoder extends CustomCoder<KeyHashes> {
    private final PieceCoder pieces = new PieceCoder();

    @Override
    public void encode(KeyHashes value, OutputStream out) throws IOException {
      long[] acc = new long[value.sorted.length + 1];
      acc[0] = value.sorted.length;
      System.arraycopy(value.sorted, 0, acc, 1, value.sorted.length);
      pieces.encode(new Piece(acc, value.least, value.greatest), out);
    }

    @Override
    public KeyHashes decode(InputStream in) throws IOException {
      Piece piece = pieces.decode(in);
      return new KeyHashes(Arrays.copyOfRange(piece.hashes(), 1, piece.hashes().length), piece.least(), piece.greatest());
    }
  }
}
