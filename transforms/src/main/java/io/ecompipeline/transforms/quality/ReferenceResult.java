package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.util.NamedOutputs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;

/** Orders and order lines keyed by their silver partition directory (see {@link SilverPartitions}). */
public final class ReferenceResult extends NamedOutputs {
  private final PCollection<KV<String, Row>> orders;
  private final PCollection<KV<String, Row>> orderItems;

  ReferenceResult(PCollection<KV<String, Row>> orders, PCollection<KV<String, Row>> orderItems) {
    super(orders.getPipeline());
    this.orders = orders;
    this.orderItems = orderItems;
  }

  public PCollection<KV<String, Row>> ordersByPartition() {
    return orders;
  }

  public PCollection<KV<String, Row>> orderItemsByPartition() {
    return orderItems;
  }

  @Override
  protected Map<String, PValue> outputs() {
    Map<String, PValue> all = new LinkedHashMap<>();
    all.put("orders", orders);
    all.put("order_items", orderItems);
    return all;
  }
}
