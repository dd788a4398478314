package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
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

  @Override
  public void write(List<Row> rows, WritableByteChannel out) throws IOException {
    ParquetIO.Sink sink =
        ParquetIO.sink(table.avroSchema()).withCompressionCodec(CompressionCodecName.SNAPPY);
    sink.open(out);
    for (Row row : rows) {
      sink.write(table.toAvro(row));
    }
    sink.flush();
  }
}
