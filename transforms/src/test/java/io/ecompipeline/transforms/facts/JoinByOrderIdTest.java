package io.ecompipeline.transforms.facts;

import static io.ecompipeline.transforms.testing.Fx.line;
import static io.ecompipeline.transforms.testing.Fx.order;
import static io.ecompipeline.transforms.testing.Fx.payment;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class JoinByOrderIdTest {
  @Test
  void everyOrderIdGetsItsOrderLinesAndPaymentsIncludingLinesAndPaymentsWithoutAnOrder() {
    Pipeline p = Fx.pipeline();
    PCollectionTuple silver = PCollectionTuple
        .of(SilverTables.ORDERS.tag(), Fx.create(p, SilverTables.ORDERS, List.of(
            order("O1", "C1", "2025-03-01T10:00:00Z", "paid"),
            order("O2", "C2", "2025-03-01T11:00:00Z", "placed"))))
        .and(SilverTables.ORDER_ITEMS.tag(), Fx.create(p, SilverTables.ORDER_ITEMS, List.of(
            line("O1", 2, "P1", 1, "5.00", "0.00"),
            line("O1", 1, "P2", 3, "2.50", "0.50"),
            line("O3", 1, "P1", 1, "5.00", "0.00"))))
        .and(SilverTables.PAYMENTS.tag(), Fx.create(p, SilverTables.PAYMENTS, List.of(
            payment("PAY1", "O1", "2025-03-01T10:05:00Z", "captured", "12.00"),
            payment("PAY2", "O4", "2025-03-01T12:00:00Z", "failed", "9.00"))));
    PAssert.that(silver.apply(JoinByOrderId.create())
            .apply(MapElements.into(TypeDescriptors.strings()).via(JoinByOrderIdTest::describe)))
        .containsInAnyOrder(
            "O1 order=C1 lines=[1, 2] payments=[PAY1]",
            "O2 order=C2 lines=[] payments=[]",
            "O3 order=none lines=[1] payments=[]", // a pending line
            "O4 order=none lines=[] payments=[PAY2]"); // a payment of an unknown order
    p.run().waitUntilFinish();
  }

  private static String describe(KV<String, CoGbkResult> group) {
    Row order = JoinByOrderId.order(group.getValue());
    TreeSet<Integer> lines = new TreeSet<>();
    JoinByOrderId.lines(group.getValue()).forEach(l -> lines.add(l.getInt32("line_number")));
    TreeSet<String> payments = new TreeSet<>();
    JoinByOrderId.payments(group.getValue()).forEach(x -> payments.add(x.getString("payment_id")));
    return group.getKey() + " order=" + (order == null ? "none" : order.getString("customer_id"))
        + " lines=" + lines + " payments=" + payments;
  }
}
