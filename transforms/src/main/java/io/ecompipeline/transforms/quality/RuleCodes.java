package io.ecompipeline.transforms.quality;

import java.util.List;

/** The quarantine rule codes, in the order a record is checked: a record gets the first that fails. */
public final class RuleCodes {
  private RuleCodes() {}

  public static final String MALFORMED_RECORD = "malformed_record";
  public static final String MISSING_COLUMN = "missing_column";
  public static final String REQUIRED_MISSING = "required_missing";
  public static final String INVALID_TYPE = "invalid_type";
  public static final String INVALID_ENUM = "invalid_enum";
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";

  public static final List<String> ALL =
      List.of(MALFORMED_RECORD, MISSING_COLUMN, REQUIRED_MISSING, INVALID_TYPE, INVALID_ENUM, OUT_OF_RANGE, FUTURE_TIMESTAMP);
}
