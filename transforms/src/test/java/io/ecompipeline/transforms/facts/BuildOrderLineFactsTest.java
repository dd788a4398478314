package io.ecompipeline.transforms.facts;

import static io.ecompipeline.transforms.testing.Fx.customer;
import static io.ecompipeline.transforms.testing.Fx.line;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.product;
import static io.ecompipeline.transforms.testing.Fx.ts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.dimensions.BuildScd2Dimension;
import io.ecompipeline.transforms.dimensions.Scd2Spec;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class BuildOrderLineFactsTest {
  static long key(String id, String validFrom) {
    return SurrogateKeys.of(id, ts(validFrom));
  }

  static final List<Row> CUSTOMERS =
      List.of(
          customer("C1", "2025-01-01T00:00:00Z").with("city", "Rio").build(),
          customer("C1", "2025-03-01T00:00:00Z").with("city", "Sao Paulo").build());
  static final List<Row> PRODUCTS =
      List.of(
          product("P1", "2025-01-01T00:00:00Z", "books").build(),
          product("P1", "2025-02-01T00:00:00Z", "ebooks").build());

  static PCollection<Row> facts(Pipeline p, List<Row> customers, List<Row> products, List<Row> orders, List<Row> lines) {
    return PCollectionTuple.of(SilverTables.ORDERS.tag(), Fx.create(p, SilverTables.ORDERS, orders))
        .and(SilverTables.ORDER_ITEMS.tag(), Fx.create(p, SilverTables.ORDER_ITEMS, lines))
        .and(
            GoldTables.DIM_CUSTOMER.tag(),
            Fx.create(p, SilverTables.CUSTOMERS_HISTORY, customers).apply("DimCustomer", BuildScd2Dimension.of(Scd2Spec.CUSTOMER)))
        .and(
            GoldTables.DIM_PRODUCT.tag(),
            Fx.create(p, SilverTables.PRODUCTS_HISTORY, products).apply("DimProduct", BuildScd2Dimension.of(Scd2Spec.PRODUCT)))
        .apply(BuildOrderLineFacts.create());
  }

  static PCollection<String> keysOf(PCollection<Row> facts) {
    return facts.apply(
        "Keys",
        MapElements.into(TypeDescriptors.strings())
            .via((Row f) -> Fx.show(f, "order_id", "line_number", "order_date_key", "customer_key", "product_key")));
  }

  static String keys(String order, int line, int date, long customerKey, long productKey) {
    return "order_id=" + order + " line_number=" + line + " order_date_key=" + date + " customer_key="
        + customerKey + " product_key=" + productKey;
  }

  @Test
  void factTakesTheVersionsValidAtOrderTsAndAFactOlderThanTheMemberTakesItsFirstVersion() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> facts =
        facts(p, CUSTOMERS, PRODUCTS,
            List.of(
                order("O0", "C1", "2024-12-01T10:00:00Z", "delivered"),
                order("O1", "C1", "2025-01-15T10:00:00Z", "delivered"),
                order("O2", "C1", "2025-03-01T00:00:00Z", "placed"),
                order("O3", "C1", "2025-02-28T23:59:59Z", "placed")),
            List.of(
                line("O0", 1, "P1", 1, "10.00", "0.00"),
                line("O1", 1, "P1", 1, "10.00", "0.00"),
                line("O2", 1, "P1", 1, "10.00", "0.00"),
                line("O3", 1, "P1", 1, "10.00", "0.00")));
    PAssert.that(keysOf(facts))
        .containsInAnyOrder(
            keys("O0", 1, 20241201, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-01-01T00:00:00Z")),
            keys("O1", 1, 20250115, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-01-01T00:00:00Z")),
            // valid_from is inclusive, valid_to exclusive.
            keys("O2", 1, 20250301, key("C1", "2025-03-01T00:00:00Z"), key("P1", "2025-02-01T00:00:00Z")),
            keys("O3", 1, 20250228, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-02-01T00:00:00Z")));
    p.run().waitUntilFinish();
  }

  @Test
  void unknownCustomerAndUnknownProductGetTheUnknownMember() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> facts =
        facts(p, CUSTOMERS, PRODUCTS,
            List.of(order("O9", "C9", "2025-01-15T10:00:00Z", "placed")),
            List.of(line("O9", 1, "P9", 1, "10.00", "0.00"), line("O9", 2, "P1", 1, "10.00", "0.00")));
    PAssert.that(keysOf(facts))
        .containsInAnyOrder(
            keys("O9", 1, 20250115, -1, -1), keys("O9", 2, 20250115, -1, key("P1", "2025-01-01T00:00:00Z")));
    p.run().waitUntilFinish();
  }

  @Test
  void factCarriesTheLineAndItsOrderWithLineTotalQuantityTimesPriceMinusDiscount() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> facts =
        facts(p, CUSTOMERS, PRODUCTS,
            List.of(order("O1", "C1", "2025-01-15T10:00:00Z", "shipped")),
            List.of(line("O1", 1, "P1", 3, "9.99", "2.00")));
    PAssert.that(facts)
        .containsInAnyOrder(
            GoldTables.FACT_ORDER_LINE.row()
                .addValues("O1", 1, 20250115, ts("2025-01-15T10:00:00Z"), key("C1", "2025-01-01T00:00:00Z"),
                    key("P1", "2025-01-01T00:00:00Z"), "C1", "P1", 3, money("9.99"), money("2.00"),
                    money("27.97"), "shipped", "web", "BRL")
                .build());
    p.run().waitUntilFinish();
  }

  @Test
  void pendingOrderLineJoinsTheFactsInTheRunWhereItsOrderArrives() {
    List<Row> lines = List.of(line("O1", 1, "P1", 1, "10.00", "0.00"), line("O5", 1, "P1", 2, "10.00", "0.00"));
    Row o1 = order("O1", "C1", "2025-01-15T10:00:00Z", "placed");
    Row o5 = order("O5", "C1", "2025-01-20T10:00:00Z", "placed");

    Pipeline before = Fx.pipeline();
    PAssert.that(keysOf(facts(before, CUSTOMERS, PRODUCTS, List.of(o1), lines)))
        .containsInAnyOrder(keys("O1", 1, 20250115, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-01-01T00:00:00Z")));
    PipelineResult result = before.run();
    result.waitUntilFinish();
    MetricQueryResults metrics =
        result.metrics().queryMetrics(
            MetricsFilter.builder().addNameFilter(MetricNameFilter.named("gold", "fact_order_line.pending_lines")).build());
    assertThat(metrics.getCounters().iterator().next().getAttempted(), equalTo(1L));

    Pipeline after = Fx.pipeline();
    PAssert.that(keysOf(facts(after, CUSTOMERS, PRODUCTS, List.of(o1, o5), lines)))
        .containsInAnyOrder(
            keys("O1", 1, 20250115, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-01-01T00:00:00Z")),
            keys("O5", 1, 20250120, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-01-01T00:00:00Z")));
    after.run().waitUntilFinish();
  }

  @Test
  void lateChangeArrivingAfterFactsRepointsThem() {
    List<Row> orders = List.of(order("O2", "C1", "2025-03-05T10:00:00Z", "placed"));
    List<Row> lines = List.of(line("O2", 1, "P1", 1, "10.00", "0.00"));
    Row rio = customer("C1", "2025-01-01T00:00:00Z").with("city", "Rio").build();
    Row niteroiLate =
        customer("C1", "2025-03-01T00:00:00Z").with("city", "Niteroi")
            .with("ingest_date", LocalDate.of(2025, 3, 20)).build();

    Pipeline before = Fx.pipeline();
    PAssert.that(keysOf(facts(before, List.of(rio), PRODUCTS, orders, lines)))
        .containsInAnyOrder(keys("O2", 1, 20250305, key("C1", "2025-01-01T00:00:00Z"), key("P1", "2025-02-01T00:00:00Z")));
    before.run().waitUntilFinish();

    Pipeline after = Fx.pipeline();
    PAssert.that(keysOf(facts(after, List.of(rio, niteroiLate), PRODUCTS, orders, lines)))
        .containsInAnyOrder(keys("O2", 1, 20250305, key("C1", "2025-03-01T00:00:00Z"), key("P1", "2025-02-01T00:00:00Z")));
    after.run().waitUntilFinish();
  }
}
