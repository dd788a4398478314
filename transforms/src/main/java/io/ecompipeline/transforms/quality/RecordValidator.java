package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.ColumnType;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.Row;

/**
 * The rules engine: checks one bronze record against the configured rules, in the fixed order
 * malformed/missing_column, required_missing, invalid_type, invalid_enum, out_of_range,
 * future_timestamp, and either types it into a silver row or names the first rule it breaks.
 *
 * <p>Decisions where the contract is silent: values are trimmed and a blank value is empty;
 * timestamps are kept to the microsecond (Parquet's precision, so a re-read row equals the
 * original); a {@code pattern} rule (currency) fails as {@code invalid_enum}, as it restricts the
 * domain of a code.
 */
public final class RecordValidator implements Serializable {
  private static final Pattern MONEY = Pattern.compile("[+-]?\\d{1,16}(\\.\\d{1,2})?");
  private static final Pattern ANY_DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  /** Either a typed silver row or the first failing rule with its message. */
  public record Outcome(Row row, String rule, String message) {
    public boolean isValid() {
      return row != null;
    }
  }

  private final Table table;
  private final LocalDate runDate;
  private final List<String> required;
  private final Map<String, String> defaults;
  private final Map<String, Set<String>> enums;
  private final List<QualityRules.PatternRule> patterns;
  private final List<QualityRules.Range> ranges;
  private final int futureDays;
  private final Instant futureLimit;

  public RecordValidator(Table table, QualityRules rules, LocalDate runDate) {
    this.table = table;
    this.runDate = runDate;
    this.required = rules.requiredColumns(table.name());
    this.defaults = rules.defaults(table.name());
    this.enums = rules.enumerations(table.name());
    this.patterns = rules.patterns(table.name());
    this.ranges = rules.ranges(table.name());
    this.futureDays = rules.futureTimestampDays(table.name());
    this.futureLimit = futureLimit(runDate, futureDays);
  }

