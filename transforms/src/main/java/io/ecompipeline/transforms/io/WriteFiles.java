package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Table;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Writes elements keyed by their file's path relative to a folder: one file per key, its
 * elements sorted, so the same elements give byte-identical files on every runner and re-run
 * (Beam's sharded writers name and fill shards in processing order). Emits each written file
 * with its element count.
 */
public final class WriteFiles<T> extends PTransform<PCollection<KV<String, T>>, PCollection<KV<String, Long>>> {
  private final String dir;
  private final FileFormat<T> format;
  private final Coder<T> coder;
  private final String metricPrefix;

  private WriteFiles(String dir, FileFormat<T> format, Coder<T> coder, String metricPrefix) {
    this.dir = dir;
    this.format = format;
    this.coder = coder;
    this.metricPrefix = metricPrefix;
  }

  /** Parquet files of {@code table} under {@code dir}. */
  public static WriteFiles<Row> parquet(Table table, String dir) {
    return new WriteFiles<>(dir, new ParquetFormat(table), RowCoder.of(table.beamSchema()), table.name());
  }

  /** JSON Lines files under {@code dir}; {@code name} names the metric. */
  public static WriteFiles<String> jsonLines(String name, String dir) {
    return new WriteFiles<>(dir, new JsonLinesFormat(), StringUtf8Coder.of(), name);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<KV<String, T>> input) {
    return input
        .apply("With coder", MapElements.via(new SimpleFunction<KV<String, T>, KV<String, T>>() {
          @Override
          public KV<String, T> apply(KV<String, T> kv) {
            return kv;
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("Group by file", GroupByKey.create())
        .apply("Write sorted", ParDo.of(new WriteFileFn<>(dir, format, metricPrefix)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  private static final class WriteFileFn<T> extends DoFn<KV<String, Iterable<T>>, KV<String, Long>> {
    private final String dir;
    private final FileFormat<T> format;
    private final Counter rows;

    WriteFileFn(String dir, FileFormat<T> format, String metricPrefix) {
      this.dir = dir;
      this.format = format;
      this.rows = Metrics.counter(WriteFiles.class, "write." + metricPrefix + ".rows");
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> file, OutputReceiver<KV<String, Long>> out)
        throws Exception {
      List<T> elements = new ArrayList<>();
      file.getValue().forEach(elements::add);
      format.sort(elements);
      String path = LakePaths.join(dir, file.getKey());
      ResourceId target = FileSystems.matchNewResource(path, false);
      try (WritableByteChannel channel = FileSystems.create(target, "application/octet-stream")) {
        format.write(elements, channel);
      }
      rows.inc(elements.size());
      out.output(KV.of(path, (long) elements.size()));
    }
  }
}
