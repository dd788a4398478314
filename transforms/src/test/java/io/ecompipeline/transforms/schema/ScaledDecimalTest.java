package io.ecompipeline.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class ScaledDecimalTest {
  private static final Table FACT = GoldTables.FACT_PAYMENT;

  @Test
  void moneyTravelsExactlyAsItsUnscaledValue() {
    ScaledDecimal money = ScaledDecimal.of(2);
    assertEquals(1999L, money.toBaseType(new BigDecimal("19.99")));
    assertEquals(-5L, money.toBaseType(new BigDecimal("-0.05")));
    assertEquals(new BigDecimal("19.90"), money.toInputType(money.toBaseType(new BigDecimal("19.9"))));
    assertEquals(new BigDecimal("9999999999999999.99"), money.toInputType(999999999999999999L));
  }

  @Test
  void aValueWithMorePlacesThanTheScaleIsRefusedNotRounded() {
    assertThrows(ArithmeticException.class, () -> ScaledDecimal.of(2).toBaseType(new BigDecimal("0.005")));
    assertThrows(ArithmeticException.class, () -> ScaledDecimal.of(2).toBaseType(new BigDecimal("1E+20")));
    // the edges of a long, reached exactly and passed by one cent
    assertEquals(Long.MAX_VALUE, ScaledDecimal.of(2).toBaseType(new BigDecimal("92233720368547758.07")));
    assertEquals(Long.MIN_VALUE, ScaledDecimal.of(2).toBaseType(new BigDecimal("-92233720368547758.08")));
    assertThrows(ArithmeticException.class, () -> ScaledDecimal.of(2).toBaseType(new BigDecimal("92233720368547758.08")));
    assertThrows(ArithmeticException.class, () -> ScaledDecimal.of(2).toBaseType(new BigDecimal("-92233720368547758.09")));
    assertEquals(0L, ScaledDecimal.of(2).toBaseType(new BigDecimal("0E-5")));
    assertEquals(120L, ScaledDecimal.of(2).toBaseType(new BigDecimal("1.2")));
  }

  @Test
  void rowsWithMoneyRoundTripThroughTheRowCoder() throws Exception {
    Row payment = FACT.row()
        .withFieldValue("payment_id", "PAY1").withFieldValue("order_id", "O1").withFieldValue("payment_date_key", 20250101)
        .withFieldValue("payment_ts", Instant.parse("2025-01-01T10:00:00Z")).withFieldValue("customer_key", -1L)
        .withFieldValue("method", "paypal").withFieldValue("installments", 1)
        .withFieldValue("amount", new BigDecimal("1234.50")).withFieldValue("status", "captured").build();
    RowCoder coder = RowCoder.of(FACT.beamSchema());
    CoderProperties.coderDecodeEncodeEqual(coder, payment);
    assertEquals(new BigDecimal("1234.50"), CoderUtils.clone(coder, payment).getDecimal("amount"));
  }
}
