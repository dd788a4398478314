package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.ColumnType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private static final Pattern ANY_DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  /** Either a typed silver row or the first failing rule with its message. */
  public record Outcome(Row row, String rule, String message) {
    public boolean isValid() {
      return row != null;
    }
  }

  private final Table table;
  private final LocalDate runDate;
  private final int futureDays;
  private final Instant futureLimit;
  // The rules resolved to column positions once, so a record costs array look-ups, not map and
  // stream walks: the validator runs on every bronze record, and its compiled form stays small.
  private final String[] names;
  private final ColumnType[] types;
  private final boolean[] silverRequired;
  private final int[] lineageKind;
  private final int[] required;
  private final String[] defaults;
  private final boolean[] isEnum;
  private final int[] enumColumns;
  private final List<Set<String>> enumValues;
  private final int[] patternColumns;
  private final List<QualityRules.PatternRule> patterns;
  private final Pattern[] compiledPatterns;
  private final int[] rangeColumns;
  private final List<QualityRules.Range> ranges;
  private final int[][] rangeProducts;
  private final int[] timestampColumns;

  private static final int VALUE = 0;
  private static final int SOURCE_FILE = 1;
  private static final int SOURCE_LINE = 2;
  private static final int INGEST_DATE = 3;

  public RecordValidator(Table table, QualityRules rules, LocalDate runDate) {
    this.table = table;
    this.runDate = runDate;
    this.futureDays = rules.futureTimestampDays(table.name());
    this.futureLimit = futureLimit(runDate, futureDays);
    List<Column> columns = table.columns();
    int n = columns.size();
    names = new String[n];
    types = new ColumnType[n];
    silverRequired = new boolean[n];
    lineageKind = new int[n];
    isEnum = new boolean[n];
    defaults = new String[n];
    List<Integer> timestamps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Column c = columns.get(i);
      names[i] = c.name();
      types[i] = c.type();
      silverRequired[i] = c.required();
      lineageKind[i] = switch (c.name()) {
        case "source_file" -> SOURCE_FILE;
        case "source_line" -> SOURCE_LINE;
        case "ingest_date" -> INGEST_DATE;
        default -> VALUE;
      };
      if (c.type() == ColumnType.TIMESTAMP) {
        timestamps.add(i);
      }
    }
    this.timestampColumns = timestamps.stream().mapToInt(Integer::intValue).toArray();
    this.required = rules.requiredColumns(table.name()).stream().mapToInt(this::valueColumn).filter(i -> i >= 0).toArray();
    rules.defaults(table.name()).forEach((col, d) -> {
      int i = valueColumn(col);
      if (i >= 0) {
        defaults[i] = d;
      }
    });
    // Rules on columns the table lacks can never fail (their value is always empty): dropped here.
    List<Integer> enumCols = new ArrayList<>();
    this.enumValues = new ArrayList<>();
    rules.enumerations(table.name()).forEach((col, values) -> {
      int i = valueColumn(col);
      if (i >= 0) {
        isEnum[i] = true;
        enumCols.add(i);
        enumValues.add(values);
      }
    });
    this.enumColumns = enumCols.stream().mapToInt(Integer::intValue).toArray();
    this.patterns = rules.patterns(table.name()).stream().filter(p -> valueColumn(p.column()) >= 0).toList();
    this.patternColumns = patterns.stream().mapToInt(p -> valueColumn(p.column())).toArray();
    this.compiledPatterns = patterns.stream().map(p -> Pattern.compile(p.regex())).toArray(Pattern[]::new);
    this.ranges = rules.ranges(table.name()).stream().filter(r -> valueColumn(r.column()) >= 0).toList();
    this.rangeColumns = ranges.stream().mapToInt(r -> valueColumn(r.column())).toArray();
    this.rangeProducts = ranges.stream()
        .map(r -> r.maxProductOf().size() == 2
            ? new int[] {valueColumn(r.maxProductOf().get(0)), valueColumn(r.maxProductOf().get(1))}
            : null)
        .toArray(int[][]::new);
  }

  /** The position of a non-lineage column, or -1. */
  private int valueColumn(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name) && lineageKind[i] == VALUE) {
        return i;
      }
    }
    return -1;
  }

  /**
   * First instant that is "more than N days after the run's date". The run's date is a whole UTC
   * day, so it ends at runDate+1 00:00Z; N days after that end is the limit, exclusive. With
   * N = 1 and run date 2024-01-01, 2024-01-02T23:59:59.999999Z is valid and 2024-01-03T00:00Z is not.
   */
  public static Instant futureLimit(LocalDate runDate, int days) {
    return runDate.plusDays(1L + days).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Checks the rules in their fixed order. Each step is its own small method: the validator runs
   * on every bronze record, and as one method with five loops C2 compiled it (47 KB of code, 2.5 s
   * each on a slow host) once normally and three times more on stack replacement, one per loop it
   * found hot while the first compile was still queued.
   */
  public Outcome validate(BronzeRecord r) {
    if (r.hasError()) {
      return fail(r.errorRule(), r.errorMessage());
    }
    String[] raw = rawValues(r);
    Outcome failed = firstRequiredMissing(raw);
    if (failed != null) {
      return failed;
    }
    Object[] typed = new Object[names.length];
    failed = typeValues(raw, typed);
    if (failed == null) {
      failed = checkEnumerations(typed);
    }
    if (failed == null) {
      failed = checkPatterns(typed);
    }
    if (failed == null) {
      failed = checkRanges(typed);
    }
    if (failed == null) {
      failed = checkFuture(typed);
    }
    return failed != null ? failed : new Outcome(silverRow(r, typed), null, null);
  }

  /** The trimmed value of each non-lineage column; blank is null. */
  private String[] rawValues(BronzeRecord r) {
    String[] raw = new String[names.length];
    for (int i = 0; i < raw.length; i++) {
      if (lineageKind[i] == VALUE) {
        String v = r.field(names[i]);
        raw[i] = v == null || v.isBlank() ? null : v.trim();
      }
    }
    return raw;
  }

  private Outcome firstRequiredMissing(String[] raw) {
    for (int i : required) {
      if (raw[i] == null) {
        return requiredMissing(i);
      }
    }
    return null;
  }

  private Outcome requiredMissing(int i) {
    return fail(RuleCodes.REQUIRED_MISSING, names[i] + ": required but empty");
  }

  /** Fills {@code typed} with each value (or its default) typed; enumerations stay text for their check. */
  private Outcome typeValues(String[] raw, Object[] typed) {
    for (int i = 0; i < raw.length; i++) {
      if (lineageKind[i] != VALUE) {
        continue;
      }
      String v = raw[i] != null ? raw[i] : defaults[i];
      if (v == null) {
        if (silverRequired[i]) {
          // Required in silver but neither required in bronze nor defaulted: a config gap, reported as such.
          return requiredMissing(i);
        }
        continue;
      }
      if (isEnum[i]) {
        typed[i] = v; // checked as a domain below
        continue;
      }
      Object parsed = parse(types[i], v);
      if (parsed == null) {
        return invalidType(i, v);
      }
      typed[i] = parsed;
    }
    return null;
  }

  private Outcome invalidType(int i, String v) {
    return fail(RuleCodes.INVALID_TYPE, names[i] + ": '" + v + "' " + typeProblem(types[i], v));
  }

  private Outcome checkEnumerations(Object[] typed) {
    for (int e = 0; e < enumColumns.length; e++) {
      int i = enumColumns[e];
      String v = (String) typed[i];
      if (v == null) {
        continue;
      }
      String lower = v.toLowerCase(Locale.ROOT);
      if (!enumValues.get(e).contains(lower)) {
        return invalidEnum(e, v);
      }
      typed[i] = lower;
    }
    return null;
  }

  private Outcome invalidEnum(int e, String v) {
    return fail(RuleCodes.INVALID_ENUM, names[enumColumns[e]] + ": '" + v + "' is not one of " + String.join(", ", enumValues.get(e)));
  }

  private Outcome checkPatterns(Object[] typed) {
    for (int k = 0; k < patternColumns.length; k++) {
      int i = patternColumns[k];
      String v = (String) typed[i];
      if (v == null) {
        continue;
      }
      QualityRules.PatternRule p = patterns.get(k);
      String norm = p.upperCase() ? v.toUpperCase(Locale.ROOT) : v;
      if (!compiledPatterns[k].matcher(norm).matches()) {
        return fail(RuleCodes.INVALID_ENUM, p.column() + ": '" + v + "' does not match " + p.regex());
      }
      typed[i] = norm;
    }
    return null;
  }

  private Outcome checkRanges(Object[] typed) {
    for (int k = 0; k < rangeColumns.length; k++) {
      Object v = typed[rangeColumns[k]];
      if (v != null) {
        Outcome failed = checkRange(k, v, typed);
        if (failed != null) {
          return failed;
        }
      }
    }
    return null;
  }

  private Outcome checkRange(int k, Object v, Object[] typed) {
    QualityRules.Range range = ranges.get(k);
    BigDecimal x = number(v);
    if (range.min() != null && x.compareTo(range.min()) < 0) {
      return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " is below the minimum " + range.min());
    }
    if (range.max() != null && x.compareTo(range.max()) > 0) {
      return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " is above the maximum " + range.max());
    }
    int[] product = rangeProducts[k];
    if (product != null && product[0] >= 0 && product[1] >= 0 && typed[product[0]] != null && typed[product[1]] != null) {
      BigDecimal limit = number(typed[product[0]]).multiply(number(typed[product[1]]));
      if (x.compareTo(limit) > 0) {
        return fail(RuleCodes.OUT_OF_RANGE, range.column() + ": " + v + " exceeds "
            + String.join(" × ", range.maxProductOf()) + " = " + limit.setScale(2, java.math.RoundingMode.UNNECESSARY));
      }
    }
    return null;
  }

  private Outcome checkFuture(Object[] typed) {
    for (int i : timestampColumns) {
      if (typed[i] instanceof Instant ts && !ts.isBefore(futureLimit)) {
        return fail(RuleCodes.FUTURE_TIMESTAMP, names[i] + ": " + ts + " is more than " + futureDays + " day"
            + (futureDays == 1 ? "" : "s") + " after the run date " + runDate + " (must be before " + futureLimit + ")");
      }
    }
    return null;
  }

  private Row silverRow(BronzeRecord r, Object[] typed) {
    Table.RowBuilder row = table.row();
    for (int i = 0; i < typed.length; i++) {
      switch (lineageKind[i]) {
        case SOURCE_FILE -> row.addValue(r.sourceFile());
        case SOURCE_LINE -> row.addValue(r.line());
        case INGEST_DATE -> row.addValue(r.ingestDate());
        default -> row.addValue(typed[i]);
      }
    }
    return row.build();
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
        case INT -> isInteger(v) ? Integer.valueOf(v) : null;
        case LONG -> isInteger(v) ? Long.valueOf(v) : null;
        case BOOLEAN -> v.equalsIgnoreCase("true") ? Boolean.TRUE : v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        case MONEY -> isMoney(v) ? new BigDecimal(v).setScale(2) : null;
        case RATE -> ANY_DECIMAL.matcher(v).matches() ? new BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_UP) : null;
        case TIMESTAMP -> parseTimestamp(v);
        case DATE -> LocalDate.parse(v);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  /** {@code [+-]?\d+}, ASCII digits, as the {@code INTEGER} pattern it replaces. */
  private static boolean isInteger(String v) {
    int i = v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-') ? 0 : 1;
    return digits(v, i, v.length()) == v.length() - i && v.length() > i;
  }

  /** {@code [+-]?\d{1,16}(\.\d{1,2})?}, as the {@code MONEY} pattern it replaces. */
  private static boolean isMoney(String v) {
    int i = v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-') ? 0 : 1;
    int whole = digits(v, i, v.length());
    if (whole < 1 || whole > 16) {
      return false;
    }
    int dot = i + whole;
    if (dot == v.length()) {
      return true;
    }
    int places = v.charAt(dot) == '.' ? digits(v, dot + 1, v.length()) : 0;
    return places >= 1 && places <= 2 && dot + 1 + places == v.length();
  }

  /** How many ASCII digits start at {@code from}. */
  private static int digits(String v, int from, int to) {
    int i = from;
    while (i < to && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** ISO-8601 with or without offset (none means UTC), 'T' or a space between date and time. */
  public static Instant parseTimestamp(String v) {
    String t = v.trim();
    Instant fast = parseCommonTimestamp(t);
    if (fast != null) {
      return fast;
    }
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
  }

  /**
   * The shape nearly every source sends, {@code yyyy-MM-dd[T ]HH:mm:ss[.f{1,9}][Z|±HH:MM]}, read
   * without {@code java.time}'s formatter (which allocates a field map and, for a value without
   * offset, throws once before the second attempt). Null for anything else or any field out of
   * range: the formatters then decide, so what is accepted and how it reads never changes.
   */
  static Instant parseCommonTimestamp(String t) {
    int n = t.length();
    if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = number(t, 0, 4);
    int month = number(t, 5, 2);
    int day = number(t, 8, 2);
    int hour = number(t, 11, 2);
    int minute = number(t, 14, 2);
    int second = number(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    int i = 19;
    long nanos = 0;
    if (i < n && t.charAt(i) == '.') {
      int places = digits(t, i + 1, n);
      if (places < 1 || places > 9) {
        return null;
      }
      nanos = number(t, i + 1, places);
      for (int k = places; k < 9; k++) {
        nanos *= 10;
      }
      i += 1 + places;
    }
    int offsetSeconds = 0;
    if (i < n) {
      char sign = t.charAt(i);
      if (sign == 'Z' && i + 1 == n) {
        i++;
      } else if ((sign == '+' || sign == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
        int oh = number(t, i + 1, 2);
        int om = number(t, i + 4, 2);
        if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
          return null;
        }
        offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        i += 6;
      } else {
        return null;
      }
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos - nanos % 1_000L);
  }

  /** The value of {@code len} ASCII digits at {@code from}, or -1. */
  private static int number(String t, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
