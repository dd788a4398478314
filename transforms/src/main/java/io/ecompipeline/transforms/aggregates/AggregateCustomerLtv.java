package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.util.GlobalBundles;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Builds {@code customer_ltv} (contract §4), one row per customer with a counted order: first and
 * last counted order dates (UTC), counted orders, lifetime revenue (Σ line_total of their lines),
 * average order value, and the value segment. Segments rank all n customers by lifetime revenue
 * descending, then customer_id ascending: positions up to ⌈0.2·n⌉ are {@code high}, up to ⌈0.5·n⌉
 * {@code medium}, the rest {@code low} (integer arithmetic: ⌈2n/10⌉ = (2n+9)/10). The ranking is
 * global, so each bundle sums its customers into books ({@link CustomerTotals}), one group
 * gathers the books, which are merged and sorted: every customer is held in memory once, where
 * they are ranked, fine up to a few million customers.
 *
 * <p>Decisions: the customer is the order's customer_id, also when the customer dimension does not
 * know it (those facts point to -1); counted orders without lines count with no revenue; dates are
 * UTC dates of order_ts.
 *
 * <p>Input: a tuple holding {@code SilverTables.ORDERS} and {@code GoldTables.FACT_ORDER_LINE}.
 */
public final class AggregateCustomerLtv extends PTransform<PCollectionTuple, PCollection<Row>> {
  private AggregateCustomerLtv() {}

  public static AggregateCustomerLtv create() {
    return new AggregateCustomerLtv();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollection<CustomerTotals> orders =
        in.get(SilverTables.ORDERS.tag())
            .apply("CountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::orderCounts))
            .apply("OrdersPerCustomer", totalsPerBundle(
                (totals, o) -> totals.addOrder(o.getString("customer_id"), DateKeys.utcDate(o.<Instant>getValue("order_ts")).toEpochDay())));
    PCollection<CustomerTotals> revenue =
        in.get(GoldTables.FACT_ORDER_LINE.tag())
            .apply("LinesOfCountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::lineCounts))
            .apply("RevenuePerCustomer", totalsPerBundle(
                (totals, f) -> totals.addRevenue(f.getString("customer_id"), f.getDecimal("line_total"))));
    return PCollectionList.of(orders)
        .and(revenue)
        .apply("BothTotals", Flatten.pCollections())
        .apply("OneKey", WithKeys.of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), CustomerTotals.coder()))
        // A group, not a combine: a combine's merged book would cross Flink's sort as one record,
        // past its buffer at scale 100 (2M customers); a group streams the books.
        .apply("AllBooks", GroupByKey.create())
        .apply("RankIntoValueSegments", ParDo.of(new RankFn()))
        .setCoder(GoldTables.CUSTOMER_LTV.rowCoder());
  }

  /** Adds one input row to a bundle's totals. */
  interface Entry extends Serializable {
    void add(CustomerTotals totals, Row row);
  }

  private static PTransform<PCollection<Row>, PCollection<CustomerTotals>> totalsPerBundle(Entry entry) {
    return new PTransform<>() {
      @Override
      public PCollection<CustomerTotals> expand(PCollection<Row> rows) {
        GlobalBundles.requireGlobalWindow(rows, "customer_ltv's input");
        return rows.apply(ParDo.of(new TotalsPerBundleFn(entry, TotalsPerBundleFn.MAX_CUSTOMERS))).setCoder(CustomerTotals.coder());
      }
    };
  }

  /**
   * A bundle's totals, in books of at most {@link #MAX_CUSTOMERS} customers (at most 64 bytes each
   * encoded: {@link GlobalBundles#MAX_RECORD_BYTES}).
   */
  static final class TotalsPerBundleFn extends DoFn<Row, CustomerTotals> {
    static final int MAX_CUSTOMERS = GlobalBundles.MAX_RECORD_BYTES / 64;
    private final Entry entry;
    private final int maxCustomers;
    private transient CustomerTotals bundle;

    TotalsPerBundleFn(Entry entry, int maxCustomers) {
      this.entry = entry;
      this.maxCustomers = maxCustomers;
    }

    @StartBundle
    public void startBundle() {
      bundle = new CustomerTotals();
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<CustomerTotals> out) {
      entry.add(bundle, row);
      if (bundle.size() >= maxCustomers) {
        out.output(bundle);
        bundle = new CustomerTotals();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (!bundle.isEmpty()) {
        GlobalBundles.emit(c, bundle);
      }
      bundle = null;
    }
  }

  /** The segment of the customer at 1-based {@code position} among {@code n}. */
  static String valueSegment(long position, long n) {
    if (position <= (2 * n + 9) / 10) {
      return "high";
    }
    return position <= (5 * n + 9) / 10 ? "medium" : "low";
  }

  /**
   * Ranks the customers with a counted order by lifetime revenue descending, then customer_id
   * ascending, and writes each one's row with its segment.
   */
  private static final class RankFn extends DoFn<KV<Void, Iterable<CustomerTotals>>, Row> {
    @ProcessElement
    public void process(@Element KV<Void, Iterable<CustomerTotals>> books, OutputReceiver<Row> out) {
      CustomerTotals all = new CustomerTotals();
      books.getValue().forEach(all::merge);
      List<Map.Entry<String, CustomerTotals.Totals>> customers = new ArrayList<>();
      for (Map.Entry<String, CustomerTotals.Totals> e : all.byCustomer().entrySet()) {
        if (e.getValue().orders() > 0) {
          customers.add(e);
        }
      }
      customers.sort(
          Comparator.<Map.Entry<String, CustomerTotals.Totals>, BigDecimal>comparing(e -> e.getValue().revenue())
              .reversed()
              .thenComparing(Map.Entry::getKey));
      long n = customers.size();
      long position = 0;
      for (Map.Entry<String, CustomerTotals.Totals> e : customers) {
        position++;
        CustomerTotals.Totals t = e.getValue();
        BigDecimal revenue = Decimals.money(t.revenue());
        out.output(GoldTables.CUSTOMER_LTV.row()
            .addValues(e.getKey(), LocalDate.ofEpochDay(t.firstDay()), LocalDate.ofEpochDay(t.lastDay()), t.orders(), revenue,
                Decimals.moneyPer(revenue, t.orders()), valueSegment(position, n))
            .build());
      }
    }
  }
}
