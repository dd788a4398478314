package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.util.BundleSideInput;
import io.ecompipeline.transforms.util.MonthFilter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Builds {@code fact_order_line} (contract §4): every latest order line whose order exists (lines
 * of orders not yet arrived stay out until they do), with the customer and product versions valid
 * at the order's order_ts and line_total = quantity × unit_price − discount_amount.
 *
 * <p>Input: a tuple holding {@code SilverTables.ORDERS} and {@code SilverTables.ORDER_ITEMS}
 * (unless given them joined), {@code GoldTables.DIM_CUSTOMER} (unless given customer versions) and
 * {@code GoldTables.DIM_PRODUCT} under their {@code tag()}.
 */
public final class BuildOrderLineFacts extends PTransform<PCollectionTuple, PCollection<Row>> {
  private final PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions;
  private final PCollection<KV<String, CoGbkResult>> joined;
  private final PCollectionView<List<String>> months;

  private BuildOrderLineFacts(PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions,
      PCollection<KV<String, CoGbkResult>> joined, PCollectionView<List<String>> months) {
    this.customerVersions = customerVersions;
    this.joined = joined;
    this.months = months;
  }

  /** Joins the input's orders and lines, and looks customers up in versions built from its {@code DIM_CUSTOMER}. */
  public static BuildOrderLineFacts create() {
    return new BuildOrderLineFacts(null, null, null);
  }

  /**
   * Looks customers up in {@code versions} ({@link PointInTimeLookup#customerVersions}), shared
   * with the other fact table; the input then needs no {@code DIM_CUSTOMER}.
   */
  public BuildOrderLineFacts withCustomerVersions(PCollectionView<Map<String, Iterable<VersionSpan>>> versions) {
    return new BuildOrderLineFacts(versions, joined, months);
  }

  /**
   * Reads orders and their lines from {@code byOrderId} ({@link JoinByOrderId}), shared with the
   * other readers of that join; the input then needs no {@code ORDERS} or {@code ORDER_ITEMS}.
   */
  public BuildOrderLineFacts withOrdersJoined(PCollection<KV<String, CoGbkResult>> byOrderId) {
    return new BuildOrderLineFacts(customerVersions, byOrderId, months);
  }

  /** Only the facts of orders in {@code only} (months YYYY-MM, e.g. {@code TouchedMonths}). */
  public BuildOrderLineFacts withMonths(PCollectionView<List<String>> only) {
    return new BuildOrderLineFacts(customerVersions, joined, only);
  }

  /** The revenue of a line, the one formula every aggregate sums. */
  public static BigDecimal lineTotal(int quantity, BigDecimal unitPrice, BigDecimal discountAmount) {
    return unitPrice
        .multiply(BigDecimal.valueOf(quantity))
        .subtract(discountAmount)
        .setScale(2, RoundingMode.UNNECESSARY);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollectionView<Map<String, Iterable<VersionSpan>>> customers = customerVersions != null
        ? customerVersions
        : PointInTimeLookup.customerVersions(in.get(GoldTables.DIM_CUSTOMER.tag()));
    PCollectionView<Map<String, Iterable<VersionSpan>>> products =
        PointInTimeLookup.versionsByNaturalKey(
            in.get(GoldTables.DIM_PRODUCT.tag()), GoldTables.DIM_PRODUCT, "product_id", "product_key");
    PCollection<KV<String, CoGbkResult>> byOrderId = joined != null ? joined
        : PCollectionTuple.of(SilverTables.ORDERS.tag(), in.get(SilverTables.ORDERS.tag()))
            .and(SilverTables.ORDER_ITEMS.tag(), in.get(SilverTables.ORDER_ITEMS.tag()))
            .apply("JoinLinesToTheirOrder", JoinByOrderId.create());
    return byOrderId
        .apply(
            "LinesOfExistingOrdersAtTheirVersions",
            ParDo.of(new FactFn(customers, products, months)).withSideInputs(MonthFilter.sideInputs(months, customers, products)))
        .setCoder(GoldTables.FACT_ORDER_LINE.rowCoder());
  }

  private static final class FactFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final BundleSideInput<Map<String, Iterable<VersionSpan>>> customers;
    private final BundleSideInput<Map<String, Iterable<VersionSpan>>> products;
    private final MonthFilter months;
    private final Counter pendingLines = Metrics.counter("gold", "fact_order_line.pending_lines");
    private final Counter unknownCustomers = Metrics.counter("gold", "fact_order_line.unknown_customer");
    private final Counter unknownProducts = Metrics.counter("gold", "fact_order_line.unknown_product");

    FactFn(
        PCollectionView<Map<String, Iterable<VersionSpan>>> customers,
        PCollectionView<Map<String, Iterable<VersionSpan>>> products,
        PCollectionView<List<String>> months) {
      this.customers = BundleSideInput.of(customers);
      this.products = BundleSideInput.of(products);
      this.months = MonthFilter.of(months);
    }

    @StartBundle
    public void startBundle() {
      customers.reset();
      products.reset();
      months.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      // Silver holds one (latest) version per order_id; a line without one is pending.
      Row order = JoinByOrderId.order(c.element().getValue());
      if (order == null) {
        pendingLines.inc(JoinByOrderId.lines(c.element().getValue()).size());
        return;
      }
      Instant orderTs = order.getValue("order_ts");
      if (!months.keeps(c, window, orderTs)) {
        return;
      }
      Map<String, Iterable<VersionSpan>> customerVersions = customers.get(c, window);
      Map<String, Iterable<VersionSpan>> productVersions = products.get(c, window);
      String customerId = order.getString("customer_id");
      long customerKey =
          PointInTimeLookup.keyAt(customerVersions.get(customerId), orderTs);
      for (Row line : JoinByOrderId.lines(c.element().getValue())) {
        String productId = line.getString("product_id");
        long productKey = PointInTimeLookup.keyAt(productVersions.get(productId), orderTs);
        if (customerKey == SurrogateKeys.UNKNOWN) {
          unknownCustomers.inc();
        }
        if (productKey == SurrogateKeys.UNKNOWN) {
          unknownProducts.inc();
        }
        int quantity = line.getInt32("quantity");
        BigDecimal unitPrice = line.getDecimal("unit_price");
        BigDecimal discount = line.getDecimal("discount_amount");
        c.output(
            GoldTables.FACT_ORDER_LINE.row()
                .withFieldValue("order_id", order.getString("order_id"))
                .withFieldValue("line_number", line.getInt32("line_number"))
                .withFieldValue("order_date_key", DateKeys.of(orderTs))
                .withFieldValue("order_ts", orderTs)
                .withFieldValue("customer_key", customerKey)
                .withFieldValue("product_key", productKey)
                .withFieldValue("customer_id", customerId)
                .withFieldValue("product_id", productId)
                .withFieldValue("quantity", quantity)
                .withFieldValue("unit_price", unitPrice)
                .withFieldValue("discount_amount", discount)
                .withFieldValue("line_total", lineTotal(quantity, unitPrice, discount))
                .withFieldValue("order_status", order.getString("status"))
                .withFieldValue("channel", order.getString("channel"))
                .withFieldValue("currency", order.getString("currency"))
                .build());
      }
    }
  }
}
