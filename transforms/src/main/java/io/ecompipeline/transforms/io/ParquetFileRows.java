package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads one whole Parquet file of a table as rows. Lake files are a partition each, small enough
 * that splitting them (ParquetIO's splittable read: a keyed shuffle per table) costs more than it
 * spreads.
 */
final class ParquetFileRows extends DoFn<FileIO.ReadableFile, Row> {
  private final Table table;

  ParquetFileRows(Table table) {
    this.table = table;
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile file, OutputReceiver<Row> out) throws IOException {
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(file))
            .withDataModel(GenericData.get())
            .withConf(ParquetFormat.hadoopConf())
            .build()) {
      for (GenericRecord rec = reader.read(); rec != null; rec = reader.read()) {
        out.output(table.fromAvro(rec));
      }
    }
  }

  /** Parquet's view of a Beam file: any file system Beam has (local, S3), seekable. */
  private static final class ChannelInputFile implements InputFile {
    private final FileIO.ReadableFile file;

    ChannelInputFile(FileIO.ReadableFile file) {
      this.file = file;
    }

    @Override
    public long getLength() {
      return file.getMetadata().sizeBytes();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      SeekableByteChannel channel = file.openSeekable();
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
