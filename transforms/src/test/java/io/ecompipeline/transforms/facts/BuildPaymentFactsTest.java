package io.ecompipeline.transforms.facts;

import static io.ecompipeline.transforms.facts.BuildOrderLineFactsTest.CUSTOMERS;
import static io.ecompipeline.transforms.facts.BuildOrderLineFactsTest.key;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.payment;
import static io.ecompipeline.transforms.testing.Fx.ts;

import io.ecompipeline.transforms.dimensions.BuildScd2Dimension;
import io.ecompipeline.transforms.dimensions.Scd2Spec;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class BuildPaymentFactsTest {
  @Test
  void paymentPointsToTheOrdersCustomerVersionAtPaymentTsAndUnknownOrdersOrCustomersToMinusOne() {
    Pipeline p = Fx.pipeline();
    PCollection<Row> facts =
        PCollectionTuple.of(
                SilverTables.PAYMENTS.tag(),
                Fx.create(p, SilverTables.PAYMENTS,
                    List.of(
                        payment("PAY1", "O1", "2025-02-27T09:00:00Z", "authorized", "50.00"),
                        payment("PAY2", "O1", "2025-03-02T09:00:00Z", "captured", "50.00"),
                        payment("PAY3", "O404", "2025-03-02T09:00:00Z", "failed", "20.00"),
                        payment("PAY4", "O9", "2025-03-02T09:00:00Z", "captured", "7.50"))))
            .and(
                SilverTables.ORDERS.tag(),
                Fx.create(p, SilverTables.ORDERS,
                    List.of(
                        order("O1", "C1", "2025-02-25T10:00:00Z", "paid"),
                        order("O9", "C9", "2025-02-25T10:00:00Z", "paid"))))
            .and(
                GoldTables.DIM_CUSTOMER.tag(),
                Fx.create(p, SilverTables.CUSTOMERS_HISTORY, CUSTOMERS).apply(BuildScd2Dimension.of(Scd2Spec.CUSTOMER)))
            .apply(BuildPaymentFacts.create());
    PAssert.that(facts)
        .containsInAnyOrder(
            // The customer moved on 2025-03-01, between the two payments of the same order.
            GoldTables.FACT_PAYMENT.row()
                .addValues("PAY1", "O1", 20250227, ts("2025-02-27T09:00:00Z"), key("C1", "2025-01-01T00:00:00Z"),
                    "credit_card", 1, money("50.00"), "authorized")
                .build(),
            GoldTables.FACT_PAYMENT.row()
                .addValues("PAY2", "O1", 20250302, ts("2025-03-02T09:00:00Z"), key("C1", "2025-03-01T00:00:00Z"),
                    "credit_card", 1, money("50.00"), "captured")
                .build(),
            GoldTables.FACT_PAYMENT.row()
                .addValues("PAY3", "O404", 20250302, ts("2025-03-02T09:00:00Z"), -1L, "credit_card", 1,
                    money("20.00"), "failed")
                .build(),
            GoldTables.FACT_PAYMENT.row()
                .addValues("PAY4", "O9", 20250302, ts("2025-03-02T09:00:00Z"), -1L, "credit_card", 1,
                    money("7.50"), "captured")
                .build());
    p.run().waitUntilFinish();
  }
}
