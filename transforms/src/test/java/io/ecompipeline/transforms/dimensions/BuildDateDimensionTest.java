package io.ecompipeline.transforms.dimensions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.testing.Fx;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class BuildDateDimensionTest {
  private static Row row(int key, LocalDate d, int dow, String day, int isoWeek, int isoYear, int month,
      String monthName, int quarter, boolean weekend, int fiscalYear, int fiscalQuarter, int fiscalMonth) {
    return GoldTables.DIM_DATE.row()
        .addValues(key, d, dow, day, isoWeek, isoYear, month, monthName, quarter, d.getYear(), weekend,
            fiscalYear, fiscalQuarter, fiscalMonth)
        .build();
  }

  @Test
  void februaryFiscalStartAndIsoWeekEdges() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> dim =
        p.apply(Create.of(List.of(20250115, 20241230)).withCoder(VarIntCoder.of()))
            .apply(BuildDateDimension.create());
    List<Integer> picked = List.of(20250131, 20250201, 20241230, 20250501, 20240101);
    PAssert.that(dim.apply(Filter.by((SerializableFunction<Row, Boolean>) r -> picked.contains(r.getInt32("date_key")))))
        .containsInAnyOrder(
            // January is the last month of the fiscal year that ends in it.
            row(20250131, LocalDate.of(2025, 1, 31), 5, "Friday", 5, 2025, 1, "January", 1, false, 2025, 4, 12),
            // February opens fiscal 2026.
            row(20250201, LocalDate.of(2025, 2, 1), 6, "Saturday", 5, 2025, 2, "February", 1, true, 2026, 1, 1),
            // The Monday of the week holding 2025-01-02 (a Thursday) is ISO week 1 of 2025.
            row(20241230, LocalDate.of(2024, 12, 30), 1, "Monday", 1, 2025, 12, "December", 4, false, 2025, 4, 11),
            row(20250501, LocalDate.of(2025, 5, 1), 4, "Thursday", 18, 2025, 5, "May", 2, false, 2026, 2, 4),
            row(20240101, LocalDate.of(2024, 1, 1), 1, "Monday", 1, 2024, 1, "January", 1, false, 2024, 4, 12));
    // Whole calendar years 2024 (leap) and 2025.
    PAssert.thatSingleton(dim.apply(Count.globally())).isEqualTo(731L);
    p.run().waitUntilFinish();
  }

  @Test
  void noDatesGiveAnEmptyDimension() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> dim =
        p.apply(Create.empty(VarIntCoder.of())).apply(BuildDateDimension.withFiscalStartMonth(2));
    PAssert.that(dim).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void januaryStartMakesTheFiscalYearTheCalendarYear() {
    Row dec31 = BuildDateDimension.dateRow(LocalDate.of(2025, 12, 31), 1);
    assertThat(dec31.getInt32("fiscal_year"), equalTo(2025));
    assertThat(dec31.getInt32("fiscal_month"), equalTo(12));
    assertThat(dec31.getInt32("fiscal_quarter"), equalTo(4));
    Row julyStart = BuildDateDimension.dateRow(LocalDate.of(2025, 7, 1), 7);
    assertThat(julyStart.getInt32("fiscal_year"), equalTo(2026));
    assertThat(julyStart.getInt32("fiscal_month"), equalTo(1));
    Row juneOfJulyStart = BuildDateDimension.dateRow(LocalDate.of(2025, 6, 30), 7);
    assertThat(juneOfJulyStart.getInt32("fiscal_year"), equalTo(2025));
    assertThat(juneOfJulyStart.getInt32("fiscal_quarter"), equalTo(4));
  }
}
