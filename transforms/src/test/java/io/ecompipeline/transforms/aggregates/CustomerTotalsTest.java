package io.ecompipeline.transforms.aggregates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.beam.sdk.coders.Coder;
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
}
