package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.bronze;
import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import io.ecompipeline.transforms.testing.Fx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * A day's story: a known and an unknown customer order, a bad status, an exact re-send, a line for
 * an order that has not arrived, a line for an unknown product, a payment for an unknown order and
 * a late customer change.
 */
class BuildSilverTest {
  static final LocalDate D0 = LocalDate.of(2024, 3, 1);
  static final LocalDate RUN = LocalDate.of(2024, 3, 2);
  static final Table CUS = SilverTables.CUSTOMERS;
  static final Table PRO = SilverTables.PRODUCTS;
  static final Table ORD = SilverTables.ORDERS;
  static final Table ITM = SilverTables.ORDER_ITEMS;
  static final Table PAY = SilverTables.PAYMENTS;

  static String[] customer(String id, String region, String updatedAt) {
    return new String[] {"customer_id", id, "region", region, "country", "BR", "updated_at", updatedAt};
  }

  static String[] order(String id, String customer, String status) {
    return new String[] {"order_id", id, "customer_id", customer, "order_ts", "2024-03-02T10:00:00Z", "status", status,
        "currency", "BRL", "updated_at", "2024-03-02T10:00:00Z"};
  }

  static String[] line(String order, String n, String product, String quantity, String price) {
    return new String[] {"order_id", order, "line_number", n, "product_id", product, "quantity", quantity,
        "unit_price", price};
  }

  static String[] payment(String id, String order) {
    return new String[] {"payment_id", id, "order_id", order, "payment_ts", "2024-03-02T11:00:00Z", "method", "paypal",
        "amount", "10.00", "status", "captured"};
  }

