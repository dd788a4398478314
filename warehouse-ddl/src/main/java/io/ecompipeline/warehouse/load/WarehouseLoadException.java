package io.ecompipeline.warehouse.load;

/** A table could not be loaded; its transaction was rolled back. The message names table and cause. */
public class WarehouseLoadException extends RuntimeException {
  private final String table;

  public WarehouseLoadException(String table, String message, Throwable cause) {
    super(message, cause);
    this.table = table;
  }

  /** The table whose load failed, or null when the failure is not about one table. */
  public String table() {
    return table;
  }
}
