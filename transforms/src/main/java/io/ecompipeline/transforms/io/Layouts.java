package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.dimensions.DateKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** Where each row of a table goes: its file's path relative to the table's folder. */
public final class Layouts {
  private Layouts() {}

  public static final String PART = "part-00000.parquet";

  /** One file for the whole table (dimensions and other full tables). */
  public static SerializableFunction<Row, String> single() {
    return row -> PART;
  }

  /**
   * {@code month=YYYY-MM/} partitions from an INT yyyymmdd column; with {@code filePerDay} one file
   * per day inside the month, so a late change rewrites a day's file, not the month's.
   */
  public static SerializableFunction<Row, String> monthOfDateKey(String dateKeyColumn, boolean filePerDay) {
    return row -> {
      int key = row.getInt32(dateKeyColumn);
      return "month=" + DateKeys.month(key) + "/" + (filePerDay ? "part-" + key + ".parquet" : PART);
    };
  }

  /** {@code month=YYYY-MM/} partitions from a STRING column that holds the month. */
  public static SerializableFunction<Row, String> monthColumn(String monthColumn) {
    return row -> "month=" + row.getString(monthColumn) + "/" + PART;
  }

  /** {@code <name>=YYYY-MM-DD/} partitions from the UTC date of a TIMESTAMP column. */
  public static SerializableFunction<Row, String> dateOf(String name, String timestampColumn) {
    return row -> partition(row, name, timestampColumn) + PART;
  }

  /**
   * As {@link #dateOf}, with one file per first-arrival date inside the partition ({@code
   * part-<ingest_date>.parquet}): a day's rows go to new files, and an older file is rewritten only
   * when a row of it is superseded (see {@code IncrementalMerge}).
   */
  public static SerializableFunction<Row, String> dateOfByArrival(String name, String timestampColumn) {
    return row -> partition(row, name, timestampColumn) + byArrival(row);
  }

  /**
   * As {@link #dateOfByArrival} with {@code <name>=YYYY-MM/} partitions: for a table whose rows
   * spread over years (a history of versions), where a partition per day would make tiny files.
   */
  public static SerializableFunction<Row, String> monthOfByArrival(String name, String timestampColumn) {
    return row -> name + "=" + utcDate(row, timestampColumn).toString().substring(0, 7) + "/" + byArrival(row);
  }

  /** The file of a row's first-arrival date inside its partition, as {@code IncrementalMerge} needs them. */
  private static String byArrival(Row row) {
    return "part-" + row.<LocalDate>getValue("ingest_date") + ".parquet";
  }

  private static String partition(Row row, String name, String timestampColumn) {
    return name + "=" + utcDate(row, timestampColumn) + "/";
  }

  private static LocalDate utcDate(Row row, String timestampColumn) {
    Instant ts = row.getLogicalTypeValue(timestampColumn, Instant.class);
    return ts.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
