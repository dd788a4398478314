package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import io.ecompipeline.transforms.testing.Fx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class CheckReferencesTest {
  static final LocalDate D = LocalDate.of(2024, 3, 2);

  static PCollection<Row> rows(Pipeline p, String name, Table t, Row... rows) {
    return Fx.create(p, name, t, List.of(rows));
  }

  @Test
  void ordersTakeTheLatestRegionAndTheUtcDateAndLinesFollowTheirOrder() {
    Pipeline p = Pipelines.create();
    // The customer's latest silver version lives in "São Paulo/SP": the partition escapes it.
    PCollection<Row> customers = rows(p, "customers", SilverTables.CUSTOMERS, silver(SilverTables.CUSTOMERS, D, "c.csv", 2,
        "customer_id", "c1", "region", "São Paulo/SP", "country", "BR", "updated_at", "2024-03-02T00:00:00Z"));
    PCollection<Row> products = rows(p, "products", SilverTables.PRODUCTS, silver(SilverTables.PRODUCTS, D, "p.csv", 2,
        "product_id", "p1", "category", "toys", "updated_at", "2024-03-01T00:00:00Z"));
    // 23:30 at -03:00 is the next UTC day.
    PCollection<Row> orders = rows(p, "orders", SilverTables.ORDERS, silver(SilverTables.ORDERS, D, "o.csv", 2,
        "order_id", "o1", "customer_id", "c1", "order_ts", "2024-03-01T23:30:00-03:00", "status", "paid",
        "currency", "BRL", "updated_at", "2024-03-02T02:30:00Z"));
    PCollection<Row> lines = rows(p, "lines", SilverTables.ORDER_ITEMS,
        silver(SilverTables.ORDER_ITEMS, D, "i.csv", 2, "order_id", "o1", "line_number", "1", "product_id", "p1",
            "quantity", "1", "unit_price", "1.00"),
        silver(SilverTables.ORDER_ITEMS, D, "i.csv", 3, "order_id", "o2", "line_number", "1", "product_id", "p2",
            "quantity", "1", "unit_price", "1.00"));
    PCollection<Row> payments = rows(p, "payments", SilverTables.PAYMENTS, silver(SilverTables.PAYMENTS, D, "pay.csv", 2,
        "payment_id", "pay1", "order_id", "o1", "payment_ts", "2024-03-02T03:00:00Z", "method", "boleto",
        "amount", "1.00", "status", "captured"));
    ReferenceResult r = p.apply(CheckReferences.of(customers, products, orders, lines, payments));
    PAssert.that(r.ordersByPartition().apply("order keys", MapElements.into(TypeDescriptors.strings())
            .via(kv -> kv.getValue().getString("order_id") + " " + kv.getKey())))
        .containsInAnyOrder("o1 order_date=2024-03-02/customer_region=S%C3%A3o%20Paulo%2FSP");
    PAssert.that(r.orderItemsByPartition().apply("line keys", MapElements.into(TypeDescriptors.strings())
            .via(kv -> kv.getValue().getString("order_id") + " " + kv.getKey())))
        .containsInAnyOrder("o1 order_date=2024-03-02/customer_region=S%C3%A3o%20Paulo%2FSP",
            "o2 order_date=pending/customer_region=pending");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(result);
    assertThat(c.getOrDefault(SilverCounters.ORPHAN_CUSTOMER, 0L), equalTo(0L));
    assertThat(c.getOrDefault(SilverCounters.ORPHAN_ORDER, 0L), equalTo(0L));
    assertThat(c.get(SilverCounters.ORPHAN_PRODUCT), equalTo(1L));
    assertThat(c.get(SilverCounters.PENDING), equalTo(1L));
  }

  @Test
  void partitionKeyFormat() {
    assertThat(SilverPartitions.of(Instant.parse("2024-03-02T00:00:00Z"), "north"),
        equalTo("order_date=2024-03-02/customer_region=north"));
    assertThat(SilverPartitions.of(Instant.parse("2024-03-02T00:00:00Z"), null),
        equalTo("order_date=2024-03-02/customer_region=unknown"));
  }
}
