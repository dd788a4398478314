package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.util.NamedOutputs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;

/**
 * Orders and order lines keyed by their silver partition directory (see {@link SilverPartitions}),
 * and the join by order_id the checks were made on.
 */
public final class ReferenceResult extends NamedOutputs {
  private final PCollection<KV<String, Row>> orders;
  private final PCollection<KV<String, Row>> orderItems;
  private final PCollection<KV<String, CoGbkResult>> byOrderId;

  ReferenceResult(PCollection<KV<String, Row>> orders, PCollection<KV<String, Row>> orderItems,
      PCollection<KV<String, CoGbkResult>> byOrderId) {
    super(orders.getPipeline());
    this.orders = orders;
    this.orderItems = orderItems;
    this.byOrderId = byOrderId;
  }

  public PCollection<KV<String, Row>> ordersByPartition() {
    return orders;
  }

  public PCollection<KV<String, Row>> orderItemsByPartition() {
    return orderItems;
  }

  /** The merged silver orders with their lines and payments ({@link JoinByOrderId}). */
  public PCollection<KV<String, CoGbkResult>> byOrderId() {
    return byOrderId;
  }

  @Override
  protected Map<String, PValue> outputs() {
    Map<String, PValue> all = new LinkedHashMap<>();
    all.put("orders", orders);
    all.put("order_items", orderItems);
    all.put("by_order_id", byOrderId);
    return all;
  }
}
