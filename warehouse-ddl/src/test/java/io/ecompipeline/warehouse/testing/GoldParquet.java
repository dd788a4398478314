package io.ecompipeline.warehouse.testing;

import io.ecompipeline.warehouse.ddl.StarSchema;
import io.ecompipeline.warehouse.ddl.StarSchema.Column;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes gold Parquet exactly as the pipeline does (parquet-avro): MONEY as FIXED_LEN_BYTE_ARRAY(8)
 * decimal(18,2), RATE as FIXED(4) decimal(9,4), TIMESTAMP as INT64 timestamp-micros, DATE as INT32
 * date, INTEGER/BIGINT/BOOLEAN, VARCHAR as UTF-8 strings; columns in DDL order. Rows are Java
 * values: String, Integer, Long, Boolean, BigDecimal, Instant, LocalDate or null.
 */
public final class GoldParquet {
  private GoldParquet() {}

  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  /** The Avro schema the pipeline writes for a warehouse table. */
  public static Schema avroSchema(String table) {
    SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record(table).namespace("io.ecompipeline.gold").fields();
    for (Column c : StarSchema.table(table).columns()) {
      Schema t = avroType(table, c);
      f = f.name(c.name()).type(c.nullable() ? Schema.createUnion(Schema.create(Schema.Type.NULL), t) : t).noDefault();
    }
    return f.endRecord();
  }

  private static Schema avroType(String table, Column c) {
    String t = c.sqlType();
    Matcher d = DECIMAL.matcher(t);
    if (d.matches()) {
      int precision = Integer.parseInt(d.group(1));
      int size = precision == 18 ? 8 : precision == 9 ? 4 : -1;
      if (size < 0) throw new IllegalArgumentException("No fixed size for " + t);
      Schema fixed = Schema.createFixed(table + "_" + c.name(), null, "io.ecompipeline.gold", size);
      return LogicalTypes.decimal(precision, Integer.parseInt(d.group(2))).addToSchema(fixed);
    }
    if (t.startsWith("VARCHAR")) return Schema.create(Schema.Type.STRING);
    return switch (t) {
      case "BIGINT" -> Schema.create(Schema.Type.LONG);
      case "INTEGER" -> Schema.create(Schema.Type.INT);
      case "BOOLEAN" -> Schema.create(Schema.Type.BOOLEAN);
      case "TIMESTAMP" -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case "DATE" -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      default -> throw new IllegalArgumentException("Unmapped SQL type " + t);
    };
  }

  /** Writes rows (values in column order) to a Parquet file, creating its directory. */
  public static Path write(Path file, String table, List<Object[]> rows) throws IOException {
    Schema schema = avroSchema(table);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Conversions.DecimalConversion dec = new Conversions.DecimalConversion();
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
            new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()))
        .withSchema(schema)
        .withConf(new Configuration())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (Object[] row : rows) {
        GenericRecord r = new GenericData.Record(schema);
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
          Object v = row[i];
          Schema fs = fields.get(i).schema();
          if (fs.getType() == Schema.Type.UNION) fs = fs.getTypes().get(1);
          r.put(i, v == null ? null : toAvro(v, fs, dec));
        }
        w.write(r);
      }
    }
    Path crc = file.resolveSibling("." + file.getFileName() + ".crc");
    Files.deleteIfExists(crc);
    return file;
  }

  private static Object toAvro(Object v, Schema s, Conversions.DecimalConversion dec) {
    LogicalType lt = s.getLogicalType();
    if (v instanceof BigDecimal b) return dec.toFixed(b, s, lt);
    if (v instanceof Instant i) return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
    if (v instanceof LocalDate d) return (int) d.toEpochDay();
    return v;
  }

  /** Convenience: a list of rows. */
  public static List<Object[]> rows(Object[]... rows) {
    return new ArrayList<>(List.of(rows));
  }
}
