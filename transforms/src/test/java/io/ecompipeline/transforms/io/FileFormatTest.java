package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.schema.GoldTables;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A format writes into the channel and leaves closing it to WriteFiles. On S3 a second close sends
 * one more part to an already completed multipart upload (404 NoSuchUpload), so every JSON Lines
 * file (quarantine, quality facts) failed the run on an s3:// lake.
 */
class FileFormatTest {
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
}
