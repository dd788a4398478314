package io.ecompipeline.transforms.aggregates;

import static io.ecompipeline.transforms.aggregates.AggregateDailySalesTest.sales;
import static io.ecompipeline.transforms.schema.GoldTables.AGG_DAILY_SALES;
import static io.ecompipeline.transforms.schema.GoldTables.CUSTOMER_LTV;
import static io.ecompipeline.transforms.schema.GoldTables.DAILY_KPIS;
import static io.ecompipeline.transforms.schema.GoldTables.FACT_ORDER_LINE;
import static io.ecompipeline.transforms.schema.GoldTables.PRODUCT_PERFORMANCE;
import static io.ecompipeline.transforms.testing.Fx.customer;
import static io.ecompipeline.transforms.testing.Fx.line;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.payment;
import static io.ecompipeline.transforms.testing.Fx.product;
import static io.ecompipeline.transforms.testing.Fx.rate;
import static io.ecompipeline.transforms.testing.Fx.review;
import static io.ecompipeline.transforms.testing.Fx.ts;

import io.ecompipeline.transforms.gold.GoldResult;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.time.LocalDate;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/** Stories about orders told through every aggregate they touch. */
class OrderStoriesTest {
  static Row kpis(int date, long orders, String net, String aov, long newCustomers, long returning, String captured,
      String failureRate, String refunded, String returnRate) {
    return DAILY_KPIS.row()
        .addValues(date, orders, money(net), money(aov), newCustomers, returning, money(captured), rate(failureRate),
            money(refunded), rate(returnRate))
        .build();
  }

  static Row ltv(String customer, String first, String last, long orders, String revenue, String aov, String segment) {
    return CUSTOMER_LTV.row()
        .addValues(customer, LocalDate.parse(first), LocalDate.parse(last), orders, money(revenue), money(aov), segment)
        .build();
  }

  static Row performance(String month, String product, long units, String net, long returnedUnits, String returnRate,
      long reviews, String avgRating) {
    return PRODUCT_PERFORMANCE.row()
        .addValues(month, product, units, money(net), returnedUnits, rate(returnRate), reviews, rate(avgRating))
        .build();
  }

  @Test
  void orderReturnedThreeDaysLaterCountsAsReturnedOnItsOrderDate() {
    Pipeline p = Fx.pipeline();
    // Silver holds the latest version of O1: placed on 03-01, returned on 03-04.
    Row returned =
        Fx.row(SilverTables.ORDERS).with("order_id", "O1").with("customer_id", "C1")
            .with("order_ts", ts("2025-03-01T09:00:00Z")).with("status", "returned").with("channel", "web")
            .with("currency", "BRL").with("updated_at", ts("2025-03-04T16:00:00Z")).build();
    GoldResult gold =
        new Fx.Silver()
            .add(SilverTables.CUSTOMERS_HISTORY, customer("C1", "2025-01-01T00:00:00Z"), customer("C2", "2025-01-01T00:00:00Z"))
            .add(SilverTables.PRODUCTS_HISTORY,
                product("P1", "2025-01-01T00:00:00Z", "books"), product("P2", "2025-01-01T00:00:00Z", "toys"))
            .add(SilverTables.ORDERS, returned, order("O2", "C2", "2025-03-01T11:00:00Z", "delivered"))
            .add(SilverTables.ORDER_ITEMS,
                line("O1", 1, "P1", 2, "15.00", "0.00"),
                line("O2", 1, "P1", 1, "15.00", "0.00"),
                line("O2", 2, "P2", 1, "5.00", "0.50"))
            .add(SilverTables.REVIEWS,
                review("R1", "P1", 5, "2025-03-05T10:00:00Z"),
                review("R2", "P1", 4, "2025-03-06T10:00:00Z"),
                review("R3", "P1", 4, "2025-03-31T23:59:59Z"),
                review("R4", null, 1, "2025-03-06T10:00:00Z"),
                review("R5", "P1", 2, "2025-04-01T00:00:00Z"))
            .gold(p);
    PAssert.that(gold.table(AGG_DAILY_SALES))
        .containsInAnyOrder(
            sales(20250301, "books", 2, 3, "45.00", "0.00", "45.00", "22.50", "30.00"),
            sales(20250301, "toys", 1, 1, "5.00", "0.50", "4.50", "4.50", "0.00"));
    PAssert.that(gold.table(DAILY_KPIS))
        .containsInAnyOrder(kpis(20250301, 2, "49.50", "24.75", 2, 0, "0.00", "0.0000", "0.00", "0.5000"));
    PAssert.that(gold.table(PRODUCT_PERFORMANCE))
        .containsInAnyOrder(
            // 13 / 3 = 4.3333; the review without a product is ignored.
            performance("2025-03", "P1", 3, "45.00", 2, "0.6667", 3, "4.3333"),
            performance("2025-03", "P2", 1, "4.50", 0, "0.0000", 0, "0.0000"),
            // A month with reviews and no sales still gets a row; its rates have a zero denominator.
            performance("2025-04", "P1", 0, "0.00", 0, "0.0000", 1, "2.0000"));
    p.run().waitUntilFinish();
  }

