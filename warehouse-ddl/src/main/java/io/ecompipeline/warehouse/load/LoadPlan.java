package io.ecompipeline.warehouse.load;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order tables load in (dimensions, facts, aggregates: a reader never sees facts whose
 * dimension rows are missing) and how each is partitioned in the lake.
 */
public final class LoadPlan {
  private LoadPlan() {}

  public static final List<String> ORDER =
      List.of(
          "dim_date", "dim_customer", "dim_product",
          "fact_order_line", "fact_payment",
          "agg_daily_sales", "daily_kpis", "conversion_funnel_daily", "product_performance", "customer_ltv");

  /** Month-partitioned tables (gold/&lt;table&gt;/month=YYYY-MM/) → the column that carries the month. */
  private static final Map<String, String> MONTH_COLUMN =
      Map.of(
          "fact_order_line", "order_date_key",
          "fact_payment", "payment_date_key",
          "agg_daily_sales", "date_key",
          "daily_kpis", "date_key",
          "conversion_funnel_daily", "date_key",
          "product_performance", "month");

  /** The month column of a partitioned table; empty for a table replaced as a whole. */
  public static Optional<String> monthColumn(String table) {
    return Optional.ofNullable(MONTH_COLUMN.get(table));
  }

  /**
   * SQL predicate selecting the given months: an INTEGER yyyymmdd key by range (portable: no
   * integer division, whose meaning differs in DuckDB), a YYYY-MM string by IN. Months are
   * validated YYYY-MM strings, so inlining them is safe.
   */
  static String monthPredicate(String column, Set<String> months) {
    if (months.isEmpty()) return "1 = 0";
    if (column.equals("month")) {
      return column + " IN (" + months.stream().sorted().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ")";
    }
    return months.stream().sorted()
        .map(m -> {
          String ym = m.replace("-", "");
          return column + " BETWEEN " + ym + "01 AND " + ym + "31";
        })
        .collect(Collectors.joining(" OR ", "(", ")"));
  }
}
