package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.ScaledDecimal;
import io.ecompipeline.transforms.schema.Table;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes a table's rows straight to Parquet, in the schema and with the footer metadata that
 * parquet-avro gives the table's Avro schema (so the files are the same bytes it wrote), without
 * building an Avro record per row: the writer's largest cost after the shuffle.
 */
final class RowWriteSupport extends WriteSupport<Row> {
  private final Table table;
  private final List<Column> columns;
  private final Map<String, String> metadata;
  private RecordConsumer out;
  private Schema checkedSchema;

  RowWriteSupport(Table table, Map<String, String> metadata) {
    this.table = table;
    this.columns = table.columns();
    this.metadata = metadata;
  }

  /** A writer of {@code table}'s rows whose footer also records {@code metadata}. */
  static ParquetWriter.Builder<Row, ?> builder(OutputFile file, Table table, Map<String, String> metadata) {
    return new Builder(file, table, metadata);
  }

  @Override
  public WriteContext init(Configuration conf) {
    Map<String, String> footer = new TreeMap<>(metadata);
    footer.put("parquet.avro.schema", table.avroSchema().toString());
    return new WriteContext(new AvroSchemaConverter(conf).convert(table.avroSchema()), footer);
  }

  /** Recorded in the footer as {@code writer.model.name}, as parquet-avro does. */
  @Override
  public String getName() {
    return "avro";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(Row row) {
    if (row.getSchema() != checkedSchema) {
      if (!row.getSchema().equals(table.beamSchema())) {
        throw new IllegalArgumentException(table.name() + " cannot write a row of another schema: " + row.getSchema());
      }
      checkedSchema = row.getSchema();
    }
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      Object v = row.getValue(i);
      Column c = columns.get(i);
      if (v == null) {
        if (c.required()) {
          throw new IllegalArgumentException(table.name() + "." + c.name() + " is required but null in " + row);
        }
        continue;
      }
      out.startField(c.name(), i);
      writeValue(c, v);
      out.endField(c.name(), i);
    }
    out.endMessage();
  }

  private void writeValue(Column c, Object v) {
    switch (c.type()) {
      // Array-backed: the dictionary's hash lookups and the statistics' comparisons on a
      // Binary.fromString (a ByteBuffer view) were a sixth of the writer's CPU.
      case STRING -> out.addBinary(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)));
      case INT -> out.addInteger((Integer) v);
      case LONG -> out.addLong((Long) v);
      case BOOLEAN -> out.addBoolean((Boolean) v);
      case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
      case TIMESTAMP -> out.addLong(Table.epochMicros((Instant) v));
      // Fixed-length two's complement, big-endian: 8 bytes for money, 4 for rates (Table's Avro types).
      case MONEY -> out.addBinary(Binary.fromConstantByteArray(bigEndian(unscaled(c, v), 8)));
      case RATE -> out.addBinary(Binary.fromConstantByteArray(bigEndian(Math.toIntExact(unscaled(c, v)), 4)));
      default -> throw new IllegalStateException("unhandled type " + c.type());
    }
  }

  private static long unscaled(Column c, Object v) {
    return ScaledDecimal.unscaled((BigDecimal) v, c.type().scale());
  }

  private static byte[] bigEndian(long value, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = bytes - 1; i >= 0; i--) {
      b[i] = (byte) value;
      value >>= 8;
    }
    return b;
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private static final Field ENCODING_PROPS = encodingPropsField();
    private final Table table;
    private final Map<String, String> metadata;

    Builder(OutputFile file, Table table, Map<String, String> metadata) {
      super(file);
      this.table = table;
      this.metadata = metadata;
      ownValuesWriterFactory();
    }

    /**
     * Gives this writer a values-writer factory of its own. parquet-mr 1.13's default is one static
     * factory that each writer's properties re-initialise, and a writer creates its column writers
     * (at its start and at every row group) from whichever properties initialised it last: two
     * tables written at once on two threads then swap their per-column dictionary settings. Seen
     * as a gold fact file whose {@code order_ts} lost its dictionary (silver orders write it
     * plain) in 1 of ~20 runs: the same rows, other bytes. The builder does not expose the
     * setting, hence the reflection; the factory is the one the default delegates to for
     * Parquet 1.0 pages, so the bytes are those of an undisturbed write.
     */
    private void ownValuesWriterFactory() {
      try {
        ((ParquetProperties.Builder) ENCODING_PROPS.get(this)).withValuesWriterFactory(new DefaultV1ValuesWriterFactory());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot reach parquet-mr's writer properties", e);
      }
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(table, metadata);
    }

    private static Field encodingPropsField() {
      try {
        Field f = ParquetWriter.Builder.class.getDeclaredField("encodingPropsBuilder");
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        throw new ExceptionInInitializerError("parquet-mr's ParquetWriter.Builder has no encodingPropsBuilder: " + e);
      }
    }
  }
}
