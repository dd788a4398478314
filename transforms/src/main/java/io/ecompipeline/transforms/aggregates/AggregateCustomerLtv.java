package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
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
 * Builds {@code customer_ltv} (contract §4), one row per customer with a counted order: first and
 * last counted order dates (UTC), counted orders, lifetime revenue (Σ line_total of their lines),
 * average order value, and the value segment. Segments rank all n customers by lifetime revenue
 * descending, then customer_id ascending: positions up to ⌈0.2·n⌉ are {@code high}, up to ⌈0.5·n⌉
 * {@code medium}, the rest {@code low} (integer arithmetic: ⌈2n/10⌉ = (2n+9)/10). The ranking is
 * global, so the per-customer sums are gathered into one list by a Combine and sorted: fine up to
 * a few million customers.
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
    TypeDescriptor<KV<String, Tally>> kvOfTally =
        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Tally.class));
    PCollection<KV<String, Tally>> orders =
        in.get(SilverTables.ORDERS.tag())
            .apply("CountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::orderCounts))
            .apply(
                "TallyOrders",
                MapElements.into(kvOfTally)
                    .via(
                        (Row o) ->
                            KV.of(
                                o.getString("customer_id"),
                                Tally.of()
                                    .add("orders", 1)
                                    .minMax("date", DateKeys.utcDate(o.<Instant>getValue("order_ts")).toEpochDay()))));
    PCollection<KV<String, Tally>> revenue =
        in.get(GoldTables.FACT_ORDER_LINE.tag())
            .apply("LinesOfCountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::lineCounts))
            .apply(
                "TallyRevenue",
                MapElements.into(kvOfTally)
                    .via((Row f) -> KV.of(f.getString("customer_id"), Tally.of().add("revenue", f.getDecimal("line_total")))));
    KvCoder<String, Tally> coder = KvCoder.of(StringUtf8Coder.of(), Tally.coder());
    return PCollectionList.of(orders.setCoder(coder))
        .and(revenue.setCoder(coder))
        .apply("AllTallies", Flatten.pCollections())
        .apply("SumPerCustomer", Tally.sumPerKey())
        .setCoder(coder)
        .apply("AllCustomers", Combine.globally(new ToListFn()))
        .apply("RankIntoValueSegments", ParDo.of(new RankFn()))
        .setRowSchema(GoldTables.CUSTOMER_LTV.beamSchema());
  }

  /** The segment of the customer at 1-based {@code position} among {@code n}. */
  static String valueSegment(long position, long n) {
    if (position <= (2 * n + 9) / 10) {
      return "high";
    }
    return position <= (5 * n + 9) / 10 ? "medium" : "low";
  }

  private static final class RankFn extends DoFn<List<KV<String, Tally>>, Row> {
    @ProcessElement
    public void process(@Element List<KV<String, Tally>> all, OutputReceiver<Row> out) {
      List<KV<String, Tally>> customers = new ArrayList<>(all);
      customers.sort(
          Comparator.<KV<String, Tally>, BigDecimal>comparing(kv -> kv.getValue().money("revenue"))
              .reversed()
              .thenComparing(KV::getKey));
      long n = customers.size();
      long position = 0;
      for (KV<String, Tally> kv : customers) {
        position++;
        Tally t = kv.getValue();
        BigDecimal revenue = t.money("revenue");
        out.output(
            Row.withSchema(GoldTables.CUSTOMER_LTV.beamSchema())
                .withFieldValue("customer_id", kv.getKey())
                .withFieldValue("first_order_date", LocalDate.ofEpochDay(t.min("date")))
                .withFieldValue("last_order_date", LocalDate.ofEpochDay(t.max("date")))
                .withFieldValue("order_count", t.count("orders"))
                .withFieldValue("lifetime_revenue", revenue)
                .withFieldValue("avg_order_value", Decimals.moneyPer(revenue, t.count("orders")))
                .withFieldValue("value_segment", valueSegment(position, n))
                .build());
      }
    }
  }

  /** Gathers every customer's tally into one list: the ranking needs them all at once. */
  private static final class ToListFn
      extends Combine.CombineFn<KV<String, Tally>, List<KV<String, Tally>>, List<KV<String, Tally>>> {
    @Override
    public List<KV<String, Tally>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<String, Tally>> addInput(List<KV<String, Tally>> acc, KV<String, Tally> input) {
      // Revenue lines of a customer without a counted order cannot exist: facts of counted orders
      // carry their order's customer; the guard keeps the table's grain honest anyway.
      if (input.getValue().count("orders") > 0) {
        acc.add(input);
      }
      return acc;
    }

    @Override
    public List<KV<String, Tally>> mergeAccumulators(Iterable<List<KV<String, Tally>>> accs) {
      List<KV<String, Tally>> merged = new ArrayList<>();
      accs.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<KV<String, Tally>> extractOutput(List<KV<String, Tally>> acc) {
      return acc;
    }

    @Override
    public Coder<List<KV<String, Tally>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, Tally>> in) {
      return ListCoder.of(in);
    }

    @Override
    public Coder<List<KV<String, Tally>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, Tally>> in) {
      return ListCoder.of(in);
    }
  }
}
