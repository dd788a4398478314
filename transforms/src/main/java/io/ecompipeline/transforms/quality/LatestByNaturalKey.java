package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.BundleSideInput;
import io.ecompipeline.transforms.util.DecodeRows;
import io.ecompipeline.transforms.util.InMemoryBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The dedup rule of contract §3, in one place: per natural key ({@link Table#key()}) of today's
 * valid rows and the previous silver rows, keep the version with the greatest {@code updated_at}
 * (when the table has one); ties, and tables without it, go to the later ingest date, then file
 * name, then line.
 *
 * <p>An exact re-send (every non-lineage column equal to a version already present) is not a new
 * version: the version keeps the lineage of its first arrival and the re-send counts as a
 * duplicate. This keeps silver stable when a source sends the same data twice, and makes a re-run
 * of a day a no-op (a row compared with itself from the previous run is a tie on everything).
 *
 * <p>Counters {@code silver.<entity>.accepted} (today's rows that are in the output) and
 * {@code silver.<entity>.duplicates} (today's rows that are not) complete the accounting
 * read = accepted + quarantined + duplicates. Applied to a history table (key includes
 * {@code updated_at}) the same rule keeps every distinct version.
 */
public final class LatestByNaturalKey extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final Table table;
  private final PCollection<Row> previous;
  private final String countedEntity;
  private final boolean untouchedPassThrough;

  private LatestByNaturalKey(Table table, PCollection<Row> previous, String countedEntity, boolean untouchedPassThrough) {
    super("Latest " + table.name() + " by natural key");
    this.table = table;
    this.previous = previous;
    this.countedEntity = countedEntity;
    this.untouchedPassThrough = untouchedPassThrough;
  }

  /** Keeps the latest row per key of {@code table}; counts under the table's own name. */
  public static LatestByNaturalKey of(Table table) {
    return new LatestByNaturalKey(table, null, table.name(), false);
  }

  /** Merges with the previous silver rows of the table (which carry their lineage). */
  public LatestByNaturalKey withPrevious(PCollection<Row> previousSilver) {
    return new LatestByNaturalKey(table, previousSilver, countedEntity, untouchedPassThrough);
  }

  /** Counts accepted/duplicates under another entity's name (a history table counts for its entity). */
  public LatestByNaturalKey countingAs(String entity) {
    return new LatestByNaturalKey(table, previous, entity, untouchedPassThrough);
  }

  /** Does not count (when another merge of the same rows does the accounting). */
  public LatestByNaturalKey withoutCounting() {
    return new LatestByNaturalKey(table, previous, null, untouchedPassThrough);
  }

  /**
   * Previous rows whose key none of today's rows has do not go through the grouping: each is its
   * key's only version, so it is the latest, and it is output as it is. The grouping then shuffles
   * today's rows and the few previous versions they meet instead of the table's whole history.
   * The previous rows must be silver's (one row per key). Costs a set of today's key hashes handed
   * to every worker and a few more steps, which a small table does not repay.
   */
  public LatestByNaturalKey passingUntouchedThrough() {
    return new LatestByNaturalKey(table, previous, countedEntity, true);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> today) {
    return keyToday(table, today).apply("Merge with the previous rows", keyed());
  }

  /**
   * Today's rows keyed and encoded as the merge groups them, for a caller that reads them too
   * ({@link IncrementalMerge} hashes their keys): one keying, and the rows fan out as bytes.
   */
  static PCollection<KV<String, KV<Boolean, byte[]>>> keyToday(Table table, PCollection<Row> today) {
    return today.apply("Key today's rows", ParDo.of(new KeyBy(table.key(), table.rowCoder(), true))).setCoder(tagged());
  }

  /** The merge of rows keyed by {@link #keyToday} with the previous rows, under this merge's name. */
  PTransform<PCollection<KV<String, KV<Boolean, byte[]>>>, PCollection<Row>> keyed() {
    return new Keyed(this);
  }

  /**
   * Today's rows and the previous ones meet in one GroupByKey, each tagged with where it came
   * from: a CoGroupByKey would add a ParDo per input and one more after it, and every ParDo costs
   * the Flink translation several serialisations of the pipeline options (a small day's largest
   * fixed cost). The rows cross it encoded: Flink copies a record between operators and into its
   * sort buffers by decoding and re-encoding it with its coder, which for a byte array is a copy
   * and for a row is field by field (three times each before the group).
   */
  private static KvCoder<String, KV<Boolean, byte[]>> tagged() {
    return KvCoder.of(StringUtf8Coder.of(), KvCoder.of(BooleanCoder.of(), ByteArrayCoder.of()));
  }

  private static final class Keyed extends PTransform<PCollection<KV<String, KV<Boolean, byte[]>>>, PCollection<Row>> {
    private final LatestByNaturalKey merge;

    Keyed(LatestByNaturalKey merge) {
      super(merge.getName());
      this.merge = merge;
    }

    @Override
    public PCollection<Row> expand(PCollection<KV<String, KV<Boolean, byte[]>>> keyedToday) {
      Table table = merge.table;
      Coder<Row> rowCoder = table.rowCoder();
      PCollection<Row> prev = merge.previous != null
          ? merge.previous
          : keyedToday.getPipeline().apply("No previous " + table.name(), Create.empty(rowCoder));
      PCollection<KV<String, KV<Boolean, byte[]>>> keyedPrevious;
      PCollection<Row> untouched = null;
      if (merge.untouchedPassThrough) {
        PCollectionView<Iterable<KeyHashes>> todaysKeys = KeyHashes.ofKeys(keyedToday);
        PCollectionTuple split = prev.apply("Key previous rows of today's keys",
            ParDo.of(new KeyTouched(table.key(), rowCoder, todaysKeys)).withSideInputs(todaysKeys)
                .withOutputTags(KeyTouched.TOUCHED, TupleTagList.of(KeyTouched.UNTOUCHED)));
        keyedPrevious = split.get(KeyTouched.TOUCHED);
        untouched = split.get(KeyTouched.UNTOUCHED).setCoder(ByteArrayCoder.of())
            .apply("Decode untouched previous rows", ParDo.of(new DecodeRows(rowCoder)))
            .setCoder(table.rowCoder());
      } else {
        keyedPrevious = prev.apply("Key previous rows", ParDo.of(new KeyBy(table.key(), rowCoder, false)));
      }
      PCollection<Row> latest = PCollectionList
          .of(keyedToday)
          .and(keyedPrevious.setCoder(tagged()))
          .apply("Today's and previous rows", Flatten.pCollections())
          .apply("Group by natural key", GroupByKey.create())
          .apply("Keep the latest version", ParDo.of(new KeepLatest(table, rowCoder, merge.countedEntity)))
          .setCoder(table.rowCoder());
      return untouched == null ? latest
          : PCollectionList.of(latest).and(untouched)
              .apply("With the untouched previous rows", Flatten.pCollections())
              .setCoder(table.rowCoder());
    }
  }

  /**
   * A stable text key of the key columns (values are required, so never null). Logical types give
   * their base value (a timestamp its epoch microseconds), as a key read back from a Parquet file
   * does ({@link io.ecompipeline.transforms.io.ParquetFileRows#anyRow}).
   */
  static String keyOf(Row row, List<String> key) {
    Object[] values = new Object[key.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getBaseValue(key.get(i));
    }
    return keyOf(Arrays.asList(values));
  }

  /** The key text of key values given in key-column order, e.g. as read back from a file. */
  static String keyOf(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append('\u001f');
      }
      sb.append(v == null ? "\u0000" : v.toString());
    }
    return sb.toString();
  }

  /** Keys a row, encoded, by its natural key, tagged whether it is one of today's rows. */
  static final class KeyBy extends DoFn<Row, KV<String, KV<Boolean, byte[]>>> {
    private final List<String> key;
    private final Coder<Row> rowCoder;
    private final boolean today;
    private transient InMemoryBytes.Output buffer;

    KeyBy(List<String> key, Coder<Row> rowCoder, boolean today) {
      this.key = key;
      this.rowCoder = rowCoder;
      this.today = today;
    }

    @Setup
    public void setup() {
      buffer = new InMemoryBytes.Output(1 << 10);
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, KV<Boolean, byte[]>>> out) {
      out.output(KV.of(keyOf(row, key), KV.of(today, InMemoryBytes.encode(rowCoder, row, buffer))));
    }
  }

  /**
   * Keys a previous row as {@link KeyBy} does when today's rows may hold its key (a hash collision
   * only sends a row through the grouping for nothing); outputs the others, most of them, to {@link
   * #UNTOUCHED}, encoded ({@link DecodeRows} says why).
   */
  static final class KeyTouched extends DoFn<Row, KV<String, KV<Boolean, byte[]>>> {
    static final TupleTag<KV<String, KV<Boolean, byte[]>>> TOUCHED = new TupleTag<>("touched");
    static final TupleTag<byte[]> UNTOUCHED = new TupleTag<>("untouched");

    private final List<String> key;
    private final Coder<Row> rowCoder;
    private final BundleSideInput<Iterable<KeyHashes>> todaysKeys;
    private transient InMemoryBytes.Output buffer;

    KeyTouched(List<String> key, Coder<Row> rowCoder, PCollectionView<Iterable<KeyHashes>> todaysKeys) {
      this.key = key;
      this.rowCoder = rowCoder;
      this.todaysKeys = BundleSideInput.of(todaysKeys);
    }

    @Setup
    public void setup() {
      buffer = new InMemoryBytes.Output(1 << 10);
    }

    @StartBundle
    public void startBundle() {
      todaysKeys.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      Row row = c.element();
      String k = keyOf(row, key);
      byte[] encoded = InMemoryBytes.encode(rowCoder, row, buffer);
      if (KeyHashes.from(todaysKeys.get(c, window)).mightContain(k)) {
        c.output(KV.of(k, KV.of(false, encoded)));
      } else {
        c.output(UNTOUCHED, encoded);
      }
    }
  }

  /** Which of two versions of a key is later (contract §3): updated_at, ingest date, file, line. */
  public static Comparator<Row> versionOrder(Table table) {
    boolean hasUpdatedAt = table.columns().stream().anyMatch(c -> c.name().equals("updated_at"));
    List<String> order = new ArrayList<>();
    if (hasUpdatedAt) {
      order.add("updated_at");
    }
    order.addAll(ARRIVAL);
    return table.orderBy(order);
  }

  /** The order of arrival: ingest date, then file name, then line. */
  private static final List<String> ARRIVAL = List.of("ingest_date", "source_file", "source_line");

  static final class KeepLatest extends DoFn<KV<String, Iterable<KV<Boolean, byte[]>>>, Row> {
    private final Table table;
    private final Coder<Row> rowCoder;
    private final Counter accepted;
    private final Counter duplicates;
    private transient Comparator<Row> later;
    private transient Comparator<Row> arrival;
    private transient int[] contentColumns;

    KeepLatest(Table table, Coder<Row> rowCoder, String countedEntity) {
      this.table = table;
      this.rowCoder = rowCoder;
      this.accepted = countedEntity == null ? null : SilverCounters.counter(SilverCounters.accepted(countedEntity));
      this.duplicates = countedEntity == null ? null : SilverCounters.counter(SilverCounters.duplicates(countedEntity));
    }

    @Setup
    public void setup() {
      // A total order, so the winner never depends on the order the runner delivers rows in.
      later = versionOrder(table).thenComparing(table.rowOrder());
      arrival = table.orderBy(ARRIVAL).thenComparing(table.rowOrder());
      contentColumns = table.columns().stream().map(Column::name)
          .filter(n -> SilverTables.LINEAGE.stream().noneMatch(l -> l.name().equals(n)))
          .mapToInt(n -> table.beamSchema().indexOf(n))
          .toArray();
    }

    private List<Object> content(Row r) {
      Object[] values = new Object[contentColumns.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.getValue(contentColumns[i]);
      }
      return Arrays.asList(values);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Boolean, byte[]>>> group, OutputReceiver<Row> out) {
      Iterator<KV<Boolean, byte[]>> versions = group.getValue().iterator();
      KV<Boolean, byte[]> first = versions.next();
      if (!versions.hasNext()) {
        // Most keys have one version (a new key today, or an old one untouched): nothing to choose.
        out.output(InMemoryBytes.decode(rowCoder, first.getValue()));
        if (accepted != null && first.getKey()) {
          accepted.inc();
        }
        return;
      }
      List<Row> todays = new ArrayList<>();
      List<Row> all = new ArrayList<>();
      // On with the same iterator: Flink's grouped values can be iterated once only.
      for (KV<Boolean, byte[]> tagged = first; tagged != null; tagged = versions.hasNext() ? versions.next() : null) {
        Row row = InMemoryBytes.decode(rowCoder, tagged.getValue());
        all.add(row);
        if (tagged.getKey()) {
          todays.add(row);
        }
      }
      Row winner = all.stream().max(later).orElseThrow();
      // An exact re-send is not a new version: the version keeps its first arrival's lineage.
      List<Object> winning = content(winner);
      Row kept = all.stream().filter(r -> content(r).equals(winning)).min(arrival).orElseThrow();
      out.output(kept);
      if (accepted != null) {
        for (Row r : todays) {
          (r.equals(kept) ? accepted : duplicates).inc();
        }
      }
    }
  }
}
