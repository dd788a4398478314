package io.ecompipeline.warehouse.ddl;

/** A migration could not be applied, or an applied one no longer matches its file. */
public class MigrationException extends RuntimeException {
  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
