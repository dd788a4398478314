package io.ecompipeline.transforms.gold;

import static io.ecompipeline.transforms.schema.GoldTables.AGG_DAILY_SALES;
import static io.ecompipeline.transforms.schema.GoldTables.CONVERSION_FUNNEL_DAILY;
import static io.ecompipeline.transforms.schema.GoldTables.CUSTOMER_LTV;
import static io.ecompipeline.transforms.schema.GoldTables.DAILY_KPIS;
import static io.ecompipeline.transforms.schema.GoldTables.DIM_CUSTOMER;
import static io.ecompipeline.transforms.schema.GoldTables.DIM_DATE;
import static io.ecompipeline.transforms.schema.GoldTables.DIM_PRODUCT;
import static io.ecompipeline.transforms.schema.GoldTables.FACT_ORDER_LINE;
import static io.ecompipeline.transforms.schema.GoldTables.FACT_PAYMENT;
import static io.ecompipeline.transforms.schema.GoldTables.PRODUCT_PERFORMANCE;

import io.ecompipeline.transforms.aggregates.AggregateConversionFunnel;
import io.ecompipeline.transforms.aggregates.AggregateCustomerLtv;
import io.ecompipeline.transforms.aggregates.AggregateDailyKpis;
import io.ecompipeline.transforms.aggregates.AggregateDailySales;
import io.ecompipeline.transforms.aggregates.AggregateProductPerformance;
import io.ecompipeline.transforms.dimensions.BuildDateDimension;
import io.ecompipeline.transforms.dimensions.BuildScd2Dimension;
import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.dimensions.Scd2Spec;
import io.ecompipeline.transforms.facts.BuildOrderLineFacts;
import io.ecompipeline.transforms.facts.BuildPaymentFacts;
import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.facts.PointInTimeLookup;
import io.ecompipeline.transforms.facts.VersionSpan;
import io.ecompipeline.transforms.io.ReadTable;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds the whole gold star schema (contract §4) from the silver tables: the SCD2 customer and
 * product dimensions, the facts at their point-in-time versions, the date dimension around the
 * dates they use, and the five aggregates.
 *
 * <p>Input: {@link #input(Map)} of the silver tables {@link #REQUIRED_SILVER}; instead of the
 * clickstream, the input may hold {@code conversion_funnel_daily} already computed (see {@code
 * UpdateConversionFunnel}), the one aggregate built from the clickstream alone. Output: a {@link
 * GoldResult} with every table of {@code GoldTables.ALL}.
 */
public final class BuildGold extends PTransform<PCollectionTuple, GoldResult> {
  /** The silver tables gold is built from. */
  public static final List<Table> REQUIRED_SILVER =
      List.of(
          SilverTables.CUSTOMERS_HISTORY,
          SilverTables.PRODUCTS_HISTORY,
          SilverTables.ORDERS,
          SilverTables.ORDER_ITEMS,
          SilverTables.PAYMENTS,
          SilverTables.REVIEWS,
          SilverTables.CLICKSTREAM);

  private final int fiscalStartMonth;
  private final PCollection<KV<String, CoGbkResult>> ordersJoined;
  private final TouchedMonths touched;
  private final ReadTable previousFactOrderLine;

  private BuildGold(int fiscalStartMonth, PCollection<KV<String, CoGbkResult>> ordersJoined, TouchedMonths touched,
      ReadTable previousFactOrderLine) {
    this.fiscalStartMonth = fiscalStartMonth;
    this.ordersJoined = ordersJoined;
    this.touched = touched;
    this.previousFactOrderLine = previousFactOrderLine;
  }

  /** Gold with a fiscal year starting in February. */
  public static BuildGold create() {
    return new BuildGold(BuildDateDimension.DEFAULT_FISCAL_START_MONTH, null, null, null);
  }

  public BuildGold withFiscalStartMonth(int month) {
    BuildDateDimension.withFiscalStartMonth(month); // validates, with a message naming the range
    return new BuildGold(month, ordersJoined, touched, previousFactOrderLine);
  }

  /**
   * Gold by touched month: the month-partitioned tables (facts, agg_daily_sales, daily_kpis,
   * product_performance) hold only the months {@code touched} finds, to be published over the
   * previous gold's other months, which stay as they are; customer_ltv sums the recomputed facts
   * with those of the other months read by {@code previousFactOrderLine} (the previous gold's). Exact
   * when the previous gold was built from the previous silver that {@code touched} compares with.
   */
  public BuildGold byMonth(TouchedMonths touched, ReadTable previousFactOrderLine) {
    if (!previousFactOrderLine.table().equals(FACT_ORDER_LINE)) {
      throw new IllegalArgumentException("byMonth reads the previous " + FACT_ORDER_LINE.name() + ", not " + previousFactOrderLine.table().name());
    }
    return new BuildGold(fiscalStartMonth, ordersJoined, touched, previousFactOrderLine);
  }

  /**
   * The input's orders, order lines and payments already joined by order_id ({@link
   * JoinByOrderId}, e.g. {@code SilverResult#byOrderId()}), so that the facts do not join them again.
   */
  public BuildGold withOrdersJoined(PCollection<KV<String, CoGbkResult>> byOrderId) {
    return new BuildGold(fiscalStartMonth, byOrderId, touched, previousFactOrderLine);
  }

  /**
   * The silver tables as this transform's input: every table of {@link #REQUIRED_SILVER}, where
   * {@code conversion_funnel_daily}'s rows may stand in for the clickstream.
   */
  public static PCollectionTuple input(Map<Table, PCollection<Row>> silver) {
    PCollectionTuple tuple = null;
    for (Table t : REQUIRED_SILVER) {
      Table given = t.equals(SilverTables.CLICKSTREAM) && !silver.containsKey(t) ? CONVERSION_FUNNEL_DAILY : t;
      PCollection<Row> rows = silver.get(given);
      if (rows == null) {
        throw new IllegalArgumentException(
            "gold needs silver table " + t.name() + "; pass all of " + REQUIRED_SILVER
                + " (or " + CONVERSION_FUNNEL_DAILY.name() + " for the clickstream)");
      }
      tuple = tuple == null ? PCollectionTuple.of(given.tag(), rows) : tuple.and(given.tag(), rows);
    }
    return tuple;
  }

  @Override
  public GoldResult expand(PCollectionTuple silver) {
    PCollection<Row> orders = silver.get(SilverTables.ORDERS.tag());

    PCollection<Row> dimCustomer =
        silver.get(SilverTables.CUSTOMERS_HISTORY.tag()).apply("DimCustomer", BuildScd2Dimension.of(Scd2Spec.CUSTOMER));
    PCollection<Row> dimProduct =
        silver.get(SilverTables.PRODUCTS_HISTORY.tag()).apply("DimProduct", BuildScd2Dimension.of(Scd2Spec.PRODUCT));

    // One customer view for both facts: every worker materialises each view it reads.
    PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions = PointInTimeLookup.customerVersions(dimCustomer);
    // Both facts read one join of orders with their lines and payments.
    PCollection<KV<String, CoGbkResult>> byOrderId = ordersJoined != null ? ordersJoined
        : PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
            .and(SilverTables.ORDER_ITEMS.tag(), silver.get(SilverTables.ORDER_ITEMS.tag()))
            .and(SilverTables.PAYMENTS.tag(), silver.get(SilverTables.PAYMENTS.tag()))
            .apply("JoinByOrderId", JoinByOrderId.create());
    PCollection<Row> reviews = silver.get(SilverTables.REVIEWS.tag());
    PCollection<String> touchedMonths = touched == null ? null
        : PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
            .and(SilverTables.REVIEWS.tag(), reviews)
            .and(DIM_CUSTOMER.tag(), dimCustomer)
            .and(DIM_PRODUCT.tag(), dimProduct)
            .apply("TouchedMonths", touched.withOrdersJoined(byOrderId));
    PCollectionView<List<String>> months = touchedMonths == null ? null
        : touchedMonths.apply("TouchedMonthsView", View.asList());
    PCollection<Row> factOrderLine =
        PCollectionTuple.of(DIM_PRODUCT.tag(), dimProduct)
            .apply("FactOrderLine", BuildOrderLineFacts.create().withCustomerVersions(customerVersions)
                .withOrdersJoined(byOrderId).withMonths(months));
    PCollection<Row> factPayment =
        PCollectionTuple.empty(silver.getPipeline())
            .apply("FactPayment", BuildPaymentFacts.create().withCustomerVersions(customerVersions)
                .withOrdersJoined(byOrderId).withMonths(months));

    // Order dates come from every silver order, not only those with lines: daily_kpis counts
    // orders without lines too, and their dates must exist in dim_date. Payment dates from every
    // silver payment, as each is a fact (of the months built or kept).
    PCollection<Row> dimDate =
        PCollectionList.of(
                orders.apply(
                    "OrderDateKeys",
                    MapElements.into(TypeDescriptors.integers())
                        .via((Row o) -> DateKeys.of(o.<Instant>getValue("order_ts")))))
            .and(
                silver.get(SilverTables.PAYMENTS.tag()).apply(
                    "PaymentDateKeys",
                    MapElements.into(TypeDescriptors.integers())
                        .via((Row p) -> DateKeys.of(p.<Instant>getValue("payment_ts")))))
            .apply("DatesTheFactsUse", Flatten.pCollections())
            .apply("DimDate", BuildDateDimension.withFiscalStartMonth(fiscalStartMonth));

    PCollection<Row> dailySales =
        PCollectionTuple.of(FACT_ORDER_LINE.tag(), factOrderLine)
            .and(DIM_PRODUCT.tag(), dimProduct)
            .apply("AggDailySales", AggregateDailySales.create());
    PCollection<Row> dailyKpis =
        PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
            .and(FACT_ORDER_LINE.tag(), factOrderLine)
            .and(FACT_PAYMENT.tag(), factPayment)
            .apply("DailyKpis", AggregateDailyKpis.create())
            .apply("DailyKpisOfTheMonthsBuilt", InMonths.keep(months, DAILY_KPIS, InMonths.ofDateKey("date_key")));
    PCollection<Row> allFactOrderLines = months == null ? factOrderLine
        : PCollectionList.of(factOrderLine)
            .and(silver.getPipeline().apply("PreviousFactsOfOtherMonths", previousFactOrderLine.outsideMonths(months)))
            .apply("FactsOfAllMonths", Flatten.pCollections());
    PCollection<Row> customerLtv =
        PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
            .and(FACT_ORDER_LINE.tag(), allFactOrderLines)
            .apply("CustomerLtv", AggregateCustomerLtv.create());
    PCollection<Row> funnel = silver.has(SilverTables.CLICKSTREAM.tag())
        ? silver.get(SilverTables.CLICKSTREAM.tag()).apply("ConversionFunnelDaily", AggregateConversionFunnel.create())
        : silver.get(CONVERSION_FUNNEL_DAILY.tag());
    PCollection<Row> productPerformance =
        PCollectionTuple.of(FACT_ORDER_LINE.tag(), factOrderLine)
            .and(SilverTables.REVIEWS.tag(), reviews)
            .apply("ProductPerformance", AggregateProductPerformance.create())
            .apply("ProductPerformanceOfTheMonthsBuilt", InMonths.keep(months, PRODUCT_PERFORMANCE, r -> r.getString("month")));

    return GoldResult.of(
        PCollectionTuple.of(DIM_CUSTOMER.tag(), dimCustomer)
            .and(DIM_PRODUCT.tag(), dimProduct)
            .and(DIM_DATE.tag(), dimDate)
            .and(FACT_ORDER_LINE.tag(), factOrderLine)
            .and(FACT_PAYMENT.tag(), factPayment)
            .and(AGG_DAILY_SALES.tag(), dailySales)
            .and(DAILY_KPIS.tag(), dailyKpis)
            .and(CUSTOMER_LTV.tag(), customerLtv)
            .and(CONVERSION_FUNNEL_DAILY.tag(), funnel)
            .and(PRODUCT_PERFORMANCE.tag(), productPerformance),
        touchedMonths);
  }
}
