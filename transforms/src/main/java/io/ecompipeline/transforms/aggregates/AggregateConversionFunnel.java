package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds {@code conversion_funnel_daily} (contract §4) from silver clickstream: each session is
 * counted once, on the UTC date and device of its earliest event (ties by event_id; a missing
 * device is {@code unknown}), with how far it went (product_view, add_to_cart, checkout_start,
 * purchase anywhere in the session) and conversion_rate = purchase sessions / sessions, half-up.
 */
public final class AggregateConversionFunnel extends PTransform<PCollection<Row>, PCollection<Row>> {
  static final String UNKNOWN_DEVICE = "unknown";

  private AggregateConversionFunnel() {}

  public static AggregateConversionFunnel create() {
    return new AggregateConversionFunnel();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> clickstream) {
    PCollection<KV<KV<Integer, String>, Tally>> sessions =
        clickstream
            .apply(
                "KeyBySession",
                WithKeys.of((SerializableFunction<Row, String>) e -> e.getString("session_id"))
                    .withKeyType(TypeDescriptors.strings()))
            .apply("GatherEventsOfSession", GroupByKey.create())
            .apply("SessionOnItsFirstEventsDateAndDevice", ParDo.of(new SessionFn()));
    return Tally.withCoder(sessions, KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("SumPerDateAndDevice", Tally.sumPerKey())
        .apply("ToRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateConversionFunnel::toRow))
        .setRowSchema(GoldTables.CONVERSION_FUNNEL_DAILY.beamSchema());
  }

  private static final Comparator<Row> EVENT_ORDER =
      Comparator.<Row, Instant>comparing(e -> e.getValue("event_ts"))
          .thenComparing(e -> e.getString("event_id"));

  private static final class SessionFn extends DoFn<KV<String, Iterable<Row>>, KV<KV<Integer, String>, Tally>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> session, OutputReceiver<KV<KV<Integer, String>, Tally>> out) {
      Row first = null;
      Set<String> types = new HashSet<>();
      for (Row e : session.getValue()) {
        types.add(e.getString("event_type"));
        if (first == null || EVENT_ORDER.compare(e, first) < 0) {
          first = e;
        }
      }
      String device = first.getString("device") == null ? UNKNOWN_DEVICE : first.getString("device");
      Tally t =
          Tally.of()
              .add("sessions", 1)
              .add("product_view", types.contains("product_view") ? 1 : 0)
              .add("add_to_cart", types.contains("add_to_cart") ? 1 : 0)
              .add("checkout", types.contains("checkout_start") ? 1 : 0)
              .add("purchase", types.contains("purchase") ? 1 : 0);
      out.output(KV.of(KV.of(DateKeys.of(first.<Instant>getValue("event_ts")), device), t));
    }
  }

  private static Row toRow(KV<KV<Integer, String>, Tally> kv) {
    Tally t = kv.getValue();
    return GoldTables.CONVERSION_FUNNEL_DAILY.row()
        .withFieldValue("date_key", kv.getKey().getKey())
        .withFieldValue("device", kv.getKey().getValue())
        .withFieldValue("sessions", t.count("sessions"))
        .withFieldValue("product_view_sessions", t.count("product_view"))
        .withFieldValue("add_to_cart_sessions", t.count("add_to_cart"))
        .withFieldValue("checkout_sessions", t.count("checkout"))
        .withFieldValue("purchase_sessions", t.count("purchase"))
        .withFieldValue("conversion_rate", Decimals.rate(t.count("purchase"), t.count("sessions")))
        .build();
  }
}