  @Test
  void cancelledOrderStaysInTheFactsButIsExcludedFromEveryCount() {
    Pipeline p = Fx.pipeline();
    GoldResult gold =
        new Fx.Silver()
            .add(SilverTables.CUSTOMERS_HISTORY, customer("C1", "2025-01-01T00:00:00Z"), customer("C2", "2025-01-01T00:00:00Z"))
            .add(SilverTables.PRODUCTS_HISTORY, product("P1", "2025-01-01T00:00:00Z", "books"))
            .add(SilverTables.ORDERS,
                order("O1", "C1", "2025-03-01T09:00:00Z", "cancelled"),
                order("O2", "C2", "2025-03-01T10:00:00Z", "placed"))
            .add(SilverTables.ORDER_ITEMS,
                line("O1", 1, "P1", 1, "100.00", "0.00"),
                line("O2", 1, "P1", 1, "20.00", "0.00"))
            .gold(p);
    PAssert.thatSingleton(gold.table(FACT_ORDER_LINE).apply(Count.globally())).isEqualTo(2L);
    PAssert.that(gold.table(AGG_DAILY_SALES))
        .containsInAnyOrder(sales(20250301, "books", 1, 1, "20.00", "0.00", "20.00", "20.00", "0.00"));
    PAssert.that(gold.table(DAILY_KPIS))
        .containsInAnyOrder(kpis(20250301, 1, "20.00", "20.00", 1, 0, "0.00", "0.0000", "0.00", "0.0000"));
    PAssert.that(gold.table(CUSTOMER_LTV))
        .containsInAnyOrder(ltv("C2", "2025-03-01", "2025-03-01", 1, "20.00", "20.00", "high"));
    PAssert.that(gold.table(PRODUCT_PERFORMANCE))
        .containsInAnyOrder(performance("2025-03", "P1", 1, "20.00", 0, "0.0000", 0, "0.0000"));
    p.run().waitUntilFinish();
  }

