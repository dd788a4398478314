package io.ecompipeline.pipelines.generate;

import java.util.List;

/** Names of the defect classes the generator injects; the quarantine rule codes are the validator's. */
public final class Defects {
  private Defects() {}

  // Quarantined by the validator, under these exact rule codes.
  public static final String MALFORMED_RECORD = "malformed_record";
  public static final String REQUIRED_MISSING = "required_missing";
  public static final String INVALID_ENUM = "invalid_enum";
  public static final String INVALID_TYPE = "invalid_type";
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";
  public static final String MISSING_COLUMN = "missing_column";

  // Present in the data but not quarantined: dedup, SCD2 ordering and referential checks handle them.
  public static final String DUPLICATE_ROW = "duplicate_row";
  public static final String DUPLICATE_CROSS_DAY = "duplicate_cross_day";
  public static final String STALE_RESEND = "stale_resend";
  public static final String LATE_CHANGE = "late_change";
  public static final String ORPHAN_CUSTOMER = "orphan_customer";
  public static final String ORPHAN_PRODUCT = "orphan_product";
  public static final String ORPHAN_PAYMENT = "orphan_payment";
  public static final String EARLY_ORDER_LINE = "early_order_line";

  public static final List<String> QUARANTINED = List.of(
      MALFORMED_RECORD, REQUIRED_MISSING, INVALID_ENUM, INVALID_TYPE, OUT_OF_RANGE, FUTURE_TIMESTAMP, MISSING_COLUMN);

  public static final List<String> NOT_QUARANTINED = List.of(
      DUPLICATE_ROW, DUPLICATE_CROSS_DAY, STALE_RESEND, LATE_CHANGE,
      ORPHAN_CUSTOMER, ORPHAN_PRODUCT, ORPHAN_PAYMENT, EARLY_ORDER_LINE);

  /** Every defect class, in the fixed order used by summaries and manifests. */
  public static final List<String> ALL = List.of(
      MALFORMED_RECORD, REQUIRED_MISSING, INVALID_ENUM, INVALID_TYPE, OUT_OF_RANGE, FUTURE_TIMESTAMP, MISSING_COLUMN,
      DUPLICATE_ROW, DUPLICATE_CROSS_DAY, STALE_RESEND, LATE_CHANGE,
      ORPHAN_CUSTOMER, ORPHAN_PRODUCT, ORPHAN_PAYMENT, EARLY_ORDER_LINE);

  /** File-format variations (not defects: every one of them is valid input). */
  public static final List<String> VARIATIONS = List.of(
      "bom", "crlf", "gzip", "upper_case_header", "reordered_columns", "extra_column");
}
