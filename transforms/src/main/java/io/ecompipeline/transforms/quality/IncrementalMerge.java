package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.MatchedFiles;
import io.ecompipeline.transforms.io.ParquetFileRows;
import io.ecompipeline.transforms.io.WholeFileFn;
import io.ecompipeline.transforms.schema.EpochMicros;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.NamedOutputs;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.coders.Coder;

/**
 * {@link LatestByNaturalKey} for a large silver table whose files each hold the rows of one
 * partition and one first-arrival ingest date: today's rows are merged only with the previous
 * files that hold one of today's keys (found by reading just the key columns of each file). Those
 * files are rewritten; every other file is left as it is. A run's cost then follows the day's
 * data, not the table's history.
 *
 * <p>Exact: every previous version of a key seen today is in a file that is read back, so the
 * winners and the accounting are those of a full merge. The rows of untouched files are still
 * produced ({@link Result#table()}) for the steps that need the whole table, unless {@link
 * #withoutWholeTable()} says none does: then an untouched file's footer is all that is read.
 */
public final class IncrementalMerge extends PTransform<PCollection<Row>, IncrementalMerge.Result> {
  private final Table table;
  private final String tableDir;
  private final boolean wholeTable;
  private final String countedEntity;

  private IncrementalMerge(Table table, String tableDir, boolean wholeTable, String countedEntity) {
    super("Merge " + table.name() + " into its files");
    this.table = table;
    this.tableDir = tableDir;
    this.wholeTable = wholeTable;
    this.countedEntity = countedEntity;
  }

  /**
   * Merges today's valid rows of {@code table} with the Parquet files under {@code tableDir}. Key
   * columns must be text, integers or timestamps: what a key read back from a file spells the
   * same way as the row's key.
   */
  public static IncrementalMerge of(Table table, String tableDir) {
    for (String k : table.key()) {
      Schema.FieldType type = table.beamSchema().getField(k).getType();
      Schema.TypeName name = type.getTypeName();
      boolean timestamp = name == Schema.TypeName.LOGICAL_TYPE && EpochMicros.IDENTIFIER.equals(type.getLogicalType().getIdentifier());
      if (!timestamp && name != Schema.TypeName.STRING && name != Schema.TypeName.INT32 && name != Schema.TypeName.INT64) {
        throw new IllegalArgumentException(table.name() + ": key column " + k + " must be text, an integer or a timestamp");
      }
    }
    return new IncrementalMerge(table, tableDir, true, table.name());
  }

  /** Leaves the rows of untouched files unread: {@link Result#table()} is then unavailable. */
  public IncrementalMerge withoutWholeTable() {
    return new IncrementalMerge(table, tableDir, false, countedEntity);
  }

  /** Counts accepted/duplicates under another entity's name, as {@link LatestByNaturalKey#countingAs}. */
  public IncrementalMerge countingAs(String entity) {
    return new IncrementalMerge(table, tableDir, wholeTable, entity);
  }

  @Override
  public Result expand(PCollection<Row> today) {
    // Today's rows are keyed once, for the merge and for their hashes.
    PCollection<KV<String, KV<Boolean, byte[]>>> keyedToday = LatestByNaturalKey.keyToday(table, today);
    PCollectionView<Iterable<KeyHashes>> todaysKeys = KeyHashes.ofKeys(keyedToday);

    TupleTag<Row> touched = new TupleTag<>("touched");
    TupleTag<Row> untouched = new TupleTag<>("untouched");
    TupleTag<String> replaced = new TupleTag<>("replaced");
    TupleTag<Row> superseded = new TupleTag<>("superseded");
    PCollectionTuple previous = today.getPipeline()
        .apply("Previous files of " + table.name(), MatchedFiles.of(LakePaths.join(tableDir, "**.parquet")))
        .apply("Split by today's keys", ParDo.of(WholeFileFn.of(
                new SplitByKeys(table, relativeTo(tableDir), todaysKeys, wholeTable, touched, untouched, replaced, superseded),
                today.getPipeline().getOptions()))
            .withSideInputs(todaysKeys)
            .withOutputTags(touched, TupleTagList.of(untouched).and(replaced).and(superseded)));
    Coder<Row> coder = table.rowCoder();
    PCollection<Row> readBack = previous.get(touched).setCoder(coder);
    PCollection<Row> merged = keyedToday.apply(LatestByNaturalKey.of(table).countingAs(countedEntity).withPrevious(readBack).keyed());
    PCollection<Row> kept = previous.get(untouched).setCoder(coder);
    PCollection<Row> whole = !wholeTable ? null : PCollectionList.of(merged).and(kept)
        .apply("Whole " + table.name(), Flatten.pCollections())
        .setCoder(coder);
    return new Result(today.getPipeline(), merged, whole, previous.get(replaced).setCoder(StringUtf8Coder.of()),
        readBack, previous.get(superseded).setCoder(coder));
  }

  /** A file's path relative to {@code tableDir}, as {@link Result#replacedFiles()} names it. */
  static SerializableFunction<FileIO.ReadableFile, String> relativeTo(String tableDir) {
    String prefix = FileSystems.matchNewResource(tableDir, true).toString();
    return file -> {
      String path = file.getMetadata().resourceId().toString();
      return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    };
  }

