package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.util.BundleSideInput;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The referential checks of contract §3 on the merged silver tables, and the silver partition of
 * every order and order line. Nothing is dropped: an order whose customer is unknown, a line whose
 * product is unknown and a payment whose order is unknown are counted
 * ({@code silver.orders.orphan_customer}, {@code silver.order_items.orphan_product},
 * {@code silver.payments.orphan_order}); a line whose order has not arrived is counted
 * {@code silver.order_items.pending} and goes to the pending partition.
 *
 * <p>The counts describe silver after the merge (not only today's rows), so a line still waiting
 * for its order is reported every run until the order arrives. Customers and products are small
 * enough for side inputs; orders are not, so lines and payments meet their order in {@link
 * JoinByOrderId}, which the facts read too ({@link ReferenceResult#byOrderId()}).
 */
public final class CheckReferences extends PTransform<PBegin, ReferenceResult> {
  private final PCollection<Row> customers;
  private final PCollection<Row> products;
  private final PCollection<Row> orders;
  private final PCollection<Row> orderItems;
  private final PCollection<Row> payments;

  private CheckReferences(PCollection<Row> customers, PCollection<Row> products, PCollection<Row> orders,
      PCollection<Row> orderItems, PCollection<Row> payments) {
    super("Check references");
    this.customers = customers;
    this.products = products;
    this.orders = orders;
    this.orderItems = orderItems;
    this.payments = payments;
  }

  /** Checks the merged silver tables (rows in the {@link SilverTables} schemas). */
  public static CheckReferences of(PCollection<Row> customers, PCollection<Row> products, PCollection<Row> orders,
      PCollection<Row> orderItems, PCollection<Row> payments) {
    return new CheckReferences(customers, products, orders, orderItems, payments);
  }

  @Override
  public ReferenceResult expand(PBegin begin) {
    PCollectionView<Map<String, String>> regionByCustomer = customers
        .apply("Region by customer", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(r -> KV.of(r.getString("customer_id"), r.getString("region"))))
        .apply("Customer regions view", View.asMap());
    PCollectionView<Map<String, String>> knownProducts = products
        .apply("Product ids", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(r -> KV.of(r.getString("product_id"), "")))
        .apply("Known products view", View.asMap());

    PCollection<KV<String, CoGbkResult>> byOrderId = PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
        .and(SilverTables.ORDER_ITEMS.tag(), orderItems)
        .and(SilverTables.PAYMENTS.tag(), payments)
        .apply("Join lines and payments to orders", JoinByOrderId.create());
    // Each order's partition is computed once, on the join, and given to its lines there too.
    PCollectionTuple placed = byOrderId
        .apply("Place orders and lines, count orphans", ParDo.of(new Place(regionByCustomer, knownProducts))
            .withSideInputs(regionByCustomer, knownProducts)
            .withOutputTags(Place.ORDERS, TupleTagList.of(Place.LINES)));
    PCollection<KV<String, Row>> ordersByPartition = placed.get(Place.ORDERS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SilverTables.ORDERS.rowCoder()));
    PCollection<KV<String, Row>> linesByPartition = placed.get(Place.LINES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SilverTables.ORDER_ITEMS.rowCoder()));
    return new ReferenceResult(ordersByPartition, linesByPartition, byOrderId);
  }

  /** Places each order and its lines in the order's partition; counts orphans and pending lines. */
  static final class Place extends DoFn<KV<String, CoGbkResult>, KV<String, Row>> {
    static final TupleTag<KV<String, Row>> ORDERS = new TupleTag<>("orders");
    static final TupleTag<KV<String, Row>> LINES = new TupleTag<>("lines");

    private final BundleSideInput<Map<String, String>> regions;
    private final BundleSideInput<Map<String, String>> products;
    private final Counter orphanCustomer = SilverCounters.counter(SilverCounters.ORPHAN_CUSTOMER);
    private final Counter pending = SilverCounters.counter(SilverCounters.PENDING);
    private final Counter orphanProduct = SilverCounters.counter(SilverCounters.ORPHAN_PRODUCT);
    private final Counter orphanOrder = SilverCounters.counter(SilverCounters.ORPHAN_ORDER);

    Place(PCollectionView<Map<String, String>> regions, PCollectionView<Map<String, String>> products) {
      this.regions = BundleSideInput.of(regions);
      this.products = BundleSideInput.of(products);
    }

    @StartBundle
    public void startBundle() {
      regions.reset();
      products.reset();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      CoGbkResult joined = c.element().getValue();
      Row order = JoinByOrderId.order(joined);
      String partition = SilverPartitions.PENDING;
      if (order != null) {
        String region = regions.get(c, window).get(order.getString("customer_id"));
        if (region == null) {
          orphanCustomer.inc();
          region = SilverPartitions.UNKNOWN_REGION;
        }
        partition = SilverPartitions.of(order.<Instant>getValue("order_ts"), region);
        c.output(ORDERS, KV.of(partition, order));
      }
      Map<String, String> known = products.get(c, window);
      for (Row line : JoinByOrderId.lines(joined)) {
        if (!known.containsKey(line.getString("product_id"))) {
          orphanProduct.inc();
        }
        if (order == null) {
          pending.inc();
        }
        c.output(LINES, KV.of(partition, line));
      }
      if (order == null) {
        orphanOrder.inc(JoinByOrderId.payments(joined).size());
      }
    }
  }
}
