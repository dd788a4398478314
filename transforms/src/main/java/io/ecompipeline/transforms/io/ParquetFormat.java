package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.schema.TableRowCoder;
import io.ecompipeline.transforms.util.Hash64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** Snappy-compressed Parquet in the table's Avro-derived schema, rows sorted by the table's key. */
final class ParquetFormat implements FileFormat<Row> {
  /** The footer key holding the file's content identity. */
  static final String CONTENT = "ecom.content";
  /** Bump when the writer's settings or code change how rows become bytes. */
  private static final int WRITER_VERSION = 1;

  private final Table table;
  /** Columns written without a dictionary ({@link Column#highCardinality()}). */
  private final List<String> plainColumns;
  private final String encoding;

  ParquetFormat(Table table) {
    this.table = table;
    this.plainColumns = table.columns().stream().filter(Column::highCardinality).map(Column::name).toList();
    this.encoding = "parquet" + WRITER_VERSION + "-snappy-rows" + TableRowCoder.VERSION + "-"
        + Long.toHexString(Hash64.fnv1a(table.avroSchema() + " plain " + plainColumns));
  }

  @Override
  public Comparator<Row> order() {
    return table.rowOrder();
  }

  /**
   * Writes the file in memory first so its footer can be made canonical (see {@link
   * ParquetFooters}): the same rows give the same bytes on every runner and JVM.
   */
  @Override
  public void write(Iterator<Row> rows, WritableByteChannel out, String content) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ParquetWriter<Row> writer = writerBuilder(new BufferOutputFile(buffer), content).build()) {
      while (rows.hasNext()) {
        writer.write(rows.next());
      }
    }
    ByteBuffer bytes = ByteBuffer.wrap(ParquetFooters.canonical(buffer.toByteArray()));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /** The writer of this table's files: Snappy, one row group up to Parquet's default size, plain columns without a dictionary. */
  ParquetWriter.Builder<Row, ?> writerBuilder(OutputFile file, String content) {
    var builder = RowWriteSupport.builder(file, table, Map.of(CONTENT, content))
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withRowGroupSize(ParquetWriter.DEFAULT_BLOCK_SIZE)
        .withConf(hadoopConf());
    plainColumns.forEach(c -> builder.withDictionaryEncoding(c, false));
    return builder;
  }

  @Override
  public String recordedContent(MatchResult.Metadata file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetFileRows.inputFile(file))) {
      return reader.getFooter().getFileMetaData().getKeyValueMetaData().get(CONTENT);
    }
  }

  @Override
  public String encoding() {
    return encoding;
  }

  /**
   * An empty Hadoop configuration: Parquet only needs its own defaults, and {@code new
   * Configuration()} parses Hadoop's default XML resources every time — a sixth of a small day's
   * CPU when done per file read and written.
   */
  static Configuration hadoopConf() {
    return new Configuration(false);
  }

  /** Parquet's output file over an in-memory buffer. */
  static final class BufferOutputFile implements OutputFile {
    private final ByteArrayOutputStream buffer;

    BufferOutputFile(ByteArrayOutputStream buffer) {
      this.buffer = buffer;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return buffer.size();
        }

        @Override
        public void write(int b) {
          buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
