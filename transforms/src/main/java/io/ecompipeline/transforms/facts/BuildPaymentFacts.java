package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.util.BundleSideInput;
import io.ecompipeline.transforms.util.MonthFilter;
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
 * Builds {@code fact_payment} (contract §4): one row per payment, with the version of its order's
 * customer valid at payment_ts; -1 when the order or its customer is unknown.
 *
 * <p>Input: a tuple holding {@code SilverTables.PAYMENTS} and {@code SilverTables.ORDERS} (unless
 * given them joined) and {@code GoldTables.DIM_CUSTOMER} (unless given customer versions) under
 * their {@code tag()}.
 */
public final class BuildPaymentFacts extends PTransform<PCollectionTuple, PCollection<Row>> {
  private final PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions;
  private final PCollection<KV<String, CoGbkResult>> joined;
  private final PCollectionView<List<String>> months;

  private BuildPaymentFacts(PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions,
      PCollection<KV<String, CoGbkResult>> joined, PCollectionView<List<String>> months) {
    this.customerVersions = customerVersions;
    this.joined = joined;
    this.months = months;
  }

  /** Joins the input's payments and orders, and looks customers up in versions built from its {@code DIM_CUSTOMER}. */
  public static BuildPaymentFacts create() {
    return new BuildPaymentFacts(null, null, null);
  }

  /**
   * Looks customers up in {@code versions} ({@link PointInTimeLookup#customerVersions}), shared
   * with the other fact table; the input then needs no {@code DIM_CUSTOMER}.
   */
  public BuildPaymentFacts withCustomerVersions(PCollectionView<Map<String, Iterable<VersionSpan>>> versions) {
    return new BuildPaymentFacts(versions, joined, months);
  }

  /**
   * Reads orders and their payments from {@code byOrderId} ({@link JoinByOrderId}), shared with the
   * other readers of that join; the input then needs no {@code ORDERS} or {@code PAYMENTS}.
   */
  public BuildPaymentFacts withOrdersJoined(PCollection<KV<String, CoGbkResult>> byOrderId) {
    return new BuildPaymentFacts(customerVersions, byOrderId, months);
  }

  /** Only the payments of {@code only} (months YYYY-MM of payment_ts, e.g. {@code TouchedMonths}). */
  public BuildPaymentFacts withMonths(PCollectionView<List<String>> only) {
    return new BuildPaymentFacts(customerVersions, joined, only);
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollectionView<Map<String, Iterable<VersionSpan>>> customers = customerVersions != null
        ? customerVersions
        : PointInTimeLookup.customerVersions(in.get(GoldTables.DIM_CUSTOMER.tag()));
    PCollection<KV<String, CoGbkResult>> byOrderId = joined != null ? joined
        : PCollectionTuple.of(SilverTables.ORDERS.tag(), in.get(SilverTables.ORDERS.tag()))
            .and(SilverTables.PAYMENTS.tag(), in.get(SilverTables.PAYMENTS.tag()))
            .apply("JoinPaymentsToTheirOrder", JoinByOrderId.create());
    return byOrderId
        .apply(
            "PaymentsAtTheirCustomerVersion",
            ParDo.of(new FactFn(customers, months)).withSideInputs(MonthFilter.sideInputs(months, customers)))
        .setCoder(GoldTables.FACT_PAYMENT.rowCoder());
  }

  private static final class FactFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final BundleSideInput<Map<String, Iterable<VersionSpan>>> customers;
    private final MonthFilter months;
    private final Counter unknownOrders = Metrics.counter("gold", "fact_payment.unknown_order");
    private final Counter unknownCustomers = Metrics.counter("gold", "fact_payment.unknown_customer");

    FactFn(PCollectionView<Map<String, Iterable<VersionSpan>>> customers, PCollectionView<List<String>> months) {
      this.customers = BundleSideInput.of(customers);
      this.months = MonthFilter.of(months);
    }

    @StartBundle
    public void startBundle() {
      customers.reset();
      months.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      Row order = JoinByOrderId.order(c.element().getValue());
      Map<String, Iterable<VersionSpan>> versions = customers.get(c, window);
      for (Row payment : JoinByOrderId.payments(c.element().getValue())) {
        Instant paymentTs = payment.getValue("payment_ts");
        if (!months.keeps(c, window, paymentTs)) {
          continue;
        }
        long customerKey =
            order == null
                ? SurrogateKeys.UNKNOWN
                : PointInTimeLookup.keyAt(
                    versions.get(order.getString("customer_id")), paymentTs);
        if (order == null) {
          unknownOrders.inc();
        } else if (customerKey == SurrogateKeys.UNKNOWN) {
          unknownCustomers.inc();
        }
        c.output(
            GoldTables.FACT_PAYMENT.row()
                .withFieldValue("payment_id", payment.getString("payment_id"))
                .withFieldValue("order_id", payment.getString("order_id"))
                .withFieldValue("payment_date_key", DateKeys.of(paymentTs))
                .withFieldValue("payment_ts", paymentTs)
                .withFieldValue("customer_key", customerKey)
                .withFieldValue("method", payment.getString("method"))
                .withFieldValue("installments", payment.getInt32("installments"))
                .withFieldValue("amount", payment.getDecimal("amount"))
                .withFieldValue("status", payment.getString("status"))
                .build());
      }
    }
  }
}
