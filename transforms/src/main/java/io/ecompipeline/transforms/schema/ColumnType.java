package io.ecompipeline.transforms.schema;

/** The few column types the lake and the warehouse use; each maps to one Beam, Avro/Parquet and SQL type. */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  BOOLEAN,
  /** Money: DECIMAL(18,2), never floating point. */
  MONEY,
  /** Rates and averages of ratings: DECIMAL(9,4). */
  RATE,
  /** An instant in UTC, microsecond precision in Parquet. */
  TIMESTAMP,
  DATE;

  public int precision() {
    return this == MONEY ? 18 : this == RATE ? 9 : 0;
  }

  public int scale() {
    return this == MONEY ? 2 : this == RATE ? 4 : 0;
  }
}
