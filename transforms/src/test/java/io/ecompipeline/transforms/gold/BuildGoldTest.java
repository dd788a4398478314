package io.ecompipeline.transforms.gold;

import static io.ecompipeline.transforms.testing.Fx.customer;
import static io.ecompipeline.transforms.testing.Fx.line;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.payment;
import static io.ecompipeline.transforms.testing.Fx.product;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ecompipeline.transforms.aggregates.CountedOrders;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Fx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class BuildGoldTest {
  /**
   * Three days, three customers (one moving, one unknown), three products (one recategorised, one
   * unknown), a cancelled order, a returned order, an order without lines and a pending line.
   * Counted line totals: O1 23.75 + 7.99, O2 12.00, O4 12.50 + 6.00, O5 29.96, O6 0.01 = 92.21;
   * the cancelled O3 adds 100.00 to the facts only; the pending O8 line is nowhere.
   */
  static Fx.Silver reconciliationSet() {
    return new Fx.Silver()
        .add(SilverTables.CUSTOMERS_HISTORY,
            customer("C1", "2025-01-01T00:00:00Z"),
            customer("C2", "2025-01-01T00:00:00Z").with("city", "Rio"),
            customer("C2", "2025-03-02T00:00:00Z").with("city", "Niteroi"),
            customer("C3", "2025-01-01T00:00:00Z"))
        .add(SilverTables.PRODUCTS_HISTORY,
            product("P1", "2025-01-01T00:00:00Z", "books"),
            product("P1", "2025-03-02T12:00:00Z", "ebooks"),
            product("P2", "2025-01-01T00:00:00Z", "toys"),
            product("P3", "2025-01-01T00:00:00Z", "garden"))
        .add(SilverTables.ORDERS,
            order("O1", "C1", "2025-03-01T09:00:00Z", "delivered"),
            order("O2", "C2", "2025-03-01T18:30:00Z", "returned"),
            order("O3", "C3", "2025-03-02T08:00:00Z", "cancelled"),
            order("O4", "C1", "2025-03-02T13:00:00Z", "shipped"),
            order("O5", "C2", "2025-03-03T23:59:59Z", "placed"),
            order("O6", "C9", "2025-03-03T00:00:00Z", "paid"),
            order("O7", "C3", "2025-03-03T10:00:00Z", "placed"))
        .add(SilverTables.ORDER_ITEMS,
            line("O1", 1, "P1", 2, "12.50", "1.25"),
            line("O1", 2, "P2", 1, "7.99", "0.00"),
            line("O2", 1, "P3", 3, "4.33", "0.99"),
            line("O3", 1, "P1", 1, "100.00", "0.00"),
            line("O4", 1, "P1", 1, "12.50", "0.00"),
            line("O4", 2, "P9", 2, "3.15", "0.30"),
            line("O5", 1, "P2", 4, "7.99", "2.00"),
            line("O6", 1, "P3", 1, "0.01", "0.00"),
            line("O8", 1, "P1", 5, "10.00", "0.00"))
        .add(SilverTables.PAYMENTS,
            payment("PAY1", "O1", "2025-03-01T09:05:00Z", "captured", "31.74"),
            payment("PAY2", "O2", "2025-03-04T10:00:00Z", "refunded", "12.00"),
            payment("PAY3", "O5", "2026-01-02T00:00:00Z", "failed", "29.96"));
  }

  static PCollection<BigDecimal> sum(PCollection<Row> rows, String column, String name) {
    return rows.apply(name + "Values", MapElements.into(TypeDescriptors.bigdecimals()).via((Row r) -> r.getDecimal(column)))
        .apply(name + "Sum", Combine.globally(BuildGoldTest::add));
  }

  private static BigDecimal add(Iterable<BigDecimal> values) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (BigDecimal v : values) {
      total = total.add(v);
    }
    return total;
  }

  @Test
  void netRevenueReconcilesAcrossFactsAndEveryAggregate() {
    Pipeline p = Fx.pipeline();
    GoldResult gold = reconciliationSet().gold(p);
    PCollection<Row> facts = gold.table(GoldTables.FACT_ORDER_LINE);
    PCollection<Row> countedFacts =
        facts.apply("CountedFacts", Filter.by((SerializableFunction<Row, Boolean>) f -> CountedOrders.counts(f.getString("order_status"))));
    PAssert.thatSingleton(facts.apply("CountFacts", Count.globally())).isEqualTo(8L);
    PAssert.thatSingleton(sum(facts, "line_total", "AllFacts")).isEqualTo(money("192.21"));
    PAssert.thatSingleton(sum(countedFacts, "line_total", "CountedFacts")).isEqualTo(money("92.21"));
    PAssert.thatSingleton(sum(gold.table(GoldTables.AGG_DAILY_SALES), "net_revenue", "DailySales")).isEqualTo(money("92.21"));
    PAssert.thatSingleton(sum(gold.table(GoldTables.DAILY_KPIS), "net_revenue", "DailyKpis")).isEqualTo(money("92.21"));
    PAssert.thatSingleton(sum(gold.table(GoldTables.CUSTOMER_LTV), "lifetime_revenue", "Ltv")).isEqualTo(money("92.21"));
    PAssert.thatSingleton(sum(gold.table(GoldTables.PRODUCT_PERFORMANCE), "net_revenue", "Performance"))
        .isEqualTo(money("92.21"));
    // Orders: counted O1, O2, O4, O5, O6, O7 (O7 has no lines); customers C1, C2, C3 and the unknown C9.
    PAssert.thatSingleton(
            gold.table(GoldTables.DAILY_KPIS)
                .apply("Orders", MapElements.into(TypeDescriptors.longs()).via((Row r) -> r.getInt64("orders")))
                .apply("OrdersSum", Combine.globally((Iterable<Long> xs) -> { long s = 0; for (long x : xs) s += x; return s; })))
        .isEqualTo(6L);
    PAssert.thatSingleton(gold.table(GoldTables.CUSTOMER_LTV).apply("CountLtv", Count.globally())).isEqualTo(4L);
    p.run().waitUntilFinish();
  }

  @Test
  void dateDimensionCoversWholeYearsOfOrderAndPaymentDatesWithTheConfiguredFiscalStart() {
    Pipeline p = Fx.pipeline();
    GoldResult gold = reconciliationSet().gold(p, BuildGold.create().withFiscalStartMonth(1));
    PCollection<Row> dimDate = gold.table(GoldTables.DIM_DATE);
    // Orders in 2025, a payment on 2026-01-02: 2025 and 2026 in full.
    PAssert.thatSingleton(dimDate.apply("CountDates", Count.globally())).isEqualTo(730L);
    PAssert.that(
            dimDate
                .apply("Edges", Filter.by((SerializableFunction<Row, Boolean>) r -> r.getInt32("date_key") == 20250101 || r.getInt32("date_key") == 20261231))
                .apply("Fiscal", MapElements.into(TypeDescriptors.strings()).via((Row r) -> Fx.show(r, "date_key", "fiscal_year", "fiscal_month"))))
        .containsInAnyOrder("date_key=20250101 fiscal_year=2025 fiscal_month=1", "date_key=20261231 fiscal_year=2026 fiscal_month=12");
    p.run().waitUntilFinish();
  }

  @Test
  void everyGoldTableIsThereInItsSchema() {
    Pipeline p = Fx.pipeline();
    GoldResult gold = new Fx.Silver().gold(p);
    for (Table t : GoldTables.ALL) {
      assertThat(t.name(), gold.table(t).getSchema(), equalTo(t.beamSchema()));
    }
    // Empty silver: only the two unknown members.
    PAssert.thatSingleton(gold.table(GoldTables.DIM_CUSTOMER).apply("CountCustomers", Count.globally())).isEqualTo(1L);
    PAssert.that(gold.table(GoldTables.DIM_DATE)).empty();
    PAssert.that(gold.table(GoldTables.FACT_ORDER_LINE)).empty();
    p.run().waitUntilFinish();
  }

  /** Both facts look customers up in one view: every worker materialises each view it reads. */
  @Test
  void bothFactsShareOneCustomerView() {
    Pipeline p = Fx.pipeline();
    reconciliationSet().gold(p);
    List<String> views = new ArrayList<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        if (node.getFullName().endsWith("VersionsOf" + GoldTables.DIM_CUSTOMER.name())) {
          views.add(node.getFullName());
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }
    });
    assertThat(views, hasSize(1));
  }
}
