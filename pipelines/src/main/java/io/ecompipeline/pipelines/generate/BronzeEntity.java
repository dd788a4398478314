package io.ecompipeline.pipelines.generate;

import java.util.List;

/** The bronze entities as the contract (section 2) names them, with the column metadata defects need. */
public enum BronzeEntity {
  CUSTOMERS("customers", false,
      new String[] {"customer_id", "email", "first_name", "last_name", "phone", "city", "state", "region", "country",
          "segment", "updated_at"},
      new int[] {0, 7, 8, 10}, new int[] {9}, new int[] {10}, new int[] {10}),
  PRODUCTS("products", false,
      new String[] {"product_id", "sku", "name", "category", "subcategory", "brand", "list_price", "cost", "is_active",
          "updated_at"},
      new int[] {0, 3, 9}, new int[] {}, new int[] {6, 7, 9}, new int[] {9}),
  ORDERS("orders", false,
      new String[] {"order_id", "customer_id", "order_ts", "status", "channel", "currency", "shipping_amount",
          "updated_at"},
      new int[] {0, 1, 2, 3, 5, 7}, new int[] {3, 4}, new int[] {2, 6, 7}, new int[] {2, 7}),
  ORDER_ITEMS("order_items", false,
      new String[] {"order_id", "line_number", "product_id", "quantity", "unit_price", "discount_amount"},
      new int[] {0, 1, 2, 3, 4}, new int[] {}, new int[] {1, 3, 4, 5}, new int[] {}),
  PAYMENTS("payments", false,
      new String[] {"payment_id", "order_id", "payment_ts", "method", "installments", "amount", "status"},
      new int[] {0, 1, 2, 3, 5, 6}, new int[] {3, 6}, new int[] {2, 4, 5}, new int[] {2}),
  REVIEWS("reviews", false,
      new String[] {"review_id", "order_id", "product_id", "customer_id", "rating", "review_text", "review_ts"},
      new int[] {0, 4, 6}, new int[] {}, new int[] {4, 6}, new int[] {6}),
  CLICKSTREAM("clickstream", true,
      new String[] {"event_id", "session_id", "customer_id", "event_type", "product_id", "page", "event_ts", "device"},
      new int[] {0, 1, 3, 6}, new int[] {3, 7}, new int[] {6}, new int[] {6});

  /** Folder name under {@code bronze/}. */
  public final String dir;
  public final boolean jsonLines;
  private final String[] columns;
  final int[] required;
  final int[] enums;
  final int[] typed;
  final int[] timestamps;

  BronzeEntity(String dir, boolean jsonLines, String[] columns, int[] required, int[] enums, int[] typed,
      int[] timestamps) {
    this.dir = dir;
    this.jsonLines = jsonLines;
    this.columns = columns;
    this.required = required;
    this.enums = enums;
    this.typed = typed;
    this.timestamps = timestamps;
  }

  /** Column names in contract order (the order of clean files). */
  public List<String> columns() {
    return List.of(columns);
  }

  String[] columnArray() {
    return columns;
  }

  int index(String column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(column);
  }

  /** Whether the contract gives this entity a range rule (beyond timestamps). */
  boolean hasRangeRule() {
    return this == ORDER_ITEMS || this == PAYMENTS || this == REVIEWS;
  }
}