  @Test
  void newAndReturningCustomersFollowTheFirstCountedOrderEverAndPaymentsFillTheirDates() {
    Pipeline p = Fx.pipeline();
    GoldResult gold =
        new Fx.Silver()
            // Orders without lines still count as orders.
            .add(SilverTables.ORDERS,
                order("O1", "C1", "2025-03-01T09:00:00Z", "placed"),
                order("O2", "C1", "2025-03-02T09:00:00Z", "placed"),
                order("O3", "C2", "2025-03-02T10:00:00Z", "placed"),
                order("O4", "C2", "2025-03-02T11:00:00Z", "paid"),
                order("O5", "C3", "2025-03-01T12:00:00Z", "cancelled"),
                order("O6", "C3", "2025-03-02T12:00:00Z", "delivered"))
            .add(SilverTables.PAYMENTS,
                payment("PAY1", "O1", "2025-03-02T08:00:00Z", "captured", "30.00"),
                payment("PAY2", "O3", "2025-03-02T10:05:00Z", "failed", "10.00"),
                payment("PAY3", "O4", "2025-03-02T11:05:00Z", "refunded", "5.00"),
                // A date with payments and no orders: its order rates have a zero denominator.
                payment("PAY4", "O404", "2025-03-05T11:05:00Z", "captured", "12.34"))
            .gold(p);
    PAssert.that(gold.table(DAILY_KPIS))
        .containsInAnyOrder(
            kpis(20250301, 1, "0.00", "0.00", 1, 0, "0.00", "0.0000", "0.00", "0.0000"),
            // C2 and C3 are new (C3's earlier order was cancelled), C1 returns; 1 of 3 payments failed.
            kpis(20250302, 4, "0.00", "0.00", 2, 1, "30.00", "0.3333", "5.00", "0.0000"),
            kpis(20250305, 0, "0.00", "0.00", 0, 0, "12.34", "0.0000", "0.00", "0.0000"));
    PAssert.that(gold.table(CUSTOMER_LTV))
        .containsInAnyOrder(
            // All at 0.00: the tie is broken by customer_id. n = 3: high up to 1, medium up to 2.
            ltv("C1", "2025-03-01", "2025-03-02", 2, "0.00", "0.00", "high"),
            ltv("C2", "2025-03-02", "2025-03-02", 2, "0.00", "0.00", "medium"),
            ltv("C3", "2025-03-02", "2025-03-02", 1, "0.00", "0.00", "low"));
    p.run().waitUntilFinish();
  }

  @Test
  void valueSegmentsBreakARevenueTieAtTheBoundaryByCustomerId() {
    Pipeline p = Fx.pipeline();
    GoldResult gold =
        new Fx.Silver()
            .add(SilverTables.PRODUCTS_HISTORY, product("P1", "2025-01-01T00:00:00Z", "books"))
            .add(SilverTables.ORDERS,
                order("O4", "c4", "2025-03-01T09:00:00Z", "placed"),
                order("O1a", "c1", "2025-03-01T09:00:00Z", "placed"),
                order("O1b", "c1", "2025-03-09T09:00:00Z", "placed"),
                order("O2", "c2", "2025-03-01T09:00:00Z", "placed"),
                order("O3", "c3", "2025-03-01T09:00:00Z", "placed"),
                order("O5", "c5", "2025-03-01T09:00:00Z", "placed"))
            .add(SilverTables.ORDER_ITEMS,
                line("O4", 1, "P1", 1, "50.00", "0.00"),
                line("O1a", 1, "P1", 1, "5.00", "0.00"),
                line("O1b", 1, "P1", 1, "5.01", "0.00"),
                line("O2", 1, "P1", 1, "50.00", "0.00"),
                line("O3", 1, "P1", 2, "50.00", "0.00"),
                line("O5", 1, "P1", 1, "90.00", "10.00"))
            .gold(p);
    // n = 5: high up to ⌈1⌉ = 1, medium up to ⌈2.5⌉ = 3; c2 and c4 tie on 50.00 at positions 3 and 4.
    PAssert.that(gold.table(CUSTOMER_LTV))
        .containsInAnyOrder(
            ltv("c3", "2025-03-01", "2025-03-01", 1, "100.00", "100.00", "high"),
            ltv("c5", "2025-03-01", "2025-03-01", 1, "80.00", "80.00", "medium"),
            ltv("c2", "2025-03-01", "2025-03-01", 1, "50.00", "50.00", "medium"),
            ltv("c4", "2025-03-01", "2025-03-01", 1, "50.00", "50.00", "low"),
            // 10.01 / 2 = 5.005, half-up 5.01.
            ltv("c1", "2025-03-01", "2025-03-09", 2, "10.01", "5.01", "low"));
    p.run().waitUntilFinish();
  }
}
