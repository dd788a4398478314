package io.ecompipeline.transforms.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's footer canonical. parquet-mr 1.13 collects each column chunk's encodings
 * in a {@code HashSet<Encoding>}: enum hash codes are identity hashes, so the order of the
 * footer's encoding list differs from one JVM to the next (seen as Spark vs Flink gold files with
 * equal rows but different bytes). Sorting the lists restores byte-for-byte determinism; readers
 * treat them as sets.
 */
public final class ParquetFooters {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetFooters() {}

  /** The same file with every column chunk's encodings and encoding stats in a fixed order. */
  public static byte[] canonical(byte[] file) throws IOException {
    int n = file.length;
    if (n < 12 || !tailIsMagic(file)) {
      throw new IOException("not a Parquet file (no PAR1 trailer)");
    }
    int footerLength = ByteBuffer.wrap(file, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = n - 8 - footerLength;
    FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
    for (RowGroup group : meta.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        ColumnMetaData c = chunk.getMeta_data();
        if (c == null) {
          continue;
        }
        List<Encoding> encodings = new ArrayList<>(c.getEncodings());
        encodings.sort(Comparator.comparingInt(Encoding::getValue));
        c.setEncodings(encodings);
        if (c.isSetEncoding_stats()) {
          List<PageEncodingStats> stats = new ArrayList<>(c.getEncoding_stats());
          stats.sort(Comparator.<PageEncodingStats>comparingInt(s -> s.getPage_type().getValue())
              .thenComparingInt(s -> s.getEncoding().getValue())
              .thenComparingInt(PageEncodingStats::getCount));
          c.setEncoding_stats(stats);
        }
      }
    }
    ByteArrayOutputStream footer = new ByteArrayOutputStream(footerLength);
    Util.writeFileMetaData(meta, footer);
    ByteArrayOutputStream out = new ByteArrayOutputStream(footerStart + footer.size() + 8);
    out.write(file, 0, footerStart);
    footer.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write(MAGIC);
    return out.toByteArray();
  }

  private static boolean tailIsMagic(byte[] file) {
    for (int i = 0; i < 4; i++) {
      if (file[file.length - 4 + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }
}
