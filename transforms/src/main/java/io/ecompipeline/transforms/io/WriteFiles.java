package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.GlobalBundles;
import io.ecompipeline.transforms.util.InMemoryBytes;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Writes the files of any number of tables: each element is keyed by its file's path relative to
 * its table's folder; each file gets its elements sorted, so the same elements give byte-identical
 * files on every runner and re-run (Beam's sharded writers name and fill shards in processing
 * order). All tables share one shuffle — on Flink and Spark every extra GroupByKey costs task
 * scheduling that dominates small days. Emits each file (written, or kept as it is live) with its
 * element count.
 */
public final class WriteFiles extends PTransform<PBegin, PCollection<KV<String, Long>>> {
  private final List<Target<?>> targets;

  private WriteFiles(List<Target<?>> targets) {
    this.targets = targets;
  }

  public static WriteFiles create() {
    return new WriteFiles(List.of());
  }

  /** Parquet files of {@code table} under {@code dir}. */
  public WriteFiles parquet(Table table, String dir, PCollection<KV<String, Row>> files) {
    return parquet(table, dir, null, files);
  }

  /**
   * As above, where a file whose counterpart under {@code liveDir} (the same relative path)
   * already holds exactly its rows is not written at all: an empty marker (its path +
   * {@link LakePublisher#KEPT}) tells the publisher to keep the live file. Most files of a lake
   * with a long history do not change from one day to the next.
   */
  public WriteFiles parquet(Table table, String dir, String liveDir, PCollection<KV<String, Row>> files) {
    return with(new Target<>(table.name(), dir, liveDir, new ParquetFormat(table), table.rowCoder(), files));
  }

  /** JSON Lines files under {@code dir}; {@code name} names the metric. */
  public WriteFiles jsonLines(String name, String dir, PCollection<KV<String, String>> files) {
    return with(new Target<>(name, dir, null, new JsonLinesFormat(), StringUtf8Coder.of(), files));
  }

  /** The counter of the files of {@code name} kept as their live counterpart rather than written. */
  public static String reusedFiles(String name) {
    return "write." + name + ".files_reused";
  }

  private WriteFiles with(Target<?> target) {
    List<Target<?>> all = new ArrayList<>(targets);
    all.add(target);
    return new WriteFiles(List.copyOf(all));
  }

