package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Snappy-compressed Parquet in the table's Avro-derived schema, rows sorted by the table's key. */
final class ParquetFormat implements FileFormat<Row> {
  private final Table table;

  ParquetFormat(Table table) {
    this.table = table;
  }

  @Override
  public void sort(List<Row> rows) {
    rows.sort(table.rowOrder());
  }

  /**
   * Writes the file in memory first so its footer can be made canonical (see {@link
   * ParquetFooters}): the same rows give the same bytes on every runner and JVM.
   */
  @Override
  public void write(List<Row> rows, WritableByteChannel out) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ParquetIO.Sink sink =
        ParquetIO.sink(table.avroSchema()).withCompressionCodec(CompressionCodecName.SNAPPY);
    sink.open(Channels.newChannel(buffer));
    for (Row row : rows) {
      sink.write(table.toAvro(row));
    }
    sink.flush();
    ByteBuffer bytes = ByteBuffer.wrap(ParquetFooters.canonical(buffer.toByteArray()));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}
