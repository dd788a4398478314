package io.ecompipeline.transforms.schema;

import io.ecompipeline.transforms.util.InMemoryBytes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.SerializableFunctions;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The coder of our tables' rows (the column types of {@link ColumnType}), in place of Beam's
 * generated {@code RowCoder}: every row crosses several shuffles and our own encodings, and Beam's
 * coder builds a {@code BitSet} per row, boxes every logical type's base value, and reads and
 * writes a field a few bytes at a time, each call through the runner's stream wrappers (Flink's
 * per-byte reads were their own hot spot). Here a row is one length-prefixed block, written and
 * read with one call: a null bitmap, then each present value (strings as UTF-8, integers as
 * zig-zag varints, instants as 8 bytes of epoch micros). Deterministic: equal rows encode to
 * equal bytes. Still a {@link SchemaCoder}, so collections keep their schema.
 */
public final class TableRowCoder extends SchemaCoder<Row> {
  /**
   * The version of this encoding, part of every lake file's content identity (its digest is taken
   * over encoded rows): a new version makes the next run rewrite files rather than keep them.
   */
  public static final int VERSION = 1;

  private enum Kind { STRING, INT, LONG, BOOLEAN, DECIMAL, INSTANT, DATE }

  private static final ThreadLocal<InMemoryBytes.Output> SCRATCH = ThreadLocal.withInitial(() -> new InMemoryBytes.Output(512));

  private final Kind[] kinds;
  /** The scale of each decimal column (0 elsewhere). */
  private final int[] scales;

  private TableRowCoder(Schema schema) {
    super(schema, TypeDescriptors.rows(), SerializableFunctions.identity(), SerializableFunctions.identity());
    int n = schema.getFieldCount();
    kinds = new Kind[n];
    scales = new int[n];
    for (int i = 0; i < n; i++) {
      FieldType type = schema.getField(i).getType();
      kinds[i] = kindOf(schema.getField(i).getName(), type);
      if (kinds[i] == Kind.DECIMAL) {
        scales[i] = (Integer) type.getLogicalType().getArgument();
      }
    }
  }

  /** The coder of rows of {@code schema}, whose fields must be of the types a {@link Table} column has. */
  public static TableRowCoder of(Schema schema) {
    return new TableRowCoder(schema);
  }

  private static Kind kindOf(String name, FieldType type) {
    switch (type.getTypeName()) {
      case STRING:
        return Kind.STRING;
      case INT32:
        return Kind.INT;
      case INT64:
        return Kind.LONG;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(ScaledDecimal.IDENTIFIER)) {
          return Kind.DECIMAL;
        }
        if (id.equals(EpochMicros.IDENTIFIER)) {
          return Kind.INSTANT;
        }
        if (id.equals(SqlTypes.DATE.getIdentifier())) {
          return Kind.DATE;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException("TableRowCoder cannot code field " + name + " of type " + type);
  }

  @Override
  public void encode(Row row, OutputStream out) throws IOException {
    if (row == null) {
      throw new CoderException("cannot encode a null row");
    }
    InMemoryBytes.Output block = SCRATCH.get();
    block.reset();
    int n = kinds.length;
    int bitmap = (n + 7) >>> 3;
    for (int i = 0; i < bitmap; i++) {
      block.write(0);
    }
    byte[] bits = block.bytes();
    for (int i = 0; i < n; i++) {
      if (row.getValue(i) == null) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    for (int i = 0; i < n; i++) {
      Object v = row.getValue(i);
      if (v != null) {
        writeValue(block, i, v);
      }
    }
    writeVarLong(out, block.size());
    out.write(block.bytes(), 0, block.size());
  }

  private void writeValue(InMemoryBytes.Output block, int i, Object v) throws IOException {
    switch (kinds[i]) {
      case STRING:
        byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
        writeVarLong(block, utf8.length);
        block.write(utf8, 0, utf8.length);
        break;
      case INT:
        writeVarLong(block, zigZag((Integer) v));
        break;
      case LONG:
        writeVarLong(block, zigZag((Long) v));
        break;
      case BOOLEAN:
        block.write((Boolean) v ? 1 : 0);
        break;
      case DECIMAL:
        writeVarLong(block, zigZag(ScaledDecimal.unscaled((BigDecimal) v, scales[i])));
        break;
      case INSTANT:
        long micros = Table.epochMicros((Instant) v);
        for (int shift = 56; shift >= 0; shift -= 8) {
          block.write((int) (micros >>> shift));
        }
        break;
      case DATE:
        writeVarLong(block, zigZag(((LocalDate) v).toEpochDay()));
        break;
      default:
        throw new IllegalStateException("unhandled " + kinds[i]);
    }
  }

  @Override
  public Row decode(InputStream in) throws IOException {
    int size = (int) readVarLong(in);
    byte[] block;
    int at;
    if (in instanceof InMemoryBytes.Input bytes && bytes.available() >= size) {
      // Our own byte streams are read in place.
      block = bytes.array();
      at = bytes.position();
      bytes.skip(size);
    } else {
      block = new byte[size];
      readFully(in, block);
      at = 0;
    }
    return decode(block, at);
  }

  private Row decode(byte[] block, int start) {
    int n = kinds.length;
    int[] pos = {start + ((n + 7) >>> 3)};
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      if ((block[start + (i >>> 3)] & (1 << (i & 7))) == 0) {
        values[i] = readValue(block, pos, i);
      }
    }
    return Row.withSchema(schema).attachValues(Arrays.asList(values));
  }

  private Object readValue(byte[] block, int[] pos, int i) {
    switch (kinds[i]) {
      case STRING:
        int length = (int) readVarLong(block, pos);
        String s = new String(block, pos[0], length, StandardCharsets.UTF_8);
        pos[0] += length;
        return s;
      case INT:
        return (int) unZigZag(readVarLong(block, pos));
      case LONG:
        return unZigZag(readVarLong(block, pos));
      case BOOLEAN:
        return block[pos[0]++] != 0;
      case DECIMAL:
        return BigDecimal.valueOf(unZigZag(readVarLong(block, pos)), scales[i]);
      case INSTANT:
        long micros = 0;
        for (int k = 0; k < 8; k++) {
          micros = (micros << 8) | (block[pos[0]++] & 0xff);
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      case DATE:
        return LocalDate.ofEpochDay(unZigZag(readVarLong(block, pos)));
      default:
        throw new IllegalStateException("unhandled " + kinds[i]);
    }
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void writeVarLong(OutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarLong(byte[] block, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = block[pos[0]++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }

  private static long readVarLong(InputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("a row's length is cut short");
      }
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new CoderException("a row's length is corrupt");
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    for (int read = 0; read < into.length; ) {
      int k = in.read(into, read, into.length - read);
      if (k < 0) {
        throw new EOFException("a row is cut short: " + read + " of " + into.length + " bytes");
      }
      read += k;
    }
  }

  @Override
  public void verifyDeterministic() {
    // Equal rows give equal bytes: fixed field order, no maps, no floating point.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableRowCoder c && c.schema.equals(schema);
  }

  @Override
  public int hashCode() {
    return schema.hashCode();
  }

  @Override
  public String toString() {
    return "TableRowCoder" + List.of(kinds);
  }
}
