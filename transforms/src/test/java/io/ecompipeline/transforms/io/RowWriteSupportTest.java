package io.ecompipeline.transforms.io;

import static io.ecompipeline.transforms.schema.Column.req;
import static io.ecompipeline.transforms.schema.ColumnType.LONG;
import static io.ecompipeline.transforms.schema.ColumnType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.transforms.schema.Table;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer's encodings are its own, whatever other writers start meanwhile. parquet-mr's default
 * values-writer factory is one static object that each new writer re-initialises with its
 * properties, and a writer makes its column writers for each row group from it: a writer that
 * started in between handed its per-column dictionary settings to the first.
 */
class RowWriteSupportTest {
  /** Both tables have column {@code v}; the second writes it without a dictionary. */
  static final Table WITH_DICTIONARY = Table.of("with_dictionary", "v with a dictionary", List.of("k"),
      List.of(req("k", STRING, "key"), req("v", LONG, "few distinct values")));
  static final Table WITHOUT_DICTIONARY = Table.of("without_dictionary", "v written plain", List.of("k"),
      List.of(req("k", STRING, "key"), req("v", LONG, "many distinct values").withHighCardinality()));

  @TempDir Path tmp;

  @Test
  void aWriterStartedMeanwhileDoesNotChangeTheFirstOnesDictionaries() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    // Row groups of at most ~a few KiB, so the first writer starts new ones after the second began.
    try (ParquetWriter<Row> a = writer(WITH_DICTIONARY, first, 4 << 10)) {
      try (ParquetWriter<Row> b = writer(WITHOUT_DICTIONARY, second, 128 << 20)) {
        for (int i = 0; i < 20_000; i++) {
          a.write(WITH_DICTIONARY.row().addValues("k" + i, (long) (i % 10)).build());
          b.write(WITHOUT_DICTIONARY.row().addValues("k" + i, (long) i).build());
        }
      }
    }
    List<BlockMetaData> groups = footer(first, "first.parquet");
    assertTrue(groups.size() > 1, "the test needs several row groups, got " + groups.size());
    for (int g = 0; g < groups.size(); g++) {
      assertTrue(column(groups.get(g), "v").hasDictionaryPage(), "row group " + g + " of the first file lost v's dictionary");
    }
    List<BlockMetaData> plain = footer(second, "second.parquet");
    assertEquals(1, plain.size());
    assertTrue(!column(plain.get(0), "v").hasDictionaryPage(), "the second file's v has a dictionary");
  }

  /** The lake's writer of {@code table}, with row groups of at most {@code rowGroupBytes}. */
  private static ParquetWriter<Row> writer(Table table, ByteArrayOutputStream out, long rowGroupBytes) throws Exception {
    return new ParquetFormat(table).writerBuilder(new ParquetFormat.BufferOutputFile(out), "test")
        .withRowGroupSize(rowGroupBytes)
        .build();
  }

  private List<BlockMetaData> footer(ByteArrayOutputStream bytes, String name) throws Exception {
    Path file = Files.write(tmp.resolve(name), bytes.toByteArray());
    try (ParquetFileReader reader = ParquetFileReader.open(
        ParquetFileRows.inputFile(FileSystems.matchSingleFileSpec(file.toString())))) {
      return reader.getFooter().getBlocks();
    }
  }

  private static ColumnChunkMetaData column(BlockMetaData group, String name) {
    return group.getColumns().stream().filter(c -> c.getPath().toDotString().equals(name)).findFirst().orElseThrow();
  }
}
