package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.InMemoryBytes;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Every order_id with its silver order (at most one, the latest), its lines and its payments: the
 * one join by order_id that the referential checks and both fact tables read, so a run shuffles
 * orders, lines and payments once instead of once per reader.
 *
 * <p>Input: a tuple holding {@code SilverTables.ORDERS} and any of {@code SilverTables.ORDER_ITEMS}
 * and {@code SilverTables.PAYMENTS} under their {@code tag()}, in their silver schemas. Output: read
 * each group with {@link #order}, {@link #lines} and {@link #payments}; a table left out of the
 * input has no rows to read in the groups.
 *
 * <p>The rows cross the join encoded, and each reader decodes what it reads: Flink copies every
 * record between operators and into its sort buffers by decoding and re-encoding it, a byte copy
 * for an array and field by field for a row, and the groups go to up to four readers.
 */
public final class JoinByOrderId extends PTransform<PCollectionTuple, PCollection<KV<String, CoGbkResult>>> {
  private static final TupleTag<byte[]> ORDER = new TupleTag<>("order");
  private static final TupleTag<byte[]> LINE = new TupleTag<>("line");
  private static final TupleTag<byte[]> PAYMENT = new TupleTag<>("payment");
  private static final Coder<Row> ORDER_CODER = SilverTables.ORDERS.rowCoder();
  private static final Coder<Row> LINE_CODER = SilverTables.ORDER_ITEMS.rowCoder();
  private static final Coder<Row> PAYMENT_CODER = SilverTables.PAYMENTS.rowCoder();

  private JoinByOrderId() {}

  public static JoinByOrderId create() {
    return new JoinByOrderId();
  }

  /** The group's order, or null when it has not arrived. */
  public static Row order(CoGbkResult group) {
    byte[] order = group.getOnly(ORDER, null);
    return order == null ? null : InMemoryBytes.decode(ORDER_CODER, order);
  }

  /** The group's order lines (the input must have held order_items). */
  public static List<Row> lines(CoGbkResult group) {
    return decodeAll(group.getAll(LINE), LINE_CODER);
  }

  /** The group's payments (the input must have held payments). */
  public static List<Row> payments(CoGbkResult group) {
    return decodeAll(group.getAll(PAYMENT), PAYMENT_CODER);
  }

  @Override
  public PCollection<KV<String, CoGbkResult>> expand(PCollectionTuple in) {
    KeyedPCollectionTuple<String> joined = KeyedPCollectionTuple.of(ORDER, byOrderId(in, SilverTables.ORDERS, ORDER_CODER));
    if (in.has(SilverTables.ORDER_ITEMS.tag())) {
      joined = joined.and(LINE, byOrderId(in, SilverTables.ORDER_ITEMS, LINE_CODER));
    }
    if (in.has(SilverTables.PAYMENTS.tag())) {
      joined = joined.and(PAYMENT, byOrderId(in, SilverTables.PAYMENTS, PAYMENT_CODER));
    }
    return joined.apply("ByOrderId", CoGroupByKey.create());
  }

  private static PCollection<KV<String, byte[]>> byOrderId(PCollectionTuple in, Table table, Coder<Row> coder) {
    PCollection<Row> rows = in.get(table.tag());
    if (!rows.hasSchema() || !rows.getSchema().equals(table.beamSchema())) {
      throw new IllegalArgumentException("JoinByOrderId needs " + table.name() + " in its silver schema, got "
          + (rows.hasSchema() ? rows.getSchema() : "rows without a schema"));
    }
    return rows.apply(table.name() + "ByOrderId", ParDo.of(new EncodeByOrderId(coder)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
  }

  private static List<Row> decodeAll(Iterable<byte[]> encoded, Coder<Row> coder) {
    List<Row> rows = new ArrayList<>();
    for (byte[] e : encoded) {
      rows.add(InMemoryBytes.decode(coder, e));
    }
    return rows;
  }

  private static final class EncodeByOrderId extends DoFn<Row, KV<String, byte[]>> {
    private final Coder<Row> coder;
    private transient InMemoryBytes.Output buffer;

    EncodeByOrderId(Coder<Row> coder) {
      this.coder = coder;
    }

    @Setup
    public void setup() {
      buffer = new InMemoryBytes.Output(1 << 10);
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, byte[]>> out) {
      out.output(KV.of(row.getString("order_id"), InMemoryBytes.encode(coder, row, buffer)));
    }
  }
}
