package io.ecompipeline.transforms.dimensions;

import io.ecompipeline.transforms.schema.GoldTables;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Builds {@code dim_date} (contract §4) from the date keys the facts use: every date from
 * January 1 of the earliest year to December 31 of the latest, with calendar, ISO-week and fiscal
 * attributes. The fiscal year starts on a configurable month (default February) and is named after
 * the calendar year in which it ends. With no date keys the dimension is empty: transforms have no
 * wall clock to guess the current year from.
 */
public final class BuildDateDimension extends PTransform<PCollection<Integer>, PCollection<Row>> {
  public static final int DEFAULT_FISCAL_START_MONTH = 2;

  private final int fiscalStartMonth;

  private BuildDateDimension(int fiscalStartMonth) {
    if (fiscalStartMonth < 1 || fiscalStartMonth > 12) {
      throw new IllegalArgumentException(
          "fiscal start month must be 1 (January) to 12 (December), got " + fiscalStartMonth);
    }
    this.fiscalStartMonth = fiscalStartMonth;
  }

  /** A date dimension whose fiscal year starts in February. */
  public static BuildDateDimension create() {
    return new BuildDateDimension(DEFAULT_FISCAL_START_MONTH);
  }

  public static BuildDateDimension withFiscalStartMonth(int month) {
    return new BuildDateDimension(month);
  }

  @Override
  public PCollection<Row> expand(PCollection<Integer> dateKeys) {
    return dateKeys
        .apply("YearsSpanned", Combine.globally(new YearSpanFn()).withoutDefaults())
        .apply("EveryDateOfThoseYears", ParDo.of(new DatesFn(fiscalStartMonth)))
        .setCoder(GoldTables.DIM_DATE.rowCoder());
  }

  /** The first and last calendar year in which a date key falls. */
  static final class YearSpan implements Serializable {
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;

    @Override
    public boolean equals(Object o) {
      return o instanceof YearSpan s && s.first == first && s.last == last;
    }

    @Override
    public int hashCode() {
      return 31 * first + last;
    }
  }

  private static final class YearSpanFn extends Combine.CombineFn<Integer, YearSpan, YearSpan> {
    @Override
    public YearSpan createAccumulator() {
      return new YearSpan();
    }

    @Override
    public YearSpan addInput(YearSpan span, Integer dateKey) {
      int year = dateKey / 10000;
      span.first = Math.min(span.first, year);
      span.last = Math.max(span.last, year);
      return span;
    }

    @Override
    public YearSpan mergeAccumulators(Iterable<YearSpan> spans) {
      YearSpan merged = new YearSpan();
      for (YearSpan s : spans) {
        merged.first = Math.min(merged.first, s.first);
        merged.last = Math.max(merged.last, s.last);
      }
      return merged;
    }

    @Override
    public YearSpan extractOutput(YearSpan span) {
      return span;
    }

    @Override
    public Coder<YearSpan> getAccumulatorCoder(CoderRegistry registry, Coder<Integer> in) {
      return SerializableCoder.of(YearSpan.class);
    }

    @Override
    public Coder<YearSpan> getDefaultOutputCoder(CoderRegistry registry, Coder<Integer> in) {
      return SerializableCoder.of(YearSpan.class);
    }
  }

  private static final class DatesFn extends DoFn<YearSpan, Row> {
    private final int fiscalStartMonth;

    DatesFn(int fiscalStartMonth) {
      this.fiscalStartMonth = fiscalStartMonth;
    }

    @ProcessElement
    public void process(@Element YearSpan span, OutputReceiver<Row> out) {
      if (span.first > span.last) {
        return;
      }
      LocalDate end = LocalDate.of(span.last, 12, 31);
      for (LocalDate d = LocalDate.of(span.first, 1, 1); !d.isAfter(end); d = d.plusDays(1)) {
        out.output(dateRow(d, fiscalStartMonth));
      }
    }
  }

  /** One row of dim_date. */
  static Row dateRow(LocalDate d, int fiscalStartMonth) {
    DayOfWeek dow = d.getDayOfWeek();
    int month = d.getMonthValue();
    int fiscalMonth = Math.floorMod(month - fiscalStartMonth, 12) + 1;
    // A year starting in January ends in the same calendar year; otherwise the months from the
    // start month on belong to the fiscal year ending next calendar year.
    int fiscalYear = fiscalStartMonth > 1 && month >= fiscalStartMonth ? d.getYear() + 1 : d.getYear();
    return GoldTables.DIM_DATE.row()
        .withFieldValue("date_key", DateKeys.of(d))
        .withFieldValue("date", d)
        .withFieldValue("day_of_week", dow.getValue())
        .withFieldValue("day_name", dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
        .withFieldValue("iso_week", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
        .withFieldValue("iso_year", d.get(IsoFields.WEEK_BASED_YEAR))
        .withFieldValue("month", month)
        .withFieldValue("month_name", d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
        .withFieldValue("quarter", (month - 1) / 3 + 1)
        .withFieldValue("year", d.getYear())
        .withFieldValue("is_weekend", dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY)
        .withFieldValue("fiscal_year", fiscalYear)
        .withFieldValue("fiscal_quarter", (fiscalMonth - 1) / 3 + 1)
        .withFieldValue("fiscal_month", fiscalMonth)
        .build();
  }
}
