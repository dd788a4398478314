package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds {@code product_performance} (contract §4) per month (YYYY-MM, UTC) and product_id: from
 * the lines of counted orders by month of order_ts — units, net revenue (Σ line_total), returned
 * units (lines whose order is returned) and their rate — and from reviews naming the product by
 * month of review_ts — count and average rating (half-up, 4 places). A row exists when either side
 * has data; reviews without a product_id are ignored.
 *
 * <p>Decisions: the grain is the natural product_id, so all versions of a product add up in one
 * row and a product unknown to the dimension still gets its own row; a return counts in the month
 * of its order.
 *
 * <p>Input: a tuple holding {@code GoldTables.FACT_ORDER_LINE} and {@code SilverTables.REVIEWS}.
 */
public final class AggregateProductPerformance extends PTransform<PCollectionTuple, PCollection<Row>> {
  private AggregateProductPerformance() {}

  public static AggregateProductPerformance create() {
    return new AggregateProductPerformance();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    TypeDescriptor<KV<KV<String, String>, Tally>> kvOfTally =
        TypeDescriptors.kvs(
            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()), TypeDescriptor.of(Tally.class));
    KvCoder<KV<String, String>, Tally> coder =
        KvCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), Tally.coder());
    PCollection<KV<KV<String, String>, Tally>> sales =
        in.get(GoldTables.FACT_ORDER_LINE.tag())
            .apply("LinesOfCountedOrders", Filter.by((SerializableFunction<Row, Boolean>) CountedOrders::lineCounts))
            .apply("TallySales", MapElements.into(kvOfTally).via(AggregateProductPerformance::salesTally))
            .setCoder(coder);
    PCollection<KV<KV<String, String>, Tally>> reviews =
        in.get(SilverTables.REVIEWS.tag())
            .apply("ReviewsNamingAProduct", Filter.by((SerializableFunction<Row, Boolean>) r -> r.getString("product_id") != null))
            .apply(
                "TallyReviews",
                MapElements.into(kvOfTally)
                    .via(
                        (Row r) ->
                            KV.of(
                                KV.of(DateKeys.month(r.<Instant>getValue("review_ts")), r.getString("product_id")),
                                Tally.of().add("reviews", 1).add("rating_sum", r.getInt32("rating")))))
            .setCoder(coder);
    return PCollectionList.of(sales)
        .and(reviews)
        .apply("AllTallies", Flatten.pCollections())
        .apply("SumPerMonthAndProduct", Tally.sumPerKey())
        .apply("ToRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateProductPerformance::toRow))
        .setCoder(GoldTables.PRODUCT_PERFORMANCE.rowCoder());
  }

  private static KV<KV<String, String>, Tally> salesTally(Row f) {
    int quantity = f.getInt32("quantity");
    Tally t = Tally.of().add("units", quantity).add("net", f.getDecimal("line_total"));
    t.add("returned_units", CountedOrders.isReturned(f.getString("order_status")) ? quantity : 0);
    return KV.of(KV.of(DateKeys.month(f.<Instant>getValue("order_ts")), f.getString("product_id")), t);
  }

  private static Row toRow(KV<KV<String, String>, Tally> kv) {
    Tally t = kv.getValue();
    long reviews = t.count("reviews");
    // The mean rating is a ratio like the rates: 4 places, half-up, 0 without reviews.
    BigDecimal avgRating = Decimals.rate(t.count("rating_sum"), reviews);
    return GoldTables.PRODUCT_PERFORMANCE.row()
        .withFieldValue("month", kv.getKey().getKey())
        .withFieldValue("product_id", kv.getKey().getValue())
        .withFieldValue("units", t.count("units"))
        .withFieldValue("net_revenue", t.money("net"))
        .withFieldValue("returned_units", t.count("returned_units"))
        .withFieldValue("return_rate", Decimals.rate(t.count("returned_units"), t.count("units")))
        .withFieldValue("review_count", reviews)
        .withFieldValue("avg_rating", avgRating)
        .build();
  }
}
