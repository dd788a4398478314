package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds {@code daily_kpis} (contract §4), one row per UTC date with a counted order or a payment
 * (zeros where a side has none): counted orders (with or without lines), their net revenue
 * (Σ line_total), average order value, new customers (whose first counted order ever falls on the
 * date), returning customers (the others with a counted order that date), captured and refunded
 * amounts, the share of failed payments among all payments of the date, and the share of the
 * date's counted orders whose status is returned.
 *
 * <p>Decisions where the contract is silent: a return counts on its order's date (silver keeps
 * only the latest status, not when it changed); payments count on their own date whatever their
 * order's status, and also when their order is unknown; "orders" of the date come from silver
 * orders, so an order without lines counts with no revenue.
 *
 * <p>Input: a tuple holding {@code SilverTables.ORDERS}, {@code GoldTables.FACT_ORDER_LINE} and
 * {@code GoldTables.FACT_PAYMENT}.
 */
public final class AggregateDailyKpis extends PTransform<PCollectionTuple, PCollection<Row>> {
  private AggregateDailyKpis() {}

  public static AggregateDailyKpis create() {
    return new AggregateDailyKpis();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollection<Row> countedOrders =
        in.get(SilverTables.ORDERS.tag())
            .apply("CountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::orderCounts));
    PCollection<KV<Integer, Tally>> orders =
        countedOrders.apply(
            "TallyOrders",
            MapElements.into(kvOfTally())
                .via(
                    (Row o) ->
                        KV.of(
                            DateKeys.of(o.<Instant>getValue("order_ts")),
                            Tally.of()
                                .add("orders", 1)
                                .add("returned_orders", CountedOrders.isReturned(o.getString("status")) ? 1 : 0))));
    PCollection<KV<Integer, Tally>> revenue =
        in.get(GoldTables.FACT_ORDER_LINE.tag())
            .apply("LinesOfCountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::lineCounts))
            .apply(
                "TallyRevenue",
                MapElements.into(kvOfTally())
                    .via((Row f) -> KV.of(f.getInt32("order_date_key"), Tally.of().add("net", f.getDecimal("line_total")))));
    PCollection<KV<Integer, Tally>> customers =
        countedOrders
            .apply(
                "OrderDatesByCustomer",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.integers()))
                    .via((Row o) -> KV.of(o.getString("customer_id"), DateKeys.of(o.<Instant>getValue("order_ts")))))
            .apply("GatherOrderDatesOfCustomer", GroupByKey.create())
            .apply("NewOnFirstDateReturningAfter", ParDo.of(new NewOrReturningFn()));
    PCollection<KV<Integer, Tally>> payments =
        in.get(GoldTables.FACT_PAYMENT.tag())
            .apply("TallyPayments", MapElements.into(kvOfTally()).via(AggregateDailyKpis::paymentTally));
    return Tally.withCoder(
            PCollectionList.of(Tally.withCoder(orders, VarIntCoder.of()))
                .and(Tally.withCoder(revenue, VarIntCoder.of()))
                .and(Tally.withCoder(customers, VarIntCoder.of()))
                .and(Tally.withCoder(payments, VarIntCoder.of()))
                .apply("AllTallies", Flatten.pCollections()),
            VarIntCoder.of())
        .apply("SumPerDate", Tally.sumPerKey())
        .apply("ToRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateDailyKpis::toRow))
        .setCoder(GoldTables.DAILY_KPIS.rowCoder());
  }

  private static TypeDescriptor<KV<Integer, Tally>> kvOfTally() {
    return TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(Tally.class));
  }

  private static KV<Integer, Tally> paymentTally(Row p) {
    String status = p.getString("status");
    BigDecimal amount = p.getDecimal("amount");
    Tally t = Tally.of().add("payments", 1).add("failed", "failed".equals(status) ? 1 : 0);
    if ("captured".equals(status)) {
      t.add("captured", amount);
    }
    if ("refunded".equals(status)) {
      t.add("refunded", amount);
    }
    return KV.of(p.getInt32("payment_date_key"), t);
  }

  /** A customer is new on the date of its first counted order ever, returning on its later dates. */
  private static final class NewOrReturningFn extends DoFn<KV<String, Iterable<Integer>>, KV<Integer, Tally>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Integer>> customer, OutputReceiver<KV<Integer, Tally>> out) {
      TreeSet<Integer> dates = new TreeSet<>();
      customer.getValue().forEach(dates::add);
      int first = dates.first();
      for (int d : dates) {
        out.output(KV.of(d, Tally.of().add(d == first ? "new" : "returning", 1)));
      }
    }
  }

  private static Row toRow(KV<Integer, Tally> kv) {
    Tally t = kv.getValue();
    long orders = t.count("orders");
    BigDecimal net = t.money("net");
    return GoldTables.DAILY_KPIS.row()
        .withFieldValue("date_key", kv.getKey())
        .withFieldValue("orders", orders)
        .withFieldValue("net_revenue", net)
        .withFieldValue("avg_order_value", Decimals.moneyPer(net, orders))
        .withFieldValue("new_customers", t.count("new"))
        .withFieldValue("returning_customers", t.count("returning"))
        .withFieldValue("payments_captured_amount", t.money("captured"))
        .withFieldValue("payment_failure_rate", Decimals.rate(t.count("failed"), t.count("payments")))
        .withFieldValue("refunded_amount", t.money("refunded"))
        .withFieldValue("return_rate", Decimals.rate(t.count("returned_orders"), orders))
        .build();
  }
}
