package io.ecompipeline.transforms.gold;

import io.ecompipeline.transforms.aggregates.CountedOrders;
import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.BundleSideInput;
import io.ecompipeline.transforms.util.InMemoryBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.coders.Coder;

/**
 * The months (YYYY-MM, each once) of the month-partitioned gold tables (the facts, agg_daily_sales,
 * daily_kpis, product_performance) that a run must recompute because the gold built from the
 * previous silver may differ there from the gold of today's. A superset only costs work; a month
 * missed would be a wrong number, so every way a month's rows depend on silver is covered:
 *
 * <ol>
 *   <li>orders and reviews: a month whose set of rows (by order_ts / review_ts) differs between
 *       the previous and today's silver, compared by a multiset hash, so an order that moved
 *       touches the month it left too;
 *   <li>order lines and payments that won today (lineage ingest_date = the run date) touch their
 *       order's / their own month; so do the payments of an order that won today (the payment fact
 *       takes the order's customer), and the months of the payment files the merge rewrote (where
 *       a payment that moved was);
 *   <li>dimensions: per member, the spans of time where the point-in-time key (for products also
 *       the category) differs between the previous gold dimension and today's (all of time for a
 *       new member: its facts leave -1); the member's facts in those spans touch their months. A
 *       change on time touches only the current month, a late one the span it splits off, a type-1
 *       change nothing;
 *   <li>a customer whose first counted order date moved touches the months of both dates
 *       (daily_kpis.new_customers and returning_customers).
 * </ol>
 *
 * <p>Input: the tuple of today's {@code SilverTables.ORDERS}, {@code SilverTables.REVIEWS}, {@code
 * GoldTables.DIM_CUSTOMER} and {@code GoldTables.DIM_PRODUCT}; the previous state is given to
 * {@link #since}, and today's orders joined with their lines and payments to {@link
 * #withOrdersJoined}.
 */
public final class TouchedMonths extends PTransform<PCollectionTuple, PCollection<String>> {
  public static final TupleTag<Row> PREVIOUS_ORDERS = new TupleTag<>("previous_orders");
  public static final TupleTag<Row> PREVIOUS_REVIEWS = new TupleTag<>("previous_reviews");
  public static final TupleTag<Row> PREVIOUS_DIM_CUSTOMER = new TupleTag<>("previous_dim_customer");
  public static final TupleTag<Row> PREVIOUS_DIM_PRODUCT = new TupleTag<>("previous_dim_product");
  /** Paths (relative to the silver payments folder) of the payment files today's merge rewrote. */
  public static final TupleTag<String> REPLACED_PAYMENT_FILES = new TupleTag<>("replaced_payment_files");

  /** The bounds of "every instant": a new member's facts may all have moved (they pointed to -1). */
  static final long MIN = Long.MIN_VALUE;
  static final long MAX = Long.MAX_VALUE;

  private final LocalDate runDate;
  private final PCollectionTuple previous;
  private final PCollection<KV<String, CoGbkResult>> byOrderId;

  private TouchedMonths(LocalDate runDate, PCollectionTuple previous, PCollection<KV<String, CoGbkResult>> byOrderId) {
    this.runDate = runDate;
    this.previous = previous;
    this.byOrderId = byOrderId;
  }

  /** The months touched by the run of {@code runDate}, against {@code previous} (every tag above). */
  public static TouchedMonths since(LocalDate runDate, PCollectionTuple previous) {
    return new TouchedMonths(runDate, previous, null);
  }

  /** Today's orders joined with their lines and payments ({@link JoinByOrderId} of all three); required. */
  public TouchedMonths withOrdersJoined(PCollection<KV<String, CoGbkResult>> joined) {
    return new TouchedMonths(runDate, previous, joined);
  }

