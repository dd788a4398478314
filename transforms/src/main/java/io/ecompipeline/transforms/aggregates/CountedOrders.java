package io.ecompipeline.transforms.aggregates;

import org.apache.beam.sdk.values.Row;

/**
 * Which orders the aggregates count (contract §4): an order counts where its latest status is not
 * {@code cancelled}; a counted order is returned where that status is {@code returned}.
 */
public final class CountedOrders {
  public static final String CANCELLED = "cancelled";
  public static final String RETURNED = "returned";

  private CountedOrders() {}

  public static boolean counts(String latestStatus) {
    return !CANCELLED.equals(latestStatus);
  }

  public static boolean isReturned(String latestStatus) {
    return RETURNED.equals(latestStatus);
  }

  /** Whether a silver order counts. */
  public static boolean orderCounts(Row order) {
    return counts(order.getString("status"));
  }

  /** Whether a fact_order_line row belongs to a counted order. */
  static boolean lineCounts(Row fact) {
    return counts(fact.getString("order_status"));
  }
}
