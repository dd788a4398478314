package io.ecompipeline.transforms.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One record read from a bronze file, untyped: its fields as raw strings plus the lineage that
 * lets quarantine and silver point back at the exact place it came from.
 */
@DefaultCoder(BronzeRecord.RecordCoder.class)
public final class BronzeRecord implements Serializable {
  private final String entity;
  private final SortedMap<String, String> fields;
  private final String rawText;
  private final String sourceFile;
  private final long line;
  private final LocalDate ingestDate;
  private final String errorRule;
  private final String errorMessage;

  private BronzeRecord(
      String entity,
      Map<String, String> fields,
      String rawText,
      String sourceFile,
      long line,
      LocalDate ingestDate,
      String errorRule,
      String errorMessage) {
    this.entity = Objects.requireNonNull(entity);
    TreeMap<String, String> copy = new TreeMap<>();
    fields.forEach((k, v) -> copy.put(k.toLowerCase(java.util.Locale.ROOT), v == null || v.isEmpty() ? null : v));
    this.fields = Collections.unmodifiableSortedMap(copy);
    this.rawText = Objects.requireNonNull(rawText);
    this.sourceFile = Objects.requireNonNull(sourceFile);
    this.line = line;
    this.ingestDate = Objects.requireNonNull(ingestDate);
    this.errorRule = errorRule;
    this.errorMessage = errorMessage;
  }

  /** A parsed record; field names are lower-cased and empty values become null. */
  public static BronzeRecord of(
      String entity, Map<String, String> fields, String rawText, String sourceFile, long line, LocalDate ingestDate) {
    return new BronzeRecord(entity, fields, rawText, sourceFile, line, ingestDate, null, null);
  }

  /** A record that is already known to be bad (e.g. {@code malformed_record}, {@code missing_column}). */
  public static BronzeRecord failed(
      String entity, String rawText, String sourceFile, long line, LocalDate ingestDate, String rule, String message) {
    return new BronzeRecord(
        entity, Map.of(), rawText, sourceFile, line, ingestDate, Objects.requireNonNull(rule), Objects.requireNonNull(message));
  }

  public String entity() {
    return entity;
  }

  /** Lower-cased field name to raw value; null when the value was empty or JSON null. */
  public Map<String, String> fields() {
    return fields;
  }

  public String field(String name) {
    return fields.get(name);
  }

  public String rawText() {
    return rawText;
  }

  public String sourceFile() {
    return sourceFile;
  }

  /** 1-based physical line where the record starts (the CSV header is line 1). */
  public long line() {
    return line;
  }

  public LocalDate ingestDate() {
    return ingestDate;
  }

  public boolean hasError() {
    return errorRule != null;
  }

  public String errorRule() {
    return errorRule;
  }

  public String errorMessage() {
    return errorMessage;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BronzeRecord r)) {
      return false;
    }
    return entity.equals(r.entity)
        && fields.equals(r.fields)
        && rawText.equals(r.rawText)
        && sourceFile.equals(r.sourceFile)
        && line == r.line
        && ingestDate.equals(r.ingestDate)
        && Objects.equals(errorRule, r.errorRule)
        && Objects.equals(errorMessage, r.errorMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, fields, sourceFile, line, ingestDate);
  }

  @Override
  public String toString() {
    return entity + "@" + sourceFile + ":" + line + (hasError() ? " [" + errorRule + ": " + errorMessage + "] " : " ") + fields;
  }

  /** Deterministic coder: fields are written in sorted key order. */
  public static final class RecordCoder extends AtomicCoder<BronzeRecord> {
    private static final RecordCoder INSTANCE = new RecordCoder();
    private static final StringUtf8Coder STR = StringUtf8Coder.of();
    private static final NullableCoder<String> NSTR = NullableCoder.of(StringUtf8Coder.of());

    public static RecordCoder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder, so callers need not set it. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(BronzeRecord.class), INSTANCE);
    }

    @Override
    public void encode(BronzeRecord r, OutputStream out) throws IOException {
      STR.encode(r.entity, out);
      VarIntCoder.of().encode(r.fields.size(), out);
      for (Map.Entry<String, String> e : r.fields.entrySet()) {
        STR.encode(e.getKey(), out);
        NSTR.encode(e.getValue(), out);
      }
      STR.encode(r.rawText, out);
      STR.encode(r.sourceFile, out);
      VarLongCoder.of().encode(r.line, out);
      VarLongCoder.of().encode(r.ingestDate.toEpochDay(), out);
      NSTR.encode(r.errorRule, out);
      NSTR.encode(r.errorMessage, out);
    }

    @Override
    public BronzeRecord decode(InputStream in) throws IOException {
      String entity = STR.decode(in);
      int n = VarIntCoder.of().decode(in);
      Map<String, String> fields = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String k = STR.decode(in);
        fields.put(k, NSTR.decode(in));
      }
      String raw = STR.decode(in);
      String file = STR.decode(in);
      long line = VarLongCoder.of().decode(in);
      LocalDate date = LocalDate.ofEpochDay(VarLongCoder.of().decode(in));
      String rule = NSTR.decode(in);
      String message = NSTR.decode(in);
      return new BronzeRecord(entity, fields, raw, file, line, date, rule, message);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