  @Override
  public PCollection<String> expand(PCollectionTuple today) {
    Objects.requireNonNull(byOrderId, "TouchedMonths needs withOrdersJoined(...)");
    PCollectionView<Map<String, List<Long>>> customersChanged = PCollectionTuple.of(OLD, previous.get(PREVIOUS_DIM_CUSTOMER))
        .and(NEW, today.get(GoldTables.DIM_CUSTOMER.tag()))
        .apply("CustomersChanged", new MembersChanged(GoldTables.DIM_CUSTOMER, "customer_id", "customer_key", null));
    PCollectionView<Map<String, List<Long>>> productsChanged = PCollectionTuple.of(OLD, previous.get(PREVIOUS_DIM_PRODUCT))
        .and(NEW, today.get(GoldTables.DIM_PRODUCT.tag()))
        .apply("ProductsChanged", new MembersChanged(GoldTables.DIM_PRODUCT, "product_id", "product_key", "category"));
    PCollection<String> byOrder = byOrderId.apply("MonthsOfChangedOrdersLinesAndPayments",
        ParDo.of(new ByOrderFn(runDate, customersChanged, productsChanged)).withSideInputs(customersChanged, productsChanged));
    PCollection<String> orders = changedMonths("Orders", SilverTables.ORDERS, "order_ts",
        previous.get(PREVIOUS_ORDERS), today.get(SilverTables.ORDERS.tag()));
    PCollection<String> reviews = changedMonths("Reviews", SilverTables.REVIEWS, "review_ts",
        previous.get(PREVIOUS_REVIEWS), today.get(SilverTables.REVIEWS.tag()));
    PCollection<String> rewrittenPayments = previous.get(REPLACED_PAYMENT_FILES)
        .apply("MonthsOfRewrittenPaymentFiles", MapElements.into(TypeDescriptors.strings()).via(TouchedMonths::monthOfPaymentFile));
    PCollection<String> firstOrders = firstOrderDatesMoved(previous.get(PREVIOUS_ORDERS), today.get(SilverTables.ORDERS.tag()));
    return PCollectionList.of(byOrder).and(orders).and(reviews).and(rewrittenPayments).and(firstOrders)
        .apply("AllTouchedMonths", Flatten.pCollections())
        .apply("EachMonthOnce", Distinct.create());
  }

  /** {@code payment_date=YYYY-MM-DD/part-….parquet} → YYYY-MM. */
  static String monthOfPaymentFile(String relativePath) {
    String prefix = "payment_date=";
    int at = relativePath.indexOf(prefix);
    if (at < 0) {
      throw new IllegalArgumentException("not a silver payments file: " + relativePath);
    }
    return relativePath.substring(at + prefix.length(), at + prefix.length() + 7);
  }

  private static final TupleTag<Row> OLD = new TupleTag<>("old");
  private static final TupleTag<Row> NEW = new TupleTag<>("new");

  /**
   * Months whose multiset of rows differs between {@code before} and {@code after}: each row adds
   * (after) or takes off (before) a 128-bit hash of its encoding to its month's two sums, and a
   * month with a sum other than zero changed.
   */
  private static PCollection<String> changedMonths(String name, Table table, String tsColumn, PCollection<Row> before,
      PCollection<Row> after) {
    PCollection<KV<String, Long>> minus = before.apply("HashPrevious" + name, ParDo.of(new SignedHashFn(table, tsColumn, -1)));
    PCollection<KV<String, Long>> plus = after.apply("HashToday" + name, ParDo.of(new SignedHashFn(table, tsColumn, 1)));
    return PCollectionList.of(minus).and(plus)
        .apply("Both" + name, Flatten.pCollections())
        .apply("SumPerMonth" + name, Sum.longsPerKey())
        .apply("Differing" + name, Filter.by((SerializableFunction<KV<String, Long>, Boolean>) kv -> kv.getValue() != 0L))
        .apply("MonthOf" + name, MapElements.into(TypeDescriptors.strings()).via((KV<String, Long> kv) -> kv.getKey().substring(0, 7)));
  }

  private static final class SignedHashFn extends DoFn<Row, KV<String, Long>> {
    private final Coder<Row> coder;
    private final String tsColumn;
    private final long sign;
    private transient MessageDigest md5;
    private transient InMemoryBytes.Output bytes;

    SignedHashFn(Table table, String tsColumn, long sign) {
      this.coder = table.rowCoder();
      this.tsColumn = tsColumn;
      this.sign = sign;
    }

