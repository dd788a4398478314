package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Every order_id with its silver order (at most one, the latest), its lines and its payments: the
 * one join by order_id that the referential checks and both fact tables read, so a run shuffles
 * orders, lines and payments once instead of once per reader.
 *
 * <p>Input: a tuple holding {@code SilverTables.ORDERS} and any of {@code SilverTables.ORDER_ITEMS}
 * and {@code SilverTables.PAYMENTS} under their {@code tag()}. Output: read each group with {@link
 * #ORDER}, {@link #LINE} and {@link #PAYMENT}; a table left out of the input has no tag in the groups.
 */
public final class JoinByOrderId extends PTransform<PCollectionTuple, PCollection<KV<String, CoGbkResult>>> {
  public static final TupleTag<Row> ORDER = new TupleTag<>("order");
  public static final TupleTag<Row> LINE = new TupleTag<>("line");
  public static final TupleTag<Row> PAYMENT = new TupleTag<>("payment");

  private JoinByOrderId() {}

  public static JoinByOrderId create() {
    return new JoinByOrderId();
  }

  @Override
  public PCollection<KV<String, CoGbkResult>> expand(PCollectionTuple in) {
    KeyedPCollectionTuple<String> joined = KeyedPCollectionTuple.of(ORDER, byOrderId(in, SilverTables.ORDERS));
    if (in.has(SilverTables.ORDER_ITEMS.tag())) {
      joined = joined.and(LINE, byOrderId(in, SilverTables.ORDER_ITEMS));
    }
    if (in.has(SilverTables.PAYMENTS.tag())) {
      joined = joined.and(PAYMENT, byOrderId(in, SilverTables.PAYMENTS));
    }
    return joined.apply("ByOrderId", CoGroupByKey.create());
  }

  private static PCollection<KV<String, Row>> byOrderId(PCollectionTuple in, Table table) {
    SerializableFunction<Row, String> orderId = r -> r.getString("order_id");
    PCollection<Row> rows = in.get(table.tag());
    return rows.apply(table.name() + "ByOrderId", WithKeys.of(orderId).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), rows.getCoder()));
  }
}
