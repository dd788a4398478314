package io.ecompipeline.transforms.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.transforms.ingest.BronzeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A rejected bronze record as written to quarantine (contract §1): the raw text, where it came from, and why. */
@DefaultCoder(QuarantineRecord.RecordCoder.class)
public final class QuarantineRecord implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String entity;
  private final String rawRecord;
  private final String sourceFile;
  private final long line;
  private final LocalDate ingestDate;
  private final String rule;
  private final String message;

  public QuarantineRecord(
      String entity, String rawRecord, String sourceFile, long line, LocalDate ingestDate, String rule, String message) {
    this.entity = Objects.requireNonNull(entity);
    this.rawRecord = Objects.requireNonNull(rawRecord);
    this.sourceFile = Objects.requireNonNull(sourceFile);
    this.line = line;
    this.ingestDate = Objects.requireNonNull(ingestDate);
    this.rule = Objects.requireNonNull(rule);
    this.message = Objects.requireNonNull(message);
  }

  public static QuarantineRecord of(BronzeRecord r, String rule, String message) {
    return new QuarantineRecord(r.entity(), r.rawText(), r.sourceFile(), r.line(), r.ingestDate(), rule, message);
  }

  public String entity() {
    return entity;
  }

  public String rawRecord() {
    return rawRecord;
  }

  public String sourceFile() {
    return sourceFile;
  }

  public long line() {
    return line;
  }

  public LocalDate ingestDate() {
    return ingestDate;
  }

  public String rule() {
    return rule;
  }

  public String message() {
    return message;
  }

  /** One JSON line: entity, ingest_date, source_file, line, rule, message, raw_record. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("entity", entity);
    n.put("ingest_date", ingestDate.toString());
    n.put("source_file", sourceFile);
    n.put("line", line);
    n.put("rule", rule);
    n.put("message", message);
    n.put("raw_record", rawRecord);
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuarantineRecord q
        && entity.equals(q.entity) && rawRecord.equals(q.rawRecord) && sourceFile.equals(q.sourceFile)
        && line == q.line && ingestDate.equals(q.ingestDate) && rule.equals(q.rule) && message.equals(q.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, sourceFile, line, rule, message);
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Deterministic coder. */
  public static final class RecordCoder extends AtomicCoder<QuarantineRecord> {
    private static final RecordCoder INSTANCE = new RecordCoder();
    private static final StringUtf8Coder STR = StringUtf8Coder.of();

    public static RecordCoder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder, so callers need not set it. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(QuarantineRecord.class), INSTANCE);
    }

    @Override
    public void encode(QuarantineRecord q, OutputStream out) throws IOException {
      STR.encode(q.entity, out);
      STR.encode(q.rawRecord, out);
      STR.encode(q.sourceFile, out);
      VarLongCoder.of().encode(q.line, out);
      VarLongCoder.of().encode(q.ingestDate.toEpochDay(), out);
      STR.encode(q.rule, out);
      STR.encode(q.message, out);
    }

    @Override
    public QuarantineRecord decode(InputStream in) throws IOException {
      return new QuarantineRecord(STR.decode(in), STR.decode(in), STR.decode(in), VarLongCoder.of().decode(in),
          LocalDate.ofEpochDay(VarLongCoder.of().decode(in)), STR.decode(in), STR.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
