package io.ecompipeline.transforms.aggregates;

import static io.ecompipeline.transforms.schema.GoldTables.AGG_DAILY_SALES;
import static io.ecompipeline.transforms.testing.Fx.customer;
import static io.ecompipeline.transforms.testing.Fx.line;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.product;

import io.ecompipeline.transforms.gold.GoldResult;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class AggregateDailySalesTest {
  static Row sales(int date, String category, long orders, long units, String gross, String discounts, String net,
      String aov, String returned) {
    return AGG_DAILY_SALES.row()
        .addValues(date, category, orders, units, money(gross), money(discounts), money(net), money(aov), money(returned))
        .build();
  }

  @Test
  void productRecategorisedMidDaySplitsThatDaysSalesBetweenItsCategories() {
    Pipeline p = Fx.pipeline();
    GoldResult gold =
        new Fx.Silver()
            .add(SilverTables.CUSTOMERS_HISTORY, customer("C1", "2025-01-01T00:00:00Z"))
            .add(SilverTables.PRODUCTS_HISTORY,
                product("P1", "2025-01-01T00:00:00Z", "books"),
                product("P1", "2025-03-10T12:00:00Z", "ebooks"))
            .add(SilverTables.ORDERS,
                order("O1", "C1", "2025-03-10T10:00:00Z", "delivered"),
                order("O2", "C1", "2025-03-10T15:00:00Z", "delivered"))
            .add(SilverTables.ORDER_ITEMS,
                line("O1", 1, "P1", 2, "10.00", "1.00"),
                line("O2", 1, "P1", 1, "10.00", "0.00"))
            .gold(p);
    PAssert.that(gold.table(AGG_DAILY_SALES))
        .containsInAnyOrder(
            sales(20250310, "books", 1, 2, "20.00", "1.00", "19.00", "19.00", "0.00"),
            sales(20250310, "ebooks", 1, 1, "10.00", "0.00", "10.00", "10.00", "0.00"));
    p.run().waitUntilFinish();
  }

  @Test
  void unknownCustomerAndUnknownProductLandInTheUnknownCategory() {
    Pipeline p = Fx.pipeline();
    GoldResult gold =
        new Fx.Silver()
            .add(SilverTables.PRODUCTS_HISTORY, product("P1", "2025-01-01T00:00:00Z", "books"))
            .add(SilverTables.ORDERS, order("O9", "C9", "2025-03-01T10:00:00Z", "placed"))
            .add(SilverTables.ORDER_ITEMS,
                line("O9", 1, "P9", 2, "5.00", "0.00"),
                line("O9", 2, "P1", 1, "10.00", "0.00"))
            .gold(p);
    PAssert.that(gold.table(AGG_DAILY_SALES))
        .containsInAnyOrder(
            sales(20250301, "unknown", 1, 2, "10.00", "0.00", "10.00", "10.00", "0.00"),
            sales(20250301, "books", 1, 1, "10.00", "0.00", "10.00", "10.00", "0.00"));
    p.run().waitUntilFinish();
  }
}
