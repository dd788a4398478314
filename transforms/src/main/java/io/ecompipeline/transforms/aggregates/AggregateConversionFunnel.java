package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.EpochMicros;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.GlobalBundles;
import io.ecompipeline.transforms.util.MergePerBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
  static final Coder<KV<Integer, String>> DATE_AND_DEVICE = KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of());

  private AggregateConversionFunnel() {}

  public static AggregateConversionFunnel create() {
    return new AggregateConversionFunnel();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> clickstream) {
    return sessionTallies(clickstream, "", 1)
        .apply("SumPerDateAndDevice", Tally.sumPerKey())
        .apply("ToRows", MapElements.into(TypeDescriptor.of(Row.class)).via(AggregateConversionFunnel::toRow))
        .setCoder(GoldTables.CONVERSION_FUNNEL_DAILY.rowCoder());
  }

  /**
   * Each session of {@code events} as its funnel counts ({@code sign} 1) or their negation (-1),
   * keyed by its date and device. Each event shrinks to its session's summary, merged per session
   * within each bundle and then by a combine: what the runner sorts and shuffles is about one small
   * value per session instead of every whole event row.
   */
  static PCollection<KV<KV<Integer, String>, Tally>> sessionTallies(PCollection<Row> events, String name, int sign) {
    GlobalBundles.requireGlobalWindow(events, "the funnel's events");
    PCollection<KV<KV<Integer, String>, Tally>> sessions =
        events
            .apply("SummaryOfEachSessionInABundle" + name, ParDo.of(summariesPerBundle(MergePerBundle.MAX_KEYS)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SessionSummary.CODER))
            .apply("SummaryOfEachSession" + name, Combine.perKey(SessionSummary::merge))
            .apply("SessionOnItsFirstEventsDateAndDevice" + name, MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()),
                    TypeDescriptor.of(Tally.class)))
                .via((KV<String, SessionSummary> s) -> s.getValue().tally(sign)));
    return Tally.withCoder(sessions, DATE_AND_DEVICE);
  }

  /**
   * The summaries of a bundle's events merged per session, at most {@code maxSessions} held at a
   * time. Flink's combine sorts its input before merging, comparing serialized elements (a day's
   * million events were 6% of a scale-10 run, session 20); a map here leaves it one value per
   * session and bundle. Summaries merge in any order, so the result is the same.
   */
  static MergePerBundle<Row, String, SessionSummary> summariesPerBundle(int maxSessions) {
    return new MergePerBundle<>(event -> event.getString("session_id"), SessionSummary::of,
        (summary, event) -> SessionSummary.merge(summary, SessionSummary.of(event)), maxSessions);
  }

  /**
   * What the funnel needs of a session: its earliest event (by event_ts, then event_id) with that
   * event's device, and which steps any of its events reached.
   */
  record SessionSummary(long firstMicros, String firstEventId, String device, int steps) {
    static final int PRODUCT_VIEW = 1;
    static final int ADD_TO_CART = 2;
    static final int CHECKOUT = 4;
    static final int PURCHASE = 8;
    static final Coder<SessionSummary> CODER = new SummaryCoder();

    static SessionSummary of(Row event) {
      int step = switch (event.getString("event_type")) {
        case "product_view" -> PRODUCT_VIEW;
        case "add_to_cart" -> ADD_TO_CART;
        case "checkout_start" -> CHECKOUT;
        case "purchase" -> PURCHASE;
        default -> 0;
      };
      return new SessionSummary(Table.epochMicros(event.<Instant>getValue("event_ts")), event.getString("event_id"),
          event.getString("device"), step);
    }

    static SessionSummary merge(SessionSummary a, SessionSummary b) {
      boolean aFirst = a.firstMicros != b.firstMicros ? a.firstMicros < b.firstMicros : a.firstEventId.compareTo(b.firstEventId) <= 0;
      SessionSummary first = aFirst ? a : b;
      return new SessionSummary(first.firstMicros, first.firstEventId, first.device, a.steps | b.steps);
    }

    KV<KV<Integer, String>, Tally> tally(int sign) {
      Tally t =
          Tally.of()
              .add("sessions", sign)
              .add("product_view", (steps & PRODUCT_VIEW) != 0 ? sign : 0)
              .add("add_to_cart", (steps & ADD_TO_CART) != 0 ? sign : 0)
              .add("checkout", (steps & CHECKOUT) != 0 ? sign : 0)
              .add("purchase", (steps & PURCHASE) != 0 ? sign : 0);
      return KV.of(KV.of(DateKeys.of(EpochMicros.INSTANCE.toInputType(firstMicros)), device == null ? UNKNOWN_DEVICE : device), t);
    }
  }

  private static final class SummaryCoder extends AtomicCoder<SessionSummary> {
    private static final Coder<String> DEVICE = NullableCoder.of(StringUtf8Coder.of());

    @Override
    public void encode(SessionSummary s, OutputStream out) throws IOException {
      VarLongCoder.of().encode(s.firstMicros(), out);
      StringUtf8Coder.of().encode(s.firstEventId(), out);
      DEVICE.encode(s.device(), out);
      VarIntCoder.of().encode(s.steps(), out);
    }

    @Override
    public SessionSummary decode(InputStream in) throws IOException {
      return new SessionSummary(VarLongCoder.of().decode(in), StringUtf8Coder.of().decode(in), DEVICE.decode(in),
          VarIntCoder.of().decode(in));
    }
  }

  static Row toRow(KV<KV<Integer, String>, Tally> kv) {
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
