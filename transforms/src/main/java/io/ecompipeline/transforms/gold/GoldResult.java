package io.ecompipeline.transforms.gold;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** The output of {@link BuildGold}: one collection of rows per table of {@link GoldTables#ALL}. */
public final class GoldResult implements POutput {
  private static final TupleTag<String> TOUCHED_MONTHS = new TupleTag<>("touched_months");
  private final PCollectionTuple tables;
  private final PCollection<String> touchedMonths;

  private GoldResult(PCollectionTuple tables, PCollection<String> touchedMonths) {
    this.tables = tables;
    this.touchedMonths = touchedMonths;
  }

  static GoldResult of(PCollectionTuple tables, PCollection<String> touchedMonths) {
    for (Table t : GoldTables.ALL) {
      if (!tables.has(t.tag())) {
        throw new IllegalStateException("gold result lacks table " + t.name());
      }
    }
    return new GoldResult(tables, touchedMonths);
  }

  /**
   * Built by month ({@code BuildGold#byMonth}): the months (YYYY-MM) the month-partitioned tables
   * hold, whose live partitions they replace; null when gold was built whole.
   */
  public PCollection<String> touchedMonths() {
    return touchedMonths;
  }

  /** The rows of a gold table, in exactly {@code table.beamSchema()}. */
  public PCollection<Row> table(Table table) {
    if (!GoldTables.ALL.contains(table)) {
      throw new IllegalArgumentException(table.name() + " is not a gold table; use one of GoldTables.ALL");
    }
    return tables.get(table.tag());
  }

  @Override
  public Pipeline getPipeline() {
    return tables.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    if (touchedMonths == null) {
      return tables.expand();
    }
    Map<TupleTag<?>, PValue> all = new LinkedHashMap<>(tables.expand());
    all.put(TOUCHED_MONTHS, touchedMonths);
    return all;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, org.apache.beam.sdk.values.PInput input, PTransform<?, ?> transform) {
    tables.finishSpecifyingOutput(transformName, input, transform);
  }
}
