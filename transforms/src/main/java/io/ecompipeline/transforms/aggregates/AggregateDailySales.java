package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.util.BundleSideInput;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds {@code agg_daily_sales} (contract §4): per UTC order date and product category — the
 * category of the product version each fact points to, {@code unknown} for -1 — over the lines of
 * counted orders (latest status not cancelled): distinct orders, units, gross revenue (Σ quantity ×
 * unit_price), discounts, net revenue (gross − discounts), average order value (net / orders,
 * half-up) and returned revenue (Σ line_total of lines whose order is returned).
 *
 * <p>Decisions: an order with lines in two categories counts once in each (so orders do not add
 * up across categories, revenue does); a return counts on its order's date.
 *
 * <p>Input: a tuple holding {@code GoldTables.FACT_ORDER_LINE} and {@code GoldTables.DIM_PRODUCT}.
 */
public final class AggregateDailySales extends PTransform<PCollectionTuple, PCollection<Row>> {
  static final String UNKNOWN_CATEGORY = "unknown";

  private AggregateDailySales() {}

  public static AggregateDailySales create() {
    return new AggregateDailySales();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollectionView<Map<Long, String>> categories =
        in.get(GoldTables.DIM_PRODUCT.tag())
            .apply(
                "CategoryOfEachProductVersion",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings()))
                    .via(
                        (Row v) ->
                            KV.of(
                                v.getInt64("product_key"),
                                v.getString("category") == null ? UNKNOWN_CATEGORY : v.getString("category"))))
            .apply("AsMap", View.asMap());
    PCollection<KV<KV<Integer, String>, Tally>> tallies =
        in.get(GoldTables.FACT_ORDER_LINE.tag())
            .apply("LinesOfCountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::lineCounts))
            .apply("TallyByDateAndCategory", ParDo.of(new TallyFn(categories)).withSideInputs(categories));
    return Tally.withCoder(tallies, KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("SumPerDateAndCategory", Tally.sumPerKey())
        .apply(
            "ToRows",
            MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateDailySales::toRow))
        .setCoder(GoldTables.AGG_DAILY_SALES.rowCoder());
  }

  private static final class TallyFn extends DoFn<Row, KV<KV<Integer, String>, Tally>> {
    private final BundleSideInput<Map<Long, String>> categories;

    TallyFn(PCollectionView<Map<Long, String>> categories) {
      this.categories = BundleSideInput.of(categories);
    }

    @StartBundle
    public void startBundle() {
      categories.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      Row f = c.element();
      String category = categories.get(c, window).getOrDefault(f.getInt64("product_key"), UNKNOWN_CATEGORY);
      int quantity = f.getInt32("quantity");
      Tally t =
          Tally.of()
              .distinct("orders", f.getString("order_id"))
              .add("units", quantity)
              .add("gross", f.getDecimal("unit_price").multiply(BigDecimal.valueOf(quantity)))
              .add("discounts", f.getDecimal("discount_amount"));
      if (CountedOrders.isReturned(f.getString("order_status"))) {
        t.add("returned", f.getDecimal("line_total"));
      }
      c.output(KV.of(KV.of(f.getInt32("order_date_key"), category), t));
    }
  }

  private static Row toRow(KV<KV<Integer, String>, Tally> kv) {
    Tally t = kv.getValue();
    long orders = t.distinctCount("orders");
    BigDecimal net = t.money("gross").subtract(t.money("discounts"));
    return GoldTables.AGG_DAILY_SALES.row()
        .withFieldValue("date_key", kv.getKey().getKey())
        .withFieldValue("category", kv.getKey().getValue())
        .withFieldValue("orders", orders)
        .withFieldValue("units", t.count("units"))
        .withFieldValue("gross_revenue", t.money("gross"))
        .withFieldValue("discount_total", t.money("discounts"))
        .withFieldValue("net_revenue", net)
        .withFieldValue("avg_order_value", Decimals.moneyPer(net, orders))
        .withFieldValue("returned_revenue", t.money("returned"))
        .build();
  }
}
