package io.ecompipeline.transforms.schema;

import java.util.Objects;

/** One column of a lake table: its name, type, whether it may be null, and what it means. */
public record Column(String name, ColumnType type, boolean required, String description)
    implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(description);
  }

  public static Column req(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }

  public static Column opt(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }
}
