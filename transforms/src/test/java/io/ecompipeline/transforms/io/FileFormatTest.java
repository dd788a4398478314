package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.schema.GoldTables;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format writes into the channel and leaves closing it to WriteFiles. On S3 a second close sends
 * one more part to an already completed multipart upload (404 NoSuchUpload), so every JSON Lines
 * file (quarantine, quality facts) failed the run on an s3:// lake.
 */
class FileFormatTest {
  @TempDir Path tmp;

  /** Records its bytes and how often it was closed. */
  private static final class OwnedChannel implements WritableByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int closes;

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      byte[] b = new byte[n];
      src.get(b);
      bytes.write(b, 0, n);
      return n;
    }

    @Override
    public boolean isOpen() {
      return closes == 0;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  @Test
  void jsonLinesAreFlushedAndTheChannelLeftOpen() throws Exception {
    OwnedChannel channel = new OwnedChannel();
    List<String> lines = new ArrayList<>(List.of("{\"b\":2}", "{\"a\":1}"));
    FileFormat<String> format = new JsonLinesFormat();
    lines.sort(format.order());
    format.write(lines.iterator(), channel, "test");
    assertEquals(0, channel.closes, "the format closed a channel it does not own");
    assertEquals("{\"a\":1}\n{\"b\":2}\n", channel.bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void parquetLeavesTheChannelOpen() throws Exception {
    OwnedChannel channel = new OwnedChannel();
    new ParquetFormat(GoldTables.FACT_ORDER_LINE).write(Collections.emptyIterator(), channel, "test");
    assertEquals(0, channel.closes, "the format closed a channel it does not own");
    assertTrue(channel.bytes.size() > 0, "an empty Parquet file still has its header and footer");
  }

  /**
   * Identifiers and instants are written plain, repeated values with a dictionary: parquet-mr
   * hashed every identifier into a dictionary only to drop it at the first page (a tenth of the
   * writer's time on a scale-10 day).
   */
  @Test
  void distinctColumnsAreWrittenWithoutADictionary() throws Exception {
    List<Row> payments = IntStream.range(0, 5_000)
        .mapToObj(i -> GoldTables.FACT_PAYMENT.row()
            .withFieldValue("payment_id", String.format("P%07d", i))
            .withFieldValue("order_id", String.format("O%07d", i))
            .withFieldValue("payment_date_key", 20250102)
            .withFieldValue("payment_ts", Instant.parse("2025-01-02T00:00:00Z").plusSeconds(i))
            .withFieldValue("customer_key", (long) i * 7919)
            .withFieldValue("method", i % 3 == 0 ? "pix" : "credit_card")
            .withFieldValue("installments", 1 + i % 4)
            .withFieldValue("amount", new BigDecimal("10.00"))
            .withFieldValue("status", "captured")
            .build())
        .toList();
    OwnedChannel channel = new OwnedChannel();
    new ParquetFormat(GoldTables.FACT_PAYMENT).write(payments.iterator(), channel, "test");
    Path file = Files.write(tmp.resolve("payments.parquet"), channel.bytes.toByteArray());

    Map<String, EncodingStats> byColumn = new HashMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(
        ParquetFileRows.inputFile(FileSystems.matchSingleFileSpec(file.toString())))) {
      for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
        byColumn.put(c.getPath().toDotString(), c.getEncodingStats());
      }
    }
    for (String plain : List.of("payment_id", "order_id", "payment_ts", "customer_key")) {
      assertTrue(!byColumn.get(plain).hasDictionaryPages(), plain + " was written with a dictionary");
    }
    for (String repeated : List.of("method", "status", "installments", "payment_date_key")) {
      assertTrue(byColumn.get(repeated).hasDictionaryPages(), repeated + " lost its dictionary");
    }
  }
}