  /** The counter of the rows left in untouched files: with the rows written, the table's size. */
  public static String keptRows(Table table) {
    return "kept." + table.name() + ".rows";
  }

  /** The counter of the previous files left unread because their keys' statistics lie outside today's keys. */
  public static String filesOutsideTodaysKeys(Table table) {
    return "outside_keys." + table.name() + ".files";
  }

  /**
   * Reads each previous file: its rows go to "touched" when it holds one of today's keys (and those
   * with such a key to "superseded" too), else to "untouched" when the whole table is wanted. A
   * table keyed by one text column first compares the file's statistics of it with today's least
   * and greatest key: a file apart from them is not searched (a composite key's text is not its
   * first column's, so it is always searched).
   */
  static final class SplitByKeys implements WholeFileFn.Reader<Row> {
    private final Table table;
    private final SerializableFunction<FileIO.ReadableFile, String> relative;
    private final PCollectionView<Iterable<KeyHashes>> todaysKeys;
    private final boolean wholeTable;
    private final TupleTag<Row> touched;
    private final TupleTag<Row> untouched;
    private final TupleTag<String> replaced;
    private final TupleTag<Row> superseded;
    private final Counter kept;
    private final Counter outsideKeys;

    SplitByKeys(Table table, SerializableFunction<FileIO.ReadableFile, String> relative, PCollectionView<Iterable<KeyHashes>> todaysKeys,
        boolean wholeTable, TupleTag<Row> touched, TupleTag<Row> untouched, TupleTag<String> replaced, TupleTag<Row> superseded) {
      this.table = table;
      this.relative = relative;
      this.todaysKeys = todaysKeys;
      this.wholeTable = wholeTable;
      this.touched = touched;
      this.untouched = untouched;
      this.replaced = replaced;
      this.superseded = superseded;
      this.kept = Metrics.counter(IncrementalMerge.class, keptRows(table));
      this.outsideKeys = SilverCounters.counter(filesOutsideTodaysKeys(table));
    }

    @Override
    public void read(DoFn<FileIO.ReadableFile, Row>.ProcessContext c) throws IOException {
      FileIO.ReadableFile file = c.element();
      KeyHashes keys = KeyHashes.from(c.sideInput(todaysKeys));
      List<String> key = table.key();
      boolean hit = keys.size() > 0 && mayHoldAny(keys, file)
          && ParquetFileRows.anyRow(file, table, key, values -> keys.mightContain(LatestByNaturalKey.keyOf(values)));
      if (hit) {
        ParquetFileRows.forEachRow(file, table, row -> {
          c.output(touched, row);
          if (keys.mightContain(LatestByNaturalKey.keyOf(row, key))) {
            c.output(superseded, row);
          }
        });
        c.output(replaced, relative.apply(file));
      } else if (wholeTable) {
        long[] rows = {0};
        ParquetFileRows.forEachRow(file, table, row -> {
          c.output(untouched, row);
          rows[0]++;
        });
        kept.inc(rows[0]);
      } else {
        kept.inc(ParquetFileRows.rowCount(file));
      }
    }

    private boolean mayHoldAny(KeyHashes keys, FileIO.ReadableFile file) throws IOException {
      List<String> key = table.key();
      if (key.size() != 1 || table.beamSchema().getField(key.get(0)).getType().getTypeName() != Schema.TypeName.STRING
          || keys.mayBeIn(file, key.get(0))) {
        return true;
      }
      outsideKeys.inc();
      return false;
    }
  }

  /** The merge's outputs. */
  public static final class Result extends NamedOutputs {
    private final PCollection<Row> rewritten;
    private final PCollection<Row> whole;
    private final PCollection<String> replacedFiles;
    private final PCollection<Row> readBack;
    private final PCollection<Row> superseded;

    Result(Pipeline pipeline, PCollection<Row> rewritten, PCollection<Row> whole, PCollection<String> replacedFiles,
        PCollection<Row> readBack, PCollection<Row> superseded) {
      super(pipeline);
      this.rewritten = rewritten;
      this.whole = whole;
      this.replacedFiles = replacedFiles;
      this.readBack = readBack;
      this.superseded = superseded;
    }

    /** The rows to write: today's winners and every row of the files that were read back. */
    public PCollection<Row> rewritten() {
      return rewritten;
    }

    /** The whole merged table: the rewritten rows and those of the untouched files. */
    public PCollection<Row> table() {
      if (whole == null) {
        throw new IllegalStateException("merged without the whole table (withoutWholeTable)");
      }
      return whole;
    }

    /** The rows of the previous files that were read back, as they were before today's merge. */
    public PCollection<Row> readBack() {
      return readBack;
    }

    /**
     * The read-back rows whose key may be one of today's: every previous version today's rows
     * replace, and possibly a few others (key hashes can collide).
     */
    public PCollection<Row> superseded() {
      return superseded;
    }

    /** The previous files read back, relative to the table's folder: replaced by what is written. */
    public PCollection<String> replacedFiles() {
      return replacedFiles;
    }

    @Override
    protected Map<String, PValue> outputs() {
      Map<String, PValue> all = new LinkedHashMap<>();
      all.put("rewritten", rewritten);
      if (whole != null) {
        all.put("whole", whole);
      }
      all.put("replaced", replacedFiles);
      all.put("readBack", readBack);
      all.put("superseded", superseded);
      return all;
    }
  }
}