  /**
   * First instant that is "more than N days after the run's date". The run's date is a whole UTC
   * day, so it ends at runDate+1 00:00Z; N days after that end is the limit, exclusive. With
   * N = 1 and run date 2024-01-01, 2024-01-02T23:59:59.999999Z is valid and 2024-01-03T00:00Z is not.
   */
  public static Instant futureLimit(LocalDate runDate, int days) {
    return runDate.plusDays(1L + days).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private boolean isLineage(String column) {
    return SilverTables.LINEAGE.stream().anyMatch(c -> c.name().equals(column));
  }

  public Outcome validate(BronzeRecord r) {
    if (r.hasError()) {
      return fail(r.errorRule(), r.errorMessage());
    }
    Map<String, String> raw = new HashMap<>();
    for (Column c : table.columns()) {
      if (isLineage(c.name())) {
        continue;
      }
      String v = r.field(c.name());
      v = v == null || v.isBlank() ? null : v.trim();
      raw.put(c.name(), v);
    }
    for (String col : required) {
      if (raw.get(col) == null) {
        return fail(RuleCodes.REQUIRED_MISSING, col + ": required but empty");
      }
    }
    defaults.forEach((col, d) -> {
      if (raw.get(col) == null) {
        raw.put(col, d);
      }
    });
    Map<String, Object> typed = new HashMap<>();
    for (Column c : table.columns()) {
      if (isLineage(c.name())) {
        continue;
      }
      String v = raw.get(c.name());
      if (v == null) {
        if (c.required()) {
          // Required in silver but neither required in bronze nor defaulted: a config gap, reported as such.
          return fail(RuleCodes.REQUIRED_MISSING, c.name() + ": required but empty");
        }
        typed.put(c.name(), null);
        continue;
      }
      if (enums.containsKey(c.name())) {
        typed.put(c.name(), v); // checked as a domain below
        continue;
      }
      Object parsed = parse(c.type(), v);
      if (parsed == null) {
        return fail(RuleCodes.INVALID_TYPE, c.name() + ": '" + v + "' " + typeProblem(c.type(), v));
      }
      typed.put(c.name(), parsed);
    }
    for (Map.Entry<String, Set<String>> e : enums.entrySet()) {
      String v = (String) typed.get(e.getKey());
      if (v == null) {
        continue;
      }
      String lower = v.toLowerCase(Locale.ROOT);
      if (!e.getValue().contains(lower)) {
        return fail(RuleCodes.INVALID_ENUM, e.getKey() + ": '" + v + "' is not one of " + String.join(", ", e.getValue()));
      }
      typed.put(e.getKey(), lower);
    }
    for (QualityRules.PatternRule p : patterns) {
      String v = (String) typed.get(p.column());
      if (v == null) {
        continue;
      }
      String norm = p.upperCase() ? v.toUpperCase(Locale.ROOT) : v;
      if (!Pattern.matches(p.regex(), norm)) {
        return fail(RuleCodes.INVALID_ENUM, p.column() + ": '" + v + "' does not match " + p.regex());
      }
      typed.put(p.column(), norm);
    }
    for (QualityRules.Range range : ranges) {
      Object v = typed.get(range.column());
      if (v == null) {
        continue;
      }
      BigDecimal x = number(v);
      if (range.min() != null && x.compareTo(range.min()) < 0) {
        return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " is below the minimum " + range.min());
      }
      if (range.max() != null && x.compareTo(range.max()) > 0) {
        return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " is above the maximum " + range.max());
      }
      if (range.maxProductOf().size() == 2) {
        Object a = typed.get(range.maxProductOf().get(0));
        Object b = typed.get(range.maxProductOf().get(1));
        if (a != null && b != null) {
          BigDecimal limit = number(a).multiply(number(b));
          if (x.compareTo(limit) > 0) {
            return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " exceeds "
                + String.join(" × ", range.maxProductOf()) + " = " + limit.setScale(2, java.math.RoundingMode.UNNECESSARY));
          }
        }
      }
    }
    for (Column c : table.columns()) {
      if (c.type() == ColumnType.TIMESTAMP && typed.get(c.name()) instanceof Instant ts && !ts.isBefore(futureLimit)) {
        return fail(RuleCodes.FUTURE_TIMESTAMP, c.name() + ": " + ts + " is more than " + futureDays + " day"
            + (futureDays == 1 ? "" : "s") + " after the run date " + runDate + " (must be before " + futureLimit + ")");
      }
    }
    Table.RowBuilder row = table.row();
    for (Column c : table.columns()) {
      switch (c.name()) {
        case "source_file" -> row.addValue(r.sourceFile());
        case "source_line" -> row.addValue(r.line());
        case "ingest_date" -> row.addValue(r.ingestDate());
        default -> row.addValue(typed.get(c.name()));
      }
    }
    return new Outcome(row.build(), null, null);
  }

  private static Outcome fail(String rule, String message) {
    return new Outcome(null, rule, message);
  }

  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    return new BigDecimal(v.toString());
  }

  /** The typed value, or null when {@code v} does not fit the type. */
  static Object parse(ColumnType type, String v) {
    try {
      return switch (type) {
        case STRING -> v;
        case INT -> INTEGER.matcher(v).matches() ? Integer.valueOf(v) : null;
        case LONG -> INTEGER.matcher(v).matches() ? Long.valueOf(v) : null;
        case BOOLEAN -> v.equalsIgnoreCase("true") ? Boolean.TRUE : v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        case MONEY -> MONEY.matcher(v).matches() ? new BigDecimal(v).setScale(2) : null;
        case RATE -> ANY_DECIMAL.matcher(v).matches() ? new BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_UP) : null;
        case TIMESTAMP -> parseTimestamp(v);
        case DATE -> LocalDate.parse(v);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  /** ISO-8601 with or without offset (none means UTC), 'T' or a space between date and time. */
  public static Instant parseTimestamp(String v) {
    String t = v.trim();
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
  }

  private static String typeProblem(ColumnType type, String v) {
    return switch (type) {
      case INT, LONG -> "is not an integer";
      case BOOLEAN -> "is not true or false";
      case MONEY -> ANY_DECIMAL.matcher(v).matches() ? "is not a decimal with at most 2 places" : "is not a decimal number";
      case RATE -> "is not a decimal number";
      case TIMESTAMP -> "is not an ISO-8601 timestamp";
      case DATE -> "is not an ISO-8601 date";
      default -> "has the wrong type";
    };
  }
}