  @Override
  public PCollection<KV<String, Long>> expand(PBegin begin) {
    List<PCollection<KV<String, byte[]>>> encoded = new ArrayList<>();
    List<Encoding<?>> encodings = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target<?> t = targets.get(i);
      encodings.add(t.encoding());
      encoded.add(t.encode(i));
    }
    return PCollectionList.of(encoded)
        .apply("All files", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
        .apply("One window", Window.into(new AllTime()))
        .apply("Group by file", GroupByKey.create())
        .apply("Write sorted", ParDo.of(new WriteFileFn(encodings)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("Global window", Window.into(new GlobalWindows()));
  }

  /**
   * One window holding all time, like the global window but not it. Beam's Spark runner groups in
   * the global window by collecting each key's values into a list (map-side combined and
   * Java-serialised), and here a key is a whole file: a scale-100 day's clickstream partition of
   * 10M rows ran a 16 GiB heap out. In any other non-merging window it sorts and streams each
   * group, as Flink does in both (its non-merging translation covers this window too).
   */
  static final class AllTime extends NonMergingWindowFn<Object, IntervalWindow> {
    private static final IntervalWindow ALL_TIME =
        new IntervalWindow(BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE.maxTimestamp());

    @Override
    public Collection<IntervalWindow> assignWindows(AssignContext c) {
      return List.of(ALL_TIME);
    }

    @Override
    public boolean isCompatible(WindowFn<?, ?> other) {
      return other instanceof AllTime;
    }

    @Override
    public Coder<IntervalWindow> windowCoder() {
      return IntervalWindow.getCoder();
    }

    @Override
    public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
      throw new UnsupportedOperationException("the writer's window is never a side input");
    }
  }

  /** How a target's elements are encoded, ordered and written; shipped to the workers. */
  private record Encoding<T>(String name, String dir, String liveDir, FileFormat<T> format, Coder<T> coder)
      implements Serializable {
    /**
     * Writes one file from its chunks, each chunk its elements' digest and then the elements in
     * the format's order ({@link EncodeFn}), or, when the live file records the same digest, only
     * the marker that keeps it.
     */
    void write(String relative, Iterable<byte[]> chunks, DoFn.OutputReceiver<KV<String, Long>> out) throws IOException {
      List<byte[]> runs = new ArrayList<>();
      ContentDigest digest = new ContentDigest();
      for (byte[] chunk : chunks) {
        runs.add(chunk);
        digest.addHeaderOf(chunk);
      }
      String content = digest.recorded(format.encoding());
      String path = LakePaths.join(dir, relative);
      MatchResult.Metadata live = liveDir == null ? null
          : LakeFiles.matchMetadata(LakePaths.join(liveDir, relative)).stream().findFirst().orElse(null);
      long rows;
      if (live != null && content.equals(format.recordedContent(live))) {
        FileSystems.create(FileSystems.matchNewResource(path + LakePublisher.KEPT, false), "application/octet-stream").close();
        Metrics.counter(WriteFiles.class, reusedFiles(name)).inc();
        rows = digest.count();
      } else {
        SortedRuns<T> elements = new SortedRuns<>(runs, ContentDigest.BYTES, coder, format.order());
        try (WritableByteChannel channel = FileSystems.create(FileSystems.matchNewResource(path, false), "application/octet-stream")) {
          format.write(elements, channel, content);
        }
        rows = elements.taken();
      }
      Metrics.counter(WriteFiles.class, "write." + name + ".rows").inc(rows);
      out.output(KV.of(path, rows));
    }
  }

  private record Target<T>(String name, String dir, String liveDir, FileFormat<T> format, Coder<T> coder,
      PCollection<KV<String, T>> files) {
    Encoding<T> encoding() {
      return new Encoding<>(name, dir, liveDir, format, coder);
    }

    PCollection<KV<String, byte[]>> encode(int index) {
      return files.apply("Encode " + name, ParDo.of(new EncodeFn<>(index, encoding())));
    }
  }

  /**
   * Keys each element by "target index / relative path" and encodes it with its own coder, many
   * elements of one file into one chunk, sorted in the file's order: the shuffle then sorts and
   * moves chunks, not rows, and the writer merges a file's chunks without decoding them all at
   * once. Each shuffled element costs the runner a record, a window and, as most keys are equal
   * here, a full key comparison in Flink's sort; a chunk closes at {@link #CHUNK_BYTES} or at the
   * bundle's end.
   */
  private static final class EncodeFn<T> extends DoFn<KV<String, T>, KV<String, byte[]>> {
    static final int CHUNK_BYTES = 64 << 10;
    private final int index;
    private final Encoding<T> encoding;
    private transient Map<String, Chunk<T>> chunks;
    private transient Comparator<T> order;

    EncodeFn(int index, Encoding<T> encoding) {
      this.index = index;
      this.encoding = encoding;
    }

    @StartBundle
    public void startBundle() {
      chunks = new HashMap<>();
      order = encoding.format().order();
    }

    @ProcessElement
    public void process(@Element KV<String, T> e, OutputReceiver<KV<String, byte[]>> out) throws IOException {
      String key = index + "/" + e.getKey();
      Chunk<T> chunk = chunks.computeIfAbsent(key, k -> new Chunk<>());
      chunk.add(e.getValue(), encoding.coder());
      if (chunk.bytes() >= CHUNK_BYTES) {
        out.output(KV.of(key, chunk.sorted(order)));
        chunks.remove(key);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      chunks.forEach((key, chunk) ->
          GlobalBundles.emit(c, KV.of(key, chunk.sorted(order))));
      chunks = null;
    }
  }

  /**
   * Elements of one file, encoded one after another into one buffer as they come, until they are
   * enough for a chunk; sorting then copies each element's bytes once, in the file's order, after
   * their {@link ContentDigest}.
   */
  private static final class Chunk<T> {
    private final List<T> elements = new ArrayList<>();
    private final InMemoryBytes.Output encoded = new InMemoryBytes.Output(4 << 10);
    private final ContentDigest digest = new ContentDigest();
    /** Where each element's encoding ends in {@link #encoded}. */
    private int[] ends = new int[64];

    void add(T element, Coder<T> coder) throws IOException {
      int start = encoded.size();
      coder.encode(element, encoded); // nested: a chunk is a sequence of elements
      if (elements.size() == ends.length) {
        ends = Arrays.copyOf(ends, ends.length * 2);
      }
      ends[elements.size()] = encoded.size();
      elements.add(element);
      digest.add(encoded.bytes(), start, encoded.size());
    }

    int bytes() {
      return encoded.size();
    }

    byte[] sorted(Comparator<T> order) {
      Integer[] at = new Integer[elements.size()];
      Arrays.setAll(at, i -> i);
      Arrays.sort(at, (a, b) -> order.compare(elements.get(a), elements.get(b)));
      byte[] out = new byte[ContentDigest.BYTES + encoded.size()];
      digest.writeTo(out);
      int pos = ContentDigest.BYTES;
      for (int i : at) {
        int from = i == 0 ? 0 : ends[i - 1];
        int length = ends[i] - from;
        System.arraycopy(encoded.bytes(), from, out, pos, length);
        pos += length;
      }
      return out;
    }
  }

  private static final class WriteFileFn extends DoFn<KV<String, Iterable<byte[]>>, KV<String, Long>> {
    private final List<Encoding<?>> encodings;

    WriteFileFn(List<Encoding<?>> encodings) {
      this.encodings = encodings;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<byte[]>> file, OutputReceiver<KV<String, Long>> out)
        throws IOException {
      String key = file.getKey();
      int slash = key.indexOf('/');
      encodings.get(Integer.parseInt(key.substring(0, slash))).write(key.substring(slash + 1), file.getValue(), out);
    }
  }
}
