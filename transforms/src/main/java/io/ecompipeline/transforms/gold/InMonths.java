package io.ecompipeline.transforms.gold;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.MonthFilter;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/** The rows of a gold table in the months of a side input; all rows when there is none. */
final class InMonths extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final PCollectionView<List<String>> months;
  private final Table table;
  private final SerializableFunction<Row, String> monthOf;

  private InMonths(PCollectionView<List<String>> months, Table table, SerializableFunction<Row, String> monthOf) {
    this.months = months;
    this.table = table;
    this.monthOf = monthOf;
  }

  static InMonths keep(PCollectionView<List<String>> months, Table table, SerializableFunction<Row, String> monthOf) {
    return new InMonths(months, table, monthOf);
  }

  /** YYYY-MM of an INT yyyymmdd column. */
  static SerializableFunction<Row, String> ofDateKey(String column) {
    return r -> DateKeys.month(r.getInt32(column));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    if (months == null) {
      return rows;
    }
    return rows.apply("RowsInMonths", ParDo.of(new InMonthsFn(MonthFilter.of(months), monthOf)).withSideInputs(months))
        .setCoder(table.rowCoder());
  }

  private static final class InMonthsFn extends DoFn<Row, Row> {
    private final MonthFilter months;
    private final SerializableFunction<Row, String> monthOf;

    InMonthsFn(MonthFilter months, SerializableFunction<Row, String> monthOf) {
      this.months = months;
      this.monthOf = monthOf;
    }

    @StartBundle
    public void startBundle() {
      months.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      if (months.keeps(c, window, monthOf.apply(c.element()))) {
        c.output(c.element());
      }
    }
  }
}