    @Setup
    public void setup() throws NoSuchAlgorithmException {
      md5 = MessageDigest.getInstance("MD5");
      bytes = new InMemoryBytes.Output(256);
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Long>> out) {
      bytes.reset();
      try {
        coder.encode(row, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      md5.update(bytes.bytes(), 0, bytes.size());
      ByteBuffer hash = ByteBuffer.wrap(md5.digest());
      String month = DateKeys.month(row.<Instant>getValue(tsColumn));
      out.output(KV.of(month + "/a", sign * hash.getLong()));
      out.output(KV.of(month + "/b", sign * hash.getLong()));
    }
  }

  /** Customers whose first counted order date differs between {@code before} and {@code after}: both months. */
  private static PCollection<String> firstOrderDatesMoved(PCollection<Row> before, PCollection<Row> after) {
    PCollection<KV<String, Integer>> previous = before.apply("PreviousFirstOrderCandidates", ParDo.of(new CountedOrderDateFn(-1)));
    PCollection<KV<String, Integer>> current = after.apply("TodaysFirstOrderCandidates", ParDo.of(new CountedOrderDateFn(1)));
    return PCollectionList.of(previous).and(current)
        .apply("BothOrderDates", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply("OrderDatesOfCustomer", GroupByKey.create())
        .apply("MonthsOfMovedFirstOrders", ParDo.of(new MovedFirstDateFn()));
  }

  /** A counted order's customer and date key, negative for the previous silver. */
  private static final class CountedOrderDateFn extends DoFn<Row, KV<String, Integer>> {
    private final int sign;

    CountedOrderDateFn(int sign) {
      this.sign = sign;
    }

    @ProcessElement
    public void process(@Element Row order, OutputReceiver<KV<String, Integer>> out) {
      if (CountedOrders.orderCounts(order)) {
        out.output(KV.of(order.getString("customer_id"), sign * DateKeys.of(order.<Instant>getValue("order_ts"))));
      }
    }
  }

  private static final class MovedFirstDateFn extends DoFn<KV<String, Iterable<Integer>>, String> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Integer>> customer, OutputReceiver<String> out) {
      int before = Integer.MAX_VALUE;
      int after = Integer.MAX_VALUE;
      for (int d : customer.getValue()) {
        if (d < 0) {
          before = Math.min(before, -d);
        } else {
          after = Math.min(after, d);
        }
      }
      if (before != after) {
        for (int d : new int[] {before, after}) {
          if (d != Integer.MAX_VALUE) {
            out.output(DateKeys.month(d));
          }
        }
      }
    }
  }

  /**
   * Per member of a dimension whose facts may point elsewhere now: the intervals of instants
   * (epoch micros, {@code [from, to)} flattened into one list, {@link #MIN}/{@link #MAX} for ±∞)
   * where its point-in-time key, or the category of that version, differs between the previous
   * and today's dimension. The lookup is constant between the bounds of the versions, so comparing
   * it at -∞ and at every bound of both finds them exactly: a late change touches the span it
   * splits off, not the member's later facts.
   */
  private static final class MembersChanged extends PTransform<PCollectionTuple, PCollectionView<Map<String, List<Long>>>> {
    private final Table table;
    private final String naturalKey;
    private final String keyColumn;
    private final String category;

    MembersChanged(Table table, String naturalKey, String keyColumn, String category) {
      this.table = table;
      this.naturalKey = naturalKey;
      this.keyColumn = keyColumn;
      this.category = category;
    }

    @Override
    public PCollectionView<Map<String, List<Long>>> expand(PCollectionTuple dims) {
      KvCoder<String, KV<Boolean, Row>> coder =
          KvCoder.of(StringUtf8Coder.of(), KvCoder.of(BooleanCoder.of(), table.rowCoder()));
      PCollection<KV<String, KV<Boolean, Row>>> old = dims.get(OLD).apply("PreviousVersions",
          ParDo.of(new TagVersionFn(naturalKey, keyColumn, false))).setCoder(coder);
      PCollection<KV<String, KV<Boolean, Row>>> now = dims.get(NEW).apply("TodaysVersions",
          ParDo.of(new TagVersionFn(naturalKey, keyColumn, true))).setCoder(coder);
      return PCollectionList.of(old).and(now)
          .apply("BothVersions", Flatten.pCollections())
          .apply("VersionsOfMember", GroupByKey.create())
          .apply("WhereTheyDiffer", ParDo.of(new DifferingSpansFn(keyColumn, category)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of())))
          .apply("ChangedMembers", View.asMap());
    }
  }

  private static final class TagVersionFn extends DoFn<Row, KV<String, KV<Boolean, Row>>> {
    private final String naturalKey;
    private final String keyColumn;
    private final boolean today;

    TagVersionFn(String naturalKey, String keyColumn, boolean today) {
      this.naturalKey = naturalKey;
      this.keyColumn = keyColumn;
      this.today = today;
    }

    @ProcessElement
    public void process(@Element Row version, OutputReceiver<KV<String, KV<Boolean, Row>>> out) {
      if (version.getInt64(keyColumn) != SurrogateKeys.UNKNOWN) {
        out.output(KV.of(version.getString(naturalKey), KV.of(today, version)));
      }
    }
  }

  private static final class DifferingSpansFn extends DoFn<KV<String, Iterable<KV<Boolean, Row>>>, KV<String, List<Long>>> {
    private final String keyColumn;
    private final String category;

