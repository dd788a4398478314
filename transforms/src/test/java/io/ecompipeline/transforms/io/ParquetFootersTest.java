package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

/**
 * Gold files must be byte-identical on every runner. parquet-mr orders a column chunk's encodings
 * by identity hash (a HashSet of enums), which differs between JVMs; the footer is made canonical.
 */
class ParquetFootersTest {
  private static final Table FACT = GoldTables.FACT_ORDER_LINE;

  private static Row line(String order, int line, String channel) {
    return FACT.row()
        .withFieldValue("order_id", order)
        .withFieldValue("line_number", line)
        .withFieldValue("order_date_key", 20250103)
        .withFieldValue("order_ts", Instant.parse("2025-01-03T10:00:00Z"))
        .withFieldValue("customer_key", -1L)
        .withFieldValue("product_key", 42L)
        .withFieldValue("customer_id", "c1")
        .withFieldValue("product_id", "p1")
        .withFieldValue("quantity", 2)
        .withFieldValue("unit_price", new BigDecimal("19.90"))
        .withFieldValue("discount_amount", new BigDecimal("0.00"))
        .withFieldValue("line_total", new BigDecimal("39.80"))
        .withFieldValue("order_status", "paid")
        .withFieldValue("channel", channel)
        .withFieldValue("currency", "BRL")
        .build();
  }

  @Test
  void anEncodingOrderGivesTheSameBytes() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(line("o" + i, 1, i % 3 == 0 ? null : "web"));
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    FileFormat<Row> format = new ParquetFormat(FACT);
    rows.sort(format.order());
    format.write(rows.iterator(), Channels.newChannel(written), "test");
    byte[] file = written.toByteArray();

    byte[] reversed = withEncodingsReversed(file);
    assertFalse(Arrays.equals(file, reversed), "the test should really permute some encodings");
    assertArrayEquals(file, ParquetFooters.canonical(reversed));
    assertArrayEquals(file, ParquetFooters.canonical(file));
  }

  /** The same file with every multi-encoding list reversed, as another JVM's HashSet could order it. */
  private static byte[] withEncodingsReversed(byte[] file) throws Exception {
    int n = file.length;
    int len = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int start = n - 8 - len;
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, start, len));
    boolean permuted = false;
    for (var g : meta.getRow_groups()) {
      for (ColumnChunk c : g.getColumns()) {
        List<Encoding> e = new ArrayList<>(c.getMeta_data().getEncodings());
        Collections.reverse(e);
        permuted |= e.size() > 1;
        c.getMeta_data().setEncodings(e);
      }
    }
    assertTrue(permuted);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, footer);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, start);
    footer.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write("PAR1".getBytes());
    return out.toByteArray();
  }
}
