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
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.SerializableFunctions;
import org.apache.beam.sdk.util.VarInt;
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

  private static final ThreadLocal<InMemoryBytes.Output> SCRATCH = ThreadLocal.withInitial(() -> new InMemoryBytes.Output(512));

  /** Each column's type, in the schema's field order. */
  private final ColumnType[] types;

  private TableRowCoder(Table table) {
    super(table.beamSchema(), TypeDescriptors.rows(), SerializableFunctions.identity(), SerializableFunctions.identity());
    types = table.columns().stream().map(Column::type).toArray(ColumnType[]::new);
  }

  /** The coder of {@code table}'s rows ({@link Table#rowCoder()} keeps one per table). */
  static TableRowCoder of(Table table) {
    return new TableRowCoder(table);
  }

  @Override
  public void encode(Row row, OutputStream out) throws IOException {
    if (row == null) {
      throw new CoderException("cannot encode a null row");
    }
    InMemoryBytes.Output block = SCRATCH.get();
    block.reset();
    int n = types.length;
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
    VarInt.encode(block.size(), out);
    out.write(block.bytes(), 0, block.size());
  }

  private void writeValue(InMemoryBytes.Output block, int i, Object v) {
    switch (types[i]) {
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
      case MONEY:
      case RATE:
        writeVarLong(block, zigZag(ScaledDecimal.unscaled((BigDecimal) v, types[i].scale())));
        break;
      case TIMESTAMP:
        long micros = Table.epochMicros((Instant) v);
        for (int shift = 56; shift >= 0; shift -= 8) {
          block.write((int) (micros >>> shift));
        }
        break;
      case DATE:
        writeVarLong(block, zigZag(((LocalDate) v).toEpochDay()));
        break;
      default:
        throw new IllegalStateException("unhandled " + types[i]);
    }
  }

  @Override
  public Row decode(InputStream in) throws IOException {
    int size = VarInt.decodeInt(in);
    byte[] block;
    int at;
    if (in instanceof InMemoryBytes.Input bytes && bytes.available() >= size) {
      // Our own byte streams are read in place.
      block = bytes.array();
      at = bytes.position();
      bytes.skip(size);
    } else {
      block = new byte[size];
      int read = in.readNBytes(block, 0, size);
      if (read < size) {
        throw new EOFException("a row is cut short: " + read + " of " + size + " bytes");
      }
      at = 0;
    }
    return decode(block, at);
  }

  private Row decode(byte[] block, int start) {
    int n = types.length;
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
    switch (types[i]) {
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
      case MONEY:
      case RATE:
        return BigDecimal.valueOf(unZigZag(readVarLong(block, pos)), types[i].scale());
      case TIMESTAMP:
        long micros = 0;
        for (int k = 0; k < 8; k++) {
          micros = (micros << 8) | (block[pos[0]++] & 0xff);
        }
        return EpochMicros.instant(micros);
      case DATE:
        return LocalDate.ofEpochDay(unZigZag(readVarLong(block, pos)));
      default:
        throw new IllegalStateException("unhandled " + types[i]);
    }
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void writeVarLong(InMemoryBytes.Output block, long v) {
    while ((v & ~0x7FL) != 0) {
      block.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    block.write((int) v);
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
    return "TableRowCoder" + List.of(types);
  }
}
