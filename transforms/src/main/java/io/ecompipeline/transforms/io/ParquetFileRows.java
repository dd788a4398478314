package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads one whole Parquet file of a table as rows. Lake files are a partition each, small enough
 * that splitting them (ParquetIO's splittable read: a keyed shuffle per table) costs more than it
 * spreads. The static readers serve other DoFns that read lake files.
 */
public final class ParquetFileRows implements WholeFileFn.Reader<Row> {
  private final Table table;

  ParquetFileRows(Table table) {
    this.table = table;
  }

  @Override
  public void read(DoFn<FileIO.ReadableFile, Row>.ProcessContext c) throws IOException {
    forEachRow(c.element(), table, c::output);
  }

  /** Every row of {@code file}, a Parquet file of {@code table}. */
  public static void forEachRow(FileIO.ReadableFile file, Table table, Consumer<Row> rows) throws IOException {
    records(new ChannelInputFile(file), ParquetFormat.hadoopConf(), rec -> {
      rows.accept(table.fromAvro(rec));
      return true;
    });
  }

  /**
   * Whether some row of {@code file} has values of {@code columns} that {@code test} accepts,
   * reading only those columns' pages and stopping at the first. Values are given as text ({@code
   * toString()} of the Avro value: strings and integers read as the same text as the Beam row's).
   */
  public static boolean anyRow(FileIO.ReadableFile file, Table table, List<String> columns,
      Predicate<List<String>> test) throws IOException {
    org.apache.avro.Schema full = table.avroSchema();
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (String c : columns) {
      org.apache.avro.Schema.Field f = full.getField(c);
      fields.add(new org.apache.avro.Schema.Field(f, f.schema()));
    }
    Configuration conf = ParquetFormat.hadoopConf();
    AvroReadSupport.setRequestedProjection(conf,
        org.apache.avro.Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields));
    String[] row = new String[columns.size()];
    boolean[] found = {false};
    records(new ChannelInputFile(file), conf, rec -> {
      for (int i = 0; i < row.length; i++) {
        Object v = rec.get(columns.get(i)); // by name: the record may carry the file's whole schema, unread columns null
        row[i] = v == null ? null : v.toString();
      }
      found[0] = test.test(Arrays.asList(row));
      return !found[0];
    });
    return found[0];
  }

  /**
   * The least and greatest value of the text column {@code column} in {@code file}, from its
   * footer's statistics (Parquet orders text by its UTF-8 bytes); both null when a row group has
   * none for it.
   */
  public static TextRange textRange(FileIO.ReadableFile file, String column) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file))) {
      Binary min = null;
      Binary max = null;
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        Statistics<?> stats = block.getColumns().stream()
            .filter(c -> c.getPath().toDotString().equals(column))
            .findFirst().map(ColumnChunkMetaData::getStatistics).orElse(null);
        if (!(stats instanceof BinaryStatistics text) || text.isEmpty() || !text.hasNonNullValue()) {
          return TextRange.UNKNOWN;
        }
        min = min == null || text.comparator().compare(text.genericGetMin(), min) < 0 ? text.genericGetMin() : min;
        max = max == null || text.comparator().compare(text.genericGetMax(), max) > 0 ? text.genericGetMax() : max;
      }
      return min == null ? TextRange.UNKNOWN : new TextRange(min.toStringUsingUTF8(), max.toStringUsingUTF8());
    }
  }

  /** A text column's least and greatest value in a file; null when unknown. */
  public record TextRange(String min, String max) {
    static final TextRange UNKNOWN = new TextRange(null, null);
  }

  /** The number of rows of {@code file}, from its footer. */
  public static long rowCount(FileIO.ReadableFile file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file))) {
      return reader.getRecordCount();
    }
  }

  /**
   * Streams the records of {@code file} to {@code each} until it returns false: ParquetReader's
   * record loop, without its builder. The builder parses Hadoop's default XML resources into a new
   * Configuration for every file, before it takes the one it is given (a tenth of a small day's
   * CPU in session 11's profile of the demo).
   */
  private static void records(InputFile file, Configuration conf, Predicate<GenericRecord> each) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(file, HadoopReadOptions.builder(conf).build())) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      Map<String, Set<String>> metadata = new HashMap<>();
      meta.getKeyValueMetaData().forEach((k, v) -> metadata.put(k, Set.of(v)));
      AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
      ReadSupport.ReadContext context = support.init(new InitContext(conf, metadata, meta.getSchema()));
      MessageType requested = context.getRequestedSchema();
      reader.setRequestedSchema(requested);
      RecordMaterializer<GenericRecord> materializer =
          support.prepareForRead(conf, meta.getKeyValueMetaData(), meta.getSchema(), context);
      MessageColumnIO columns = new ColumnIOFactory(meta.getCreatedBy()).getColumnIO(requested, meta.getSchema(), true);
      for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
        RecordReader<GenericRecord> records = columns.getRecordReader(rowGroup, materializer, FilterCompat.NOOP);
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          if (!each.test(records.read())) {
            return;
          }
        }
      }
    }
  }

  /** Parquet's view of the lake file {@code file}, as a match found it. */
  static InputFile inputFile(MatchResult.Metadata file) {
    return new ChannelInputFile(() -> (SeekableByteChannel) FileSystems.open(file.resourceId()), file.sizeBytes());
  }

  /** A channel that may fail to open. */
  private interface Opener {
    SeekableByteChannel open() throws IOException;
  }

  /** Parquet's view of a Beam file: any file system Beam has (local, S3), seekable. */
  private static final class ChannelInputFile implements InputFile {
    private final Opener opener;
    private final long length;

    ChannelInputFile(FileIO.ReadableFile file) {
      this(file::openSeekable, file.getMetadata().sizeBytes());
    }

    ChannelInputFile(Opener opener, long length) {
      this.opener = opener;
      this.length = length;
    }

    @Override
    public long getLength() {
      return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      SeekableByteChannel channel = opener.open();
      InputStream in = Channels.newInputStream(channel);
      return new DelegatingSeekableInputStream(in) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          channel.position(newPos);
        }
      };
    }
  }
}
