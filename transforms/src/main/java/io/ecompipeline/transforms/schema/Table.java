package io.ecompipeline.transforms.schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A lake table: the single definition of its columns, from which its Beam schema, its Parquet
 * (Avro) schema and the conversions between them are derived.
 */
public final class Table implements Serializable {
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private final String name;
  private final String description;
  private final List<Column> columns;
  private final List<String> key;
  private transient Schema beamSchema;
  private transient TableRowCoder rowCoder;
  private transient volatile AvroForm avro;
  private transient volatile FilePositions lastRead;

  private Table(String name, String description, List<Column> columns, List<String> key) {
    this.name = name;
    this.description = description;
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
    for (String k : key) {
      column(k);
    }
  }

  /** A table with the given columns, whose rows are unique on (and sorted by) {@code key}. */
  public static Table of(String name, String description, List<String> key, List<Column> columns) {
    return new Table(name, description, columns, key);
  }

  /** This table with more columns appended (e.g. lineage). */
  public Table plus(List<Column> more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(more);
    return new Table(name, description, all, key);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<Column> columns() {
    return columns;
  }

  /** The columns that identify a row; files are sorted by them so output bytes are deterministic. */
  public List<String> key() {
    return key;
  }

  public Column column(String columnName) {
    return columns.stream()
        .filter(c -> c.name().equals(columnName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + columnName));
  }

  public Schema beamSchema() {
    if (beamSchema == null) {
      Schema.Builder b = Schema.builder();
      for (Column c : columns) {
        b.addField(Schema.Field.of(c.name(), beamType(c.type())).withNullable(!c.required()));
      }
      beamSchema = b.build();
    }
    return beamSchema;
  }

  /** The coder of this table's rows. */
  public TableRowCoder rowCoder() {
    if (rowCoder == null) {
      rowCoder = TableRowCoder.of(this);
    }
    return rowCoder;
  }

  public org.apache.avro.Schema avroSchema() {
    return avro().schema();
  }

  /**
   * The Avro record schema and, per column, its Avro type without the null union: built once (the
   * same constant tables are shared by every thread of a local runner, hence one immutable value).
   */
  private record AvroForm(org.apache.avro.Schema schema, org.apache.avro.Schema[] types) {}

  /** Per column of this table, its position in a file's schema (-1: the file lacks it). */
  private record FilePositions(org.apache.avro.Schema file, int[] at) {}

  private AvroForm avro() {
    AvroForm form = avro;
    if (form == null) {
      List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
      org.apache.avro.Schema[] types = new org.apache.avro.Schema[columns.size()];
      for (Column c : columns) {
        org.apache.avro.Schema type = avroType(c);
        types[fields.size()] = type;
        if (!c.required()) {
          type =
              org.apache.avro.Schema.createUnion(
                  org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), type);
        }
        fields.add(
            new org.apache.avro.Schema.Field(
                c.name(), type, c.description(), c.required() ? null : org.apache.avro.Schema.Field.NULL_DEFAULT_VALUE));
      }
      form = new AvroForm(
          org.apache.avro.Schema.createRecord(name, description, "io.ecompipeline.lake", false, fields), types);
      avro = form;
    }
    return form;
  }

  /**
   * The tag under which this table travels in a {@code PCollectionTuple} (e.g. the silver input
   * and the gold result); tags are equal by name, so every caller gets the same one.
   */
  public TupleTag<Row> tag() {
    return new TupleTag<>(name);
  }

  /** A row builder for this table's schema. */
  public RowBuilder row() {
    return new RowBuilder(beamSchema());
  }

  /**
   * Builds a row by field name or in column order. Beam's own {@code withFieldValue(String, …)}
   * parses the name with a grammar on every call, which costs more than the rest of a fact row.
   */
  public static final class RowBuilder {
    private final Schema schema;
    private final Object[] values;
    private int next;

    private RowBuilder(Schema schema) {
      this.schema = schema;
      this.values = new Object[schema.getFieldCount()];
    }

    public RowBuilder withFieldValue(String field, Object value) {
      values[schema.indexOf(field)] = value;
      return this;
    }

    public RowBuilder addValue(Object value) {
      values[next++] = value;
      return this;
    }

    public RowBuilder addValues(Object... more) {
      for (Object v : more) {
        addValue(v);
      }
      return this;
    }

    /**
     * The row, without Beam's per-value verification (a field-access walk per row that cost as
     * much as building the row): values are ours, typed by the same {@link Table} that made the
     * schema, and coders reject a mistyped value anyway.
     */
    public Row build() {
      return Row.withSchema(schema).attachValues(Arrays.asList(values.clone()));
    }
  }

