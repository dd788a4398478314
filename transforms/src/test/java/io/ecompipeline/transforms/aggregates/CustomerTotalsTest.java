package io.ecompipeline.transforms.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CustomerTotalsTest {
  private static final long MAR_1 = LocalDate.parse("2025-03-01").toEpochDay();
  private static final long MAR_9 = LocalDate.parse("2025-03-09").toEpochDay();

  @Test
  void booksMergeByCustomerInAnyOrderAndLeaveTheMergedBookAsItWas() {
    CustomerTotals first = new CustomerTotals().addOrder("c1", MAR_9).addRevenue("c1", new BigDecimal("5.01"));
    CustomerTotals second = new CustomerTotals().addOrder("c1", MAR_1).addRevenue("c1", new BigDecimal("5.00"))
        .addRevenue("c2", new BigDecimal("7.50"));

    CustomerTotals oneWay = new CustomerTotals().merge(first).merge(second);
    CustomerTotals otherWay = new CustomerTotals().merge(second).merge(first);

    assertEquals(oneWay, otherWay);
    CustomerTotals.Totals c1 = oneWay.byCustomer().get("c1");
    assertEquals(2, c1.orders());
    assertEquals(MAR_1, c1.firstDay());
    assertEquals(MAR_9, c1.lastDay());
    assertEquals(new BigDecimal("10.01"), c1.revenue());
    // Revenue without a counted order is kept: the ranking leaves such customers out.
    assertEquals(0, oneWay.byCustomer().get("c2").orders());
    assertEquals(new CustomerTotals().addOrder("c1", MAR_9).addRevenue("c1", new BigDecimal("5.01")), first);
  }

  @Test
  void theCoderRoundTripsEveryFieldAndRejectsACutStream() throws Exception {
    Coder<CustomerTotals> coder = CustomerTotals.coder();
    CustomerTotals book = new CustomerTotals().addOrder("c1", MAR_1).addOrder("c1", MAR_9)
        .addRevenue("c1", new BigDecimal("123456789012.34")).addRevenue("ç-2", new BigDecimal("-0.01"));

    byte[] bytes = CoderUtils.encodeToByteArray(coder, book);
    assertEquals(book, CoderUtils.decodeFromByteArray(coder, bytes));
    assertEquals(new CustomerTotals(), CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, new CustomerTotals())));

    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(Exception.class, () -> coder.decode(new ByteArrayInputStream(cut)));
    assertThrows(Coder.NonDeterministicException.class, coder::verifyDeterministic);
  }

  @Test
  void aBundleTravelsInBooksOfAtMostTheBoundThatSumToTheWholeBundle() {
    Pipeline p = Fx.pipeline();
    List<Row> orders = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      orders.add(Fx.order("O" + i, "c" + i % 25, "2025-03-0" + (1 + i % 9) + "T09:00:00Z", "placed"));
    }
    PCollection<CustomerTotals> books = p.apply(Create.of(orders).withCoder(SilverTables.ORDERS.rowCoder()))
        .apply(ParDo.of(new AggregateCustomerLtv.TotalsPerBundleFn(
            (totals, o) -> totals.addOrder(o.getString("customer_id"), DateKeys.utcDate(o.<Instant>getValue("order_ts")).toEpochDay()),
            4)))
        .setCoder(CustomerTotals.coder());
    PAssert.that(books).satisfies(all -> {
      CustomerTotals expected = new CustomerTotals();
      for (int i = 0; i < 60; i++) {
        expected.addOrder("c" + i % 25, LocalDate.parse("2025-03-0" + (1 + i % 9)).toEpochDay());
      }
      CustomerTotals merged = new CustomerTotals();
      for (CustomerTotals book : all) {
        assertEquals(true, book.size() <= 4 && !book.isEmpty(), "a book of " + book.size() + " customers");
        merged.merge(book);
      }
      assertEquals(expected, merged);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
