package io.ecompipeline.transforms.dimensions;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes one SCD Type 2 dimension: its natural key, the tracked columns (a change opens a
 * version), the type-1 columns (overwritten in every version), the output table and its key column.
 */
public record Scd2Spec(
    String naturalKey, List<String> tracked, List<String> type1, Table output, String keyColumn)
    implements Serializable {

  /** The SCD2 columns every dimension ends with. */
  static final List<String> SCD2_COLUMNS = List.of("valid_from", "valid_to", "is_current", "version");

  public static final Scd2Spec CUSTOMER =
      new Scd2Spec(
          "customer_id",
          List.of("email", "city", "state", "region", "country", "segment"),
          List.of("first_name", "last_name", "phone"),
          GoldTables.DIM_CUSTOMER,
          "customer_key");

  public static final Scd2Spec PRODUCT =
      new Scd2Spec(
          "product_id",
          List.of("name", "category", "subcategory", "brand", "list_price", "is_active"),
          List.of("sku", "cost"),
          GoldTables.DIM_PRODUCT,
          "product_key");

  public Scd2Spec {
    tracked = List.copyOf(tracked);
    type1 = List.copyOf(type1);
    List<String> expected = new ArrayList<>();
    expected.add(keyColumn);
    expected.add(naturalKey);
    expected.addAll(tracked);
    expected.addAll(type1);
    expected.addAll(SCD2_COLUMNS);
    List<String> actual = output.columns().stream().map(Column::name).toList();
    if (!actual.containsAll(expected) || !expected.containsAll(actual)) {
      throw new IllegalArgumentException(
          "SCD2 spec for "
              + output.name()
              + " must name every column exactly once: table has "
              + actual
              + ", spec names "
              + expected);
    }
  }
}
