package io.ecompipeline.pipelines.run;

import io.ecompipeline.transforms.io.Layouts;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** Which file of its table each silver and gold row is written to (contract §1). */
final class LakeLayout {
  private LakeLayout() {}

  /** Silver tables whose partition folder the silver transforms compute (they need the customer's region). */
  static final List<Table> SILVER_PARTITIONED_BY_ORDER = List.of(SilverTables.ORDERS, SilverTables.ORDER_ITEMS);

  /**
   * Silver tables merged incrementally (their files hold one date partition and first-arrival
   * date each, so a day's rows go to new files and old files are rewritten only when superseded):
   * the large, append-mostly tables partitioned by a date of their own rows. The customers'
   * history is one: a day adds versions and rarely re-sends an old one, yet every run rewrote all
   * of it, so a day's cost grew with the history (docs/BENCHMARKS.md, session 20).
   */
  static final List<Table> SILVER_MERGED_INCREMENTALLY =
      List.of(SilverTables.PAYMENTS, SilverTables.CLICKSTREAM, SilverTables.CUSTOMERS_HISTORY);

  private static final Map<Table, SerializableFunction<Row, String>> SILVER =
      Map.of(
          SilverTables.PAYMENTS, Layouts.dateOfByArrival("payment_date", "payment_ts"),
          SilverTables.CLICKSTREAM, Layouts.dateOfByArrival("event_date", "event_ts"),
          SilverTables.CUSTOMERS_HISTORY, Layouts.monthOfByArrival("updated_month", "updated_at"));

  private static final Map<Table, SerializableFunction<Row, String>> GOLD =
      Map.of(
          GoldTables.FACT_ORDER_LINE, Layouts.monthOfDateKey("order_date_key", true),
          GoldTables.FACT_PAYMENT, Layouts.monthOfDateKey("payment_date_key", true),
          GoldTables.AGG_DAILY_SALES, Layouts.monthOfDateKey("date_key", false),
          GoldTables.DAILY_KPIS, Layouts.monthOfDateKey("date_key", false),
          GoldTables.CONVERSION_FUNNEL_DAILY, Layouts.monthOfDateKey("date_key", false),
          GoldTables.PRODUCT_PERFORMANCE, Layouts.monthColumn("month"));

  static SerializableFunction<Row, String> silver(Table table) {
    return SILVER.getOrDefault(table, Layouts.single());
  }

  static SerializableFunction<Row, String> gold(Table table) {
    return GOLD.getOrDefault(table, Layouts.single());
  }

  /** Gold tables stored as {@code month=YYYY-MM/} partitions, loaded month by month. */
  static boolean monthPartitioned(Table goldTable) {
    return GOLD.containsKey(goldTable);
  }
}
