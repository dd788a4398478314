package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
        .apply("Files of " + table.name(), MatchedFiles.of(LakePaths.join(tableDir, "**.parquet")))
        .apply("Parse " + table.name(), ParDo.of(WholeFileFn.of(new ParquetFileRows(table), input.getPipeline().getOptions())))
        .setRowSchema(table.beamSchema());
  }
}
