package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.schema.GoldTables;
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
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code conversion_funnel_daily} as {@link AggregateConversionFunnel} would build it from the
 * whole clickstream, computed from the previous funnel and the sessions a day changes: each
 * touched session's counts as they were are taken off its date and device, and its counts as they
 * are now added. The funnel's counts are sums over sessions, so this is exact, provided the
 * previous funnel is the one the previous clickstream gives (the caller checks that gold and
 * silver are in step); a count falling below zero means they were not, and fails the run.
 *
 * <p>Input: a tuple of the previous funnel rows ({@link #PREVIOUS}) and the touched sessions'
 * events before ({@link #BEFORE}) and after ({@link #AFTER}) the day.
 */
public final class UpdateConversionFunnel extends PTransform<PCollectionTuple, PCollection<Row>> {
  public static final TupleTag<Row> PREVIOUS = new TupleTag<>("previous funnel");
  public static final TupleTag<Row> BEFORE = new TupleTag<>("sessions before");
  public static final TupleTag<Row> AFTER = new TupleTag<>("sessions after");

  private UpdateConversionFunnel() {}

  public static UpdateConversionFunnel create() {
    return new UpdateConversionFunnel();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple in) {
    PCollection<KV<KV<Integer, String>, Tally>> previous = Tally.withCoder(in.get(PREVIOUS)
        .apply("PreviousCounts", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()),
                TypeDescriptor.of(Tally.class)))
            .via(UpdateConversionFunnel::counts)), AggregateConversionFunnel.DATE_AND_DEVICE);
    return PCollectionList.of(previous)
        .and(AggregateConversionFunnel.sessionTallies(in.get(BEFORE), "Before", -1))
        .and(AggregateConversionFunnel.sessionTallies(in.get(AFTER), "After", 1))
        .apply("PreviousAndChanges", Flatten.pCollections())
        .apply("SumPerDateAndDevice", Tally.sumPerKey())
        .apply("DatesAndDevicesWithSessions", Filter.by((SerializableFunction<KV<KV<Integer, String>, Tally>, Boolean>)
            UpdateConversionFunnel::hasSessions))
        .apply("ToRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateConversionFunnel::toRow))
        .setCoder(GoldTables.CONVERSION_FUNNEL_DAILY.rowCoder());
  }

  private static KV<KV<Integer, String>, Tally> counts(Row funnel) {
    return KV.of(KV.of(funnel.getInt32("date_key"), funnel.getString("device")),
        Tally.of()
            .add("sessions", funnel.getInt64("sessions"))
            .add("product_view", funnel.getInt64("product_view_sessions"))
            .add("add_to_cart", funnel.getInt64("add_to_cart_sessions"))
            .add("checkout", funnel.getInt64("checkout_sessions"))
            .add("purchase", funnel.getInt64("purchase_sessions")));
  }

  private static boolean hasSessions(KV<KV<Integer, String>, Tally> kv) {
    Tally t = kv.getValue();
    for (String count : new String[] {"sessions", "product_view", "add_to_cart", "checkout", "purchase"}) {
      if (t.count(count) < 0) {
        throw new IllegalStateException("conversion_funnel_daily " + kv.getKey() + ": " + count
            + " would fall below zero: gold's funnel was not built from the silver clickstream it corrects."
            + " Rebuild it from all of silver (docs/runbook.md, \"Gold out of step with silver\")");
      }
    }
    return t.count("sessions") > 0;
  }
}
