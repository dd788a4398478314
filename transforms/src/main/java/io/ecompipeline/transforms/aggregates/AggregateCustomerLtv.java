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
        .apply("CustomersWithACountedOrder", Filter.by((SerializableFunction<KV<String, Tally>, Boolean>) kv -> kv.getValue().count("orders") > 0))
        .apply("UnrankedRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateCustomerLtv::unranked))
        .setCoder(GoldTables.CUSTOMER_LTV.rowCoder())
        .apply("AllCustomers", Combine.globally(new ToListFn()))
        .apply("RankIntoValueSegments", ParDo.of(new RankFn()))
        .setCoder(GoldTables.CUSTOMER_LTV.rowCoder());
  }

  /** A customer's row before ranking: the segment is filled in once every customer is known. */
  private static Row unranked(KV<String, Tally> kv) {
    Tally t = kv.getValue();
    BigDecimal revenue = t.money("revenue");
    return GoldTables.CUSTOMER_LTV.row()
        .withFieldValue("customer_id", kv.getKey())
        .withFieldValue("first_order_date", LocalDate.ofEpochDay(t.min("date")))
        .withFieldValue("last_order_date", LocalDate.ofEpochDay(t.max("date")))
        .withFieldValue("order_count", t.count("orders"))
        .withFieldValue("lifetime_revenue", revenue)
        .withFieldValue("avg_order_value", Decimals.moneyPer(revenue, t.count("orders")))
        .withFieldValue("value_segment", "")
        .build();
  }

  /** The segment of the customer at 1-based {@code position} among {@code n}. */
  static String valueSegment(long position, long n) {
    if (position <= (2 * n + 9) / 10) {
      return "high";
    }
    return position <= (5 * n + 9) / 10 ? "medium" : "low";
  }

  /** Ranks by lifetime revenue descending, then customer_id ascending, and sets each segment. */
  private static final class RankFn extends DoFn<List<Row>, Row> {
    @ProcessElement
    public void process(@Element List<Row> all, OutputReceiver<Row> out) {
      List<Row> customers = new ArrayList<>(all);
      customers.sort(
          Comparator.<Row, BigDecimal>comparing(r -> r.getDecimal("lifetime_revenue"))
              .reversed()
              .thenComparing(r -> r.getString("customer_id")));
      long n = customers.size();
      long position = 0;
      for (Row r : customers) {
        position++;
        out.output(Row.fromRow(r).withFieldValue("value_segment", valueSegment(position, n)).build());
      }
    }
  }

  /** Gathers every customer's row into one list: the ranking needs them all at once. */
  private static final class ToListFn extends Combine.CombineFn<Row, List<Row>, List<Row>> {
    @Override
    public List<Row> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Row> addInput(List<Row> acc, Row input) {
      acc.add(input);
      return acc;
    }

    @Override
    public List<Row> mergeAccumulators(Iterable<List<Row>> accs) {
      List<Row> merged = new ArrayList<>();
      accs.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<Row> extractOutput(List<Row> acc) {
      return acc;
    }

    @Override
    public Coder<List<Row>> getAccumulatorCoder(CoderRegistry registry, Coder<Row> in) {
      return ListCoder.of(in);
    }

    @Override
    public Coder<List<Row>> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> in) {
      return ListCoder.of(in);
    }
  }
}