  /** Orders rows by the key columns, then by every other column, so sorting is total. */
  public Comparator<Row> rowOrder() {
    List<String> names = new ArrayList<>(key);
    columns.stream().map(Column::name).filter(n -> !key.contains(n)).forEach(names::add);
    return orderBy(names);
  }

  /**
   * Orders rows of this table by the given columns, nulls first. Compares values by position:
   * looking a value up by name costs a hash lookup, and sorting a file compares rows millions of
   * times.
   */
  public Comparator<Row> orderBy(List<String> columnNames) {
    int[] at = new int[columnNames.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = beamSchema().indexOf(columnNames.get(i));
    }
    return new ByPosition(at);
  }

  private record ByPosition(int[] at) implements Comparator<Row>, Serializable {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Row a, Row b) {
      for (int i : at) {
        Object x = a.getValue(i);
        Object y = b.getValue(i);
        if (x == y) {
          continue;
        }
        if (x == null || y == null) {
          return x == null ? -1 : 1;
        }
        int c = ((Comparable) x).compareTo(y);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
  }

  /** A row of this table from a record read from its files; columns the file lacks are null. */
  public Row fromAvro(GenericRecord rec) {
    org.apache.avro.Schema[] types = avro().types();
    FilePositions read = lastRead;
    if (read == null || read.file() != rec.getSchema()) {
      int[] at = new int[columns.size()];
      for (int i = 0; i < at.length; i++) {
        org.apache.avro.Schema.Field f = rec.getSchema().getField(columns.get(i).name());
        at[i] = f == null ? -1 : f.pos();
      }
      read = new FilePositions(rec.getSchema(), at);
      lastRead = read;
    }
    RowBuilder b = row();
    for (int i = 0; i < columns.size(); i++) {
      Object v = read.at()[i] < 0 ? null : rec.get(read.at()[i]);
      b.addValue(v == null ? null : fromAvroValue(columns.get(i), types[i], v));
    }
    return b.build();
  }

  /**
   * Microseconds since the epoch. Not {@code ChronoUnit.MICROS.between}: it counts in nanoseconds
   * first and overflows a long beyond ~2262, e.g. on the open end 9999-12-31 of every current
   * SCD2 version.
   */
  public static long epochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static Object fromAvroValue(Column c, org.apache.avro.Schema fixed, Object v) {
    switch (c.type()) {
      case STRING:
        return v.toString();
      case MONEY:
      case RATE:
        if (v instanceof ByteBuffer) {
          return DECIMALS.fromBytes((ByteBuffer) v, fixed, fixed.getLogicalType());
        }
        return DECIMALS.fromFixed((GenericFixed) v, fixed, fixed.getLogicalType());
      case TIMESTAMP:
        return EpochMicros.INSTANCE.toInputType((Long) v);
      case DATE:
        return LocalDate.ofEpochDay((Integer) v);
      default:
        return v;
    }
  }

  private org.apache.avro.Schema avroType(Column c) {
    switch (c.type()) {
      case STRING:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
      case INT:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
      case LONG:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
      case BOOLEAN:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case MONEY:
      case RATE:
        // Fixed-length decimals (as Spark's legacy Parquet writer does): Redshift, DuckDB and
        // PostgreSQL loaders all read them as DECIMAL(p,s).
        int bytes = c.type() == ColumnType.MONEY ? 8 : 4;
        return LogicalTypes.decimal(c.type().precision(), c.type().scale())
            .addToSchema(
                org.apache.avro.Schema.createFixed(name + "_" + c.name() + "_decimal", null, null, bytes));
      case TIMESTAMP:
        return LogicalTypes.timestampMicros()
            .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
      case DATE:
        return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
      default:
        throw new IllegalStateException("unhandled type " + c.type());
    }
  }

  private static FieldType beamType(ColumnType t) {
    switch (t) {
      case STRING:
        return FieldType.STRING;
      case INT:
        return FieldType.INT32;
      case LONG:
        return FieldType.INT64;
      case BOOLEAN:
        return FieldType.BOOLEAN;
      case MONEY:
      case RATE:
        return FieldType.logicalType(ScaledDecimal.of(t.scale()));
      case TIMESTAMP:
        return FieldType.logicalType(EpochMicros.INSTANCE);
      case DATE:
        return FieldType.logicalType(SqlTypes.DATE);
      default:
        throw new IllegalStateException("unhandled type " + t);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t && t.name.equals(name) && t.columns.equals(columns) && t.key.equals(key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, columns, key);
  }

  @Override
  public String toString() {
    return name;
  }
}