    DifferingSpansFn(String keyColumn, String category) {
      this.keyColumn = keyColumn;
      this.category = category;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Boolean, Row>>> member, OutputReceiver<KV<String, List<Long>>> out) {
      List<Row> old = new ArrayList<>();
      List<Row> now = new ArrayList<>();
      TreeSet<Long> bounds = new TreeSet<>();
      bounds.add(MIN);
      for (KV<Boolean, Row> v : member.getValue()) {
        (v.getKey() ? now : old).add(v.getValue());
        bounds.add(Table.epochMicros(v.getValue().getValue("valid_from")));
        bounds.add(Table.epochMicros(v.getValue().getValue("valid_to")));
      }
      if (old.isEmpty() || now.isEmpty()) {
        out.output(KV.of(member.getKey(), List.of(MIN, MAX)));
        return;
      }
      List<Long> spans = new ArrayList<>();
      Long from = null;
      for (long at : bounds) {
        boolean differs = !Objects.equals(lookup(old, at), lookup(now, at));
        if (differs && from == null) {
          from = at;
        } else if (!differs && from != null) {
          spans.add(from);
          spans.add(at);
          from = null;
        }
      }
      if (from != null) {
        spans.add(from);
        spans.add(MAX);
      }
      if (!spans.isEmpty()) {
        out.output(KV.of(member.getKey(), spans));
      }
    }

    /** What a fact at {@code micros} takes of the member: {@code PointInTimeLookup}'s rule, and the category. */
    private List<Object> lookup(List<Row> versions, long micros) {
      Row first = null;
      for (Row v : versions) {
        if (Table.epochMicros(v.getValue("valid_from")) <= micros && micros < Table.epochMicros(v.getValue("valid_to"))) {
          return taken(v);
        }
        if (first == null || Table.epochMicros(v.getValue("valid_from")) < Table.epochMicros(first.getValue("valid_from"))) {
          first = v;
        }
      }
      return taken(first);
    }

    private List<Object> taken(Row v) {
      return category == null ? List.of(v.getInt64(keyColumn)) : java.util.Arrays.asList(v.getInt64(keyColumn), v.getString(category));
    }
  }

  /**
   * Per order: its month when it or one of its lines won today, the months of its payments when it
   * or they won today, and the months of its facts at instants where its customer or a line's
   * product changed.
   */
  private static final class ByOrderFn extends DoFn<KV<String, CoGbkResult>, String> {
    private final LocalDate runDate;
    private final BundleSideInput<Map<String, List<Long>>> customersChanged;
    private final BundleSideInput<Map<String, List<Long>>> productsChanged;

    ByOrderFn(LocalDate runDate, PCollectionView<Map<String, List<Long>>> customers,
        PCollectionView<Map<String, List<Long>>> products) {
      this.runDate = runDate;
      this.customersChanged = BundleSideInput.of(customers);
      this.productsChanged = BundleSideInput.of(products);
    }

    @StartBundle
    public void startBundle() {
      customersChanged.reset();
      productsChanged.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      CoGbkResult joined = c.element().getValue();
      Row order = JoinByOrderId.order(joined);
      TreeSet<String> months = new TreeSet<>();
      if (order == null) {
        // Payments of an unknown order are facts of their own (customer -1); lines wait for their order.
        for (Row payment : JoinByOrderId.payments(joined)) {
          if (wonToday(payment)) {
            months.add(DateKeys.month(payment.<Instant>getValue("payment_ts")));
          }
        }
      } else {
        Instant orderTs = order.getValue("order_ts");
        long orderMicros = Table.epochMicros(orderTs);
        String orderMonth = DateKeys.month(orderTs);
        boolean orderChanged = wonToday(order);
        List<Long> customerChanged = customersChanged.get(c, window).get(order.getString("customer_id"));
        Map<String, List<Long>> products = productsChanged.get(c, window);
        boolean linesChanged = orderChanged || within(customerChanged, orderMicros);
        for (Row line : JoinByOrderId.lines(joined)) {
          linesChanged |= wonToday(line) || within(products.get(line.getString("product_id")), orderMicros);
        }
        if (linesChanged) {
          months.add(orderMonth);
        }
        for (Row payment : JoinByOrderId.payments(joined)) {
          Instant paymentTs = payment.getValue("payment_ts");
          if (orderChanged || wonToday(payment) || within(customerChanged, Table.epochMicros(paymentTs))) {
            months.add(DateKeys.month(paymentTs));
          }
        }
      }
      months.forEach(c::output);
    }

    /** Whether {@code micros} lies in one of the flattened {@code [from, to)} spans (none when null). */
    private static boolean within(List<Long> spans, long micros) {
      if (spans != null) {
        for (int i = 0; i < spans.size(); i += 2) {
          if (spans.get(i) <= micros && micros < spans.get(i + 1)) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean wonToday(Row silverRow) {
      return runDate.equals(silverRow.getValue("ingest_date"));
    }
  }
}
