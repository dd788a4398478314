package io.ecompipeline.transforms.quality;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** Orders and order lines keyed by their silver partition directory (see {@link SilverPartitions}). */
public final class ReferenceResult implements POutput {
  private static final TupleTag<KV<String, Row>> ORDERS = new TupleTag<>("orders");
  private static final TupleTag<KV<String, Row>> ORDER_ITEMS = new TupleTag<>("order_items");

  private final PCollection<KV<String, Row>> orders;
  private final PCollection<KV<String, Row>> orderItems;

  ReferenceResult(PCollection<KV<String, Row>> orders, PCollection<KV<String, Row>> orderItems) {
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
  public Pipeline getPipeline() {
    return orders.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(ORDERS, orders, ORDER_ITEMS, orderItems);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
