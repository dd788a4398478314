package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** The benchmarks' way into the package-private Parquet writer (same package, another jar). */
public final class ParquetWrites {
  private ParquetWrites() {}

  /** Sorts and writes {@code rows} as one Parquet file of {@code table} in memory; returns its size. */
  public static int write(Table table, List<Row> rows) throws IOException {
    ParquetFormat format = new ParquetFormat(table);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(format.order());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(sorted.iterator(), Channels.newChannel(out), "bench");
    return out.size();
  }
}
