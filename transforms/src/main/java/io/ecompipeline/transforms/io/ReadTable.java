package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.MonthFilter;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Reads every Parquet file of a lake table as rows of its schema. A table with no files yet (the
 * first run) reads as empty.
 */
public final class ReadTable extends PTransform<PBegin, PCollection<Row>> {
  private final Table table;
  private final String tableDir;
  private final PCollectionView<List<String>> skippedMonths;

  private ReadTable(Table table, String tableDir, PCollectionView<List<String>> skippedMonths) {
    this.table = table;
    this.tableDir = tableDir;
    this.skippedMonths = skippedMonths;
  }

  /** Reads {@code tableDir/**.parquet}, where tableDir is a local path or an {@code s3://} URI. */
  public static ReadTable of(Table table, String tableDir) {
    return new ReadTable(table, tableDir, null);
  }

  /** Of a table partitioned {@code month=YYYY-MM/}, only the files of months not in {@code months}: they are not opened. */
  public ReadTable outsideMonths(PCollectionView<List<String>> months) {
    return new ReadTable(table, tableDir, months);
  }

  public Table table() {
    return table;
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    PCollection<FileIO.ReadableFile> files = input.apply("Files of " + table.name(), MatchedFiles.of(LakePaths.join(tableDir, "**.parquet")));
    if (skippedMonths != null) {
      files = files.apply("Files outside the months of " + table.name(),
          ParDo.of(new OutsideMonthsFn(MonthFilter.of(skippedMonths))).withSideInputs(skippedMonths));
    }
    return files
        .apply("Parse " + table.name(), ParDo.of(WholeFileFn.of(new ParquetFileRows(table), input.getPipeline().getOptions())))
        .setCoder(table.rowCoder());
  }

  private static final class OutsideMonthsFn extends DoFn<FileIO.ReadableFile, FileIO.ReadableFile> {
    private static final String FOLDER = "/month=";
    private final MonthFilter months;

    OutsideMonthsFn(MonthFilter months) {
      this.months = months;
    }

    @StartBundle
    public void startBundle() {
      months.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      String path = c.element().getMetadata().resourceId().toString();
      int at = path.lastIndexOf(FOLDER);
      if (at < 0) {
        throw new IllegalArgumentException(path + " is not in a month=YYYY-MM/ folder");
      }
      String month = path.substring(at + FOLDER.length(), at + FOLDER.length() + 7);
      if (!months.keeps(c, window, month)) {
        c.output(c.element());
      }
    }
  }
}
