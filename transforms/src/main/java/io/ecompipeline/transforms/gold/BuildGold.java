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
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
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

  private BuildGold(int fiscalStartMonth, PCollection<KV<String, CoGbkResult>> ordersJoined) {
    this.fiscalStartMonth = fiscalStartMonth;
    this.ordersJoined = ordersJoined;
  }

  /** Gold with a fiscal year starting in February. */
  public static BuildGold create() {
    return new BuildGold(BuildDateDimension.DEFAULT_FISCAL_START_MONTH, null);
  }

  public BuildGold withFiscalStartMonth(int month) {
    BuildDateDimension.withFiscalStartMonth(month); // validates, with a message naming the range
    return new BuildGold(month, ordersJoined);
  }

  /**
   * The input's orders, order lines and payments already joined by order_id ({@link
   * JoinByOrderId}, e.g. {@code SilverResult#byOrderId()}), so that the facts do not join them again.
   */
  public BuildGold withOrdersJoined(PCollection<KV<String, CoGbkResult>> byOrderId) {
    return new BuildGold(fiscalStartMonth, byOrderId);
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
    PCollection<Row> factOrderLine =
        PCollectionTuple.of(DIM_PRODUCT.tag(), dimProduct)
            .apply("FactOrderLine", BuildOrderLineFacts.create().withCustomerVersions(customerVersions)
                .withOrdersJoined(byOrderId));
    PCollection<Row> factPayment =
        PCollectionTuple.empty(silver.getPipeline())
            .apply("FactPayment", BuildPaymentFacts.create().withCustomerVersions(customerVersions)
                .withOrdersJoined(byOrderId));

    // Order dates come from every silver order, not only those with lines: daily_kpis counts
    // orders without lines too, and their dates must exist in dim_date.
    PCollection<Row> dimDate =
        PCollectionList.of(
                orders.apply(
                    "OrderDateKeys",
                    MapElements.into(TypeDescriptors.integers())
                        .via((Row o) -> DateKeys.of(o.<Instant>getValue("order_ts")))))
            .and(
                factPayment.apply(
                    "PaymentDateKeys",
                    MapElements.into(TypeDescriptors.integers()).via((Row p) -> p.getInt32("payment_date_key"))))
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
            .apply("DailyKpis", AggregateDailyKpis.create());
    PCollection<Row> customerLtv =
        PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
            .and(FACT_ORDER_LINE.tag(), factOrderLine)
            .apply("CustomerLtv", AggregateCustomerLtv.create());
    PCollection<Row> funnel = silver.has(SilverTables.CLICKSTREAM.tag())
        ? silver.get(SilverTables.CLICKSTREAM.tag()).apply("ConversionFunnelDaily", AggregateConversionFunnel.create())
        : silver.get(CONVERSION_FUNNEL_DAILY.tag());
    PCollection<Row> productPerformance =
        PCollectionTuple.of(FACT_ORDER_LINE.tag(), factOrderLine)
            .and(SilverTables.REVIEWS.tag(), silver.get(SilverTables.REVIEWS.tag()))
            .apply("ProductPerformance", AggregateProductPerformance.create());

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
            .and(PRODUCT_PERFORMANCE.tag(), productPerformance));
  }
}