  @Test
  void aDayOfMixedRecordsIsValidatedMergedCheckedAndPartitioned() {
    Pipeline p = Pipelines.create();
    Row c3Current = silver(CUS, D0, "c.csv", 2, customer("c3", "west", "2024-03-01T00:00:00Z"));
    Row p1 = silver(PRO, D0, "p.csv", 2, "product_id", "p1", "category", "toys", "updated_at", "2024-03-01T00:00:00Z");
    Map<Table, PCollection<Row>> previous = new HashMap<>();
    previous.put(CUS, Fx.create(p, "prev customers", CUS, List.of(c3Current)));
    previous.put(SilverTables.CUSTOMERS_HISTORY, Fx.create(p, "prev history", SilverTables.CUSTOMERS_HISTORY, List.of(c3Current)));
    previous.put(PRO, Fx.create(p, "prev products", PRO, List.of(p1)));
    previous.put(SilverTables.PRODUCTS_HISTORY, Fx.create(p, "prev product history", SilverTables.PRODUCTS_HISTORY, List.of(p1)));

    Map<Table, PCollection<BronzeRecord>> bronze = new HashMap<>();
    bronze.put(CUS, records(p, CUS,
        bronze(CUS, RUN, "c.csv", 2, customer("c1", "north", "2024-03-02T08:00:00Z")),
        bronze(CUS, RUN, "c.csv", 3, customer("c3", "east", "2024-02-15T00:00:00Z")), // late change
        bronze(CUS, RUN, "c.csv", 4, customer("c4", "", "2024-03-02T08:00:00Z")))); // no region
    bronze.put(ORD, records(p, ORD,
        bronze(ORD, RUN, "o.csv", 2, order("o1", "c1", "PAID")),
        bronze(ORD, RUN, "o.csv", 3, order("o2", "c9", "placed")), // unknown customer
        bronze(ORD, RUN, "o.csv", 4, order("o3", "c1", "lost")), // bad status
        bronze(ORD, RUN, "o.csv", 5, order("o1", "c1", "paid")), // exact re-send after normalisation
        bronze(ORD, RUN, "o.csv", 6, order("o4", "c3", "placed"))));
    bronze.put(ITM, records(p, ITM,
        bronze(ITM, RUN, "i.csv", 2, line("o1", "1", "p1", "2", "10.00")),
        bronze(ITM, RUN, "i.csv", 3, line("o1", "2", "p404", "1", "5.00")), // unknown product
        bronze(ITM, RUN, "i.csv", 4, line("o7", "1", "p1", "1", "5.00")), // order not arrived
        bronze(ITM, RUN, "i.csv", 5, line("o2", "1", "p1", "0", "5.00")))); // quantity 0
    bronze.put(PAY, records(p, PAY,
        bronze(PAY, RUN, "pay.csv", 2, payment("pay1", "o1")),
        bronze(PAY, RUN, "pay.csv", 3, payment("pay2", "o8")))); // unknown order

    SilverResult silver = p.apply(BuildSilver.forRun(RUN, QualityRules.defaults()).withBronze(bronze).withPreviousSilver(previous));

    PAssert.that(ids(silver.table(CUS), "customer_id")).containsInAnyOrder("c1", "c3");
    PAssert.that(silver.table(CUS)).satisfies(it -> {
      for (Row r : it) {
        if (r.getString("customer_id").equals("c3")) {
          assertThat("the late change does not win the latest table", r.getString("region"), equalTo("west"));
        }
      }
      return null;
    });
    PAssert.that(ids(silver.table(SilverTables.CUSTOMERS_HISTORY), "customer_id")).containsInAnyOrder("c1", "c3", "c3");
    PAssert.that(ids(silver.table(ORD), "order_id")).containsInAnyOrder("o1", "o2", "o4");
    PAssert.that(ids(silver.table(SilverTables.REVIEWS), "review_id")).empty();
    PAssert.that(keys(silver.partitioned(ORD), "order_id")).containsInAnyOrder(
        "o1 order_date=2024-03-02/customer_region=north",
        "o2 order_date=2024-03-02/customer_region=unknown",
        "o4 order_date=2024-03-02/customer_region=west");
    PAssert.that(keys(silver.partitioned(ITM), "order_id")).containsInAnyOrder(
        "o1 order_date=2024-03-02/customer_region=north",
        "o1 order_date=2024-03-02/customer_region=north",
        "o7 order_date=pending/customer_region=pending");
    PAssert.that(silver.quarantined()).satisfies(it -> {
      List<String> rules = Pipelines.list(it).stream().map(q -> q.entity() + ":" + q.line() + ":" + q.rule()).toList();
      assertThat(rules, containsInAnyOrder(
          "customers:4:required_missing", "orders:4:invalid_enum", "order_items:5:out_of_range"));
      return null;
    });
    PAssert.that(silver.qualityFacts()).satisfies(it -> {
      Map<String, String> facts = new HashMap<>();
      it.forEach(kv -> facts.put(kv.getKey(), kv.getValue()));
      assertThat(facts.get("outlier.orders.order_total.count"), equalTo("2")); // o1 = 25.00, o7 = 5.00
      assertThat(facts.get("outlier.orders.order_total.median"), equalTo("15"));
      assertThat(facts.get("outlier.order_items.quantity.count"), equalTo("3"));
      return null;
    });

    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(result);
    assertThat(c.get("silver.customers.read"), equalTo(3L));
    assertThat(c.get("silver.customers.accepted"), equalTo(2L));
    assertThat(c.get("silver.customers.quarantined.required_missing"), equalTo(1L));
    assertThat(c.get("silver.orders.read"), equalTo(5L));
    assertThat(c.get("silver.orders.accepted"), equalTo(3L));
    assertThat(c.get("silver.orders.quarantined"), equalTo(1L));
    assertThat(c.get("silver.orders.duplicates"), equalTo(1L));
    assertThat(c.get("silver.orders.orphan_customer"), equalTo(1L));
    assertThat(c.get("silver.order_items.orphan_product"), equalTo(1L));
    assertThat(c.get("silver.order_items.pending"), equalTo(1L));
    assertThat(c.get("silver.payments.orphan_order"), equalTo(1L));
    assertThat(c.get(SilverCounters.newest("orders")), equalTo(Table.epochMicros(Instant.parse("2024-03-02T10:00:00Z"))));
    assertThat(c.get(SilverCounters.newest("customers")), equalTo(Table.epochMicros(Instant.parse("2024-03-02T08:00:00Z"))));
    assertThat("no valid reviews today, no newest", c.containsKey(SilverCounters.newest("reviews")), equalTo(false));
    for (String e : List.of("customers", "orders", "order_items", "payments")) {
      assertThat("read = accepted + quarantined + duplicates for " + e, c.getOrDefault("silver." + e + ".read", 0L),
          equalTo(c.getOrDefault("silver." + e + ".accepted", 0L) + c.getOrDefault("silver." + e + ".quarantined", 0L)
              + c.getOrDefault("silver." + e + ".duplicates", 0L)));
    }
    QualitySummary summary = QualitySummary.of(RUN, c, Map.of());
    for (String e : List.of("customers", "products", "orders", "order_items", "payments", "reviews", "clickstream")) {
      assertThat(e, summary.identityHolds(e), equalTo(true));
    }
  }

  static PCollection<BronzeRecord> records(Pipeline p, Table t, BronzeRecord... records) {
    return p.apply("bronze " + t.name(), Create.of(List.of(records)).withCoder(BronzeRecord.RecordCoder.of()));
  }

  static PCollection<String> ids(PCollection<Row> rows, String column) {
    return rows.apply("ids " + rows.getName(), MapElements.into(TypeDescriptors.strings()).via(r -> r.getString(column)));
  }

  static PCollection<String> keys(PCollection<KV<String, Row>> rows, String column) {
    return rows.apply("keys " + rows.getName(), MapElements.into(TypeDescriptors.strings())
        .via(kv -> kv.getValue().getString(column) + " " + kv.getKey()));
  }
}
