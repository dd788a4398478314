package io.ecompipeline.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.util.InMemoryBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class TableRowCoderTest {
  private static final Table PAYMENT = GoldTables.FACT_PAYMENT;

  private static Row payment(String id, BigDecimal amount, Instant ts, long customerKey) {
    return PAYMENT.row()
        .withFieldValue("payment_id", id).withFieldValue("order_id", "O1").withFieldValue("payment_date_key", 20250101)
        .withFieldValue("payment_ts", ts).withFieldValue("customer_key", customerKey)
        .withFieldValue("method", "paypal").withFieldValue("installments", 1)
        .withFieldValue("amount", amount).withFieldValue("status", "captured").build();
  }

  /** A table with a column of every type. */
  private static final Table EVERY_TYPE = Table.of("every_type", "every column type", List.of("s"), List.of(
        Column.req("s", ColumnType.STRING, ""), Column.opt("i", ColumnType.INT, ""), Column.opt("l", ColumnType.LONG, ""),
        Column.opt("b", ColumnType.BOOLEAN, ""), Column.opt("m", ColumnType.MONEY, ""), Column.opt("r", ColumnType.RATE, ""),
        Column.opt("t", ColumnType.TIMESTAMP, ""), Column.opt("d", ColumnType.DATE, "")));

  /** A row of every column type a table has, with the edge values of each. */
  private static Row everyType(String text, boolean nulls) {
    Schema schema = EVERY_TYPE.beamSchema();
    return nulls
        ? Row.withSchema(schema).addValues(text, null, null, null, null, null, null, null).build()
        : Row.withSchema(schema).addValues(text, Integer.MIN_VALUE, Long.MAX_VALUE, true, new BigDecimal("-92233720368547758.08"),
            new BigDecimal("0.0001"), Instant.parse("1969-12-31T23:59:59.999999Z"), LocalDate.of(9999, 12, 31)).build();
  }

  @Test
  void everyColumnTypeRoundTripsWithItsEdgeValuesAndNulls() throws Exception {
    for (Row row : List.of(everyType("plain", false), everyType("ação ✓ 😀", false), everyType("", true))) {
      TableRowCoder coder = EVERY_TYPE.rowCoder();
      CoderProperties.coderDecodeEncodeEqual(coder, row);
      CoderProperties.coderDeterministic(coder, row, CoderUtils.clone(coder, row));
      assertEquals(row, InMemoryBytes.decode(coder, InMemoryBytes.encode(coder, row, new InMemoryBytes.Output(8))));
    }
  }

  @Test
  void moneyKeepsItsScaleAndAMoreExactValueIsRefused() throws Exception {
    TableRowCoder coder = PAYMENT.rowCoder();
    Row back = CoderUtils.clone(coder, payment("P1", new BigDecimal("1234.5"), Instant.EPOCH, -1L));
    assertEquals(new BigDecimal("1234.50"), back.getDecimal("amount"));
    assertThrows(ArithmeticException.class, () -> CoderUtils.encodeToByteArray(coder, payment("P1", new BigDecimal("0.005"), Instant.EPOCH, 1L)));
  }

  @Test
  void rowsFollowEachOtherInAStreamReadAFewBytesAtATime() throws Exception {
    TableRowCoder coder = PAYMENT.rowCoder();
    List<Row> rows = List.of(payment("P1", BigDecimal.ONE, Instant.parse("2025-01-01T10:00:00.123456Z"), 7L),
        payment("P2", new BigDecimal("99.99"), Instant.parse("2025-01-02T00:00:00Z"), -1L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Row r : rows) {
      coder.encode(r, out);
    }
    // A runner's stream may return fewer bytes than asked for: the coder must read on.
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(out.toByteArray())) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        return super.read(b, off, Math.min(len, 3));
      }
    };
    assertEquals(rows, List.of(coder.decode(trickle), coder.decode(trickle)));
    assertThrows(EOFException.class, () -> coder.decode(new ByteArrayInputStream(new byte[] {20, 1, 2})));
  }

  @Test
  void nestedInOtherCodersAndInPlaceReadsStayInStep() throws Exception {
    TableRowCoder coder = PAYMENT.rowCoder();
    KvCoder<String, List<Row>> nested = KvCoder.of(StringUtf8Coder.of(), ListCoder.of(coder));
    KV<String, List<Row>> value = KV.of("k", List.of(payment("P1", BigDecimal.TEN, Instant.EPOCH, 1L), payment("P2", BigDecimal.ZERO, Instant.EPOCH, 2L)));
    CoderProperties.coderDecodeEncodeEqual(nested, value);
    byte[] two = CoderUtils.encodeToByteArray(ListCoder.of(coder), value.getValue());
    assertEquals(value.getValue(), InMemoryBytes.decode(ListCoder.of(coder), two));
  }

  @Test
  void equalRowsEncodeToEqualBytesAndTheCoderKeepsTheSchema() throws Exception {
    TableRowCoder coder = PAYMENT.rowCoder();
    Row a = payment("P1", new BigDecimal("5.10"), Instant.parse("2025-01-01T10:00:00Z"), 3L);
    Row b = payment("P1", new BigDecimal("5.1"), Instant.parse("2025-01-01T10:00:00Z"), 3L);
    assertArrayEquals(CoderUtils.encodeToByteArray(coder, a), CoderUtils.encodeToByteArray(coder, b));
    assertEquals(PAYMENT.beamSchema(), coder.getSchema());
    assertEquals(coder, TableRowCoder.of(PAYMENT));
    assertTrue(CoderUtils.encodeToByteArray(coder, a).length < CoderUtils.encodeToByteArray(org.apache.beam.sdk.coders.RowCoder.of(PAYMENT.beamSchema()), a).length + 8);
  }
}
