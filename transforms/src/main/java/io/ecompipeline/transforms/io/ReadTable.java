package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Reads every Parquet file of a lake table as rows of its schema. A table with no files yet (the
 * first run) reads as empty.
 */
public final class ReadTable extends PTransform<PBegin, PCollection<Row>> {
  private final Table table;
  private final String tableDir;

  private ReadTable(Table table, String tableDir) {
    this.table = table;
    this.tableDir = tableDir;
  }

  /** Reads {@code tableDir/**.parquet}, where tableDir is a local path or an {@code s3://} URI. */
  public static ReadTable of(Table table, String tableDir) {
    return new ReadTable(table, tableDir);
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    return input
        .apply("Match " + table.name(),
            FileIO.match()
                .filepattern(LakePaths.join(tableDir, "**.parquet"))
                .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
        .apply("Open " + table.name(), FileIO.readMatches())
        .apply("Parse " + table.name(),
            ParquetIO.parseFilesGenericRecords(new ToRow(table)).withCoder(RowCoder.of(table.beamSchema())))
        .setRowSchema(table.beamSchema());
  }

  private static final class ToRow implements SerializableFunction<GenericRecord, Row> {
    private final Table table;

    ToRow(Table table) {
      this.table = table;
    }

    @Override
    public Row apply(GenericRecord rec) {
      return table.fromAvro(rec);
    }
  }
}
