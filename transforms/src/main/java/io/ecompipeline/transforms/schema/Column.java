package io.ecompipeline.transforms.schema;

import java.util.Objects;

/**
 * One column of a lake table: its name, type, whether it may be null, and what it means.
 * {@code highCardinality} says that a file holds too many different values of it for a dictionary
 * page (identifiers, instants, hashed personal data), so Parquet writes it plain: parquet-mr would
 * hash every value into a dictionary only to abandon it at the first page.
 */
public record Column(String name, ColumnType type, boolean required, String description, boolean highCardinality)
    implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(description);
  }

  public static Column req(String name, ColumnType type, String description) {
    return new Column(name, type, true, description, false);
  }

  public static Column opt(String name, ColumnType type, String description) {
    return new Column(name, type, false, description, false);
  }

  /** This column, declared as having too many different values in a file for a dictionary. */
  public Column withHighCardinality() {
    return new Column(name, type, required, description, true);
  }
}
