package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.DecodeRows;
import io.ecompipeline.transforms.util.InMemoryBytes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Validates an entity's bronze records with the configured rules (contract §3): each record
 * becomes a typed silver row or a quarantine record naming the first rule it breaks; nothing is
 * dropped, so {@code read = valid + quarantined}.
 */
public final class ValidateRecords extends PTransform<PCollection<BronzeRecord>, ValidationResult> {
  private final Table entity;
  private final QualityRules rules;
  private final LocalDate runDate;

  private ValidateRecords(Table entity, QualityRules rules, LocalDate runDate) {
    super("Validate " + entity.name());
    this.entity = entity;
    this.rules = rules;
    this.runDate = runDate;
  }

  public static ValidateRecords of(Table entity, QualityRules rules, LocalDate runDate) {
    return new ValidateRecords(entity, rules, runDate);
  }

  @Override
  public ValidationResult expand(PCollection<BronzeRecord> records) {
    // Valid rows leave the rules encoded (see DecodeRows): the quarantine's filter would otherwise
    // decode every valid row to drop it.
    Coder<Row> rowCoder = entity.rowCoder();
    PCollectionTuple out = records.apply("Apply quality rules",
        ParDo.of(new ApplyRules(new RecordValidator(entity, rules, runDate), entity.name(),
                rules.freshness(entity.name()).map(QualityRules.Freshness::column).orElse(null), rowCoder))
            .withOutputTags(ApplyRules.VALID_ENCODED, TupleTagList.of(ValidationResult.QUARANTINED)));
    PCollection<Row> valid = out.get(ApplyRules.VALID_ENCODED).setCoder(ByteArrayCoder.of())
        .apply("Decode valid rows", ParDo.of(new DecodeRows(rowCoder)))
        .setCoder(entity.rowCoder());
    return new ValidationResult(valid, out.get(ValidationResult.QUARANTINED).setCoder(QuarantineRecord.RecordCoder.of()));
  }

  static final class ApplyRules extends DoFn<BronzeRecord, byte[]> {
    static final TupleTag<byte[]> VALID_ENCODED = new TupleTag<>() {};

    private final RecordValidator validator;
    private final String entity;
    private final Counter read;
    private final Counter quarantined;
    private final String freshnessColumn;
    private final Distribution newest;
    private final Coder<Row> rowCoder;
    private transient Map<String, Counter> byRule;
    private transient InMemoryBytes.Output buffer;

    /** {@code freshnessColumn}: the timestamp whose newest valid value the quality report needs, or null. */
    ApplyRules(RecordValidator validator, String entity, String freshnessColumn, Coder<Row> rowCoder) {
      this.validator = validator;
      this.rowCoder = rowCoder;
      this.entity = entity;
      this.read = SilverCounters.counter(SilverCounters.read(entity));
      this.quarantined = SilverCounters.counter(SilverCounters.quarantined(entity));
      this.freshnessColumn = freshnessColumn;
      this.newest = SilverCounters.distribution(SilverCounters.newest(entity));
    }

    @ProcessElement
    public void process(@Element BronzeRecord record, MultiOutputReceiver out) {
      if (byRule == null) {
        byRule = new HashMap<>();
        buffer = new InMemoryBytes.Output(1 << 10);
      }
      read.inc();
      RecordValidator.Outcome o = validator.validate(record);
      if (o.isValid()) {
        Instant fresh = freshnessColumn == null ? null : o.row().getValue(freshnessColumn);
        if (fresh != null) {
          newest.update(Table.epochMicros(fresh));
        }
        out.get(VALID_ENCODED).output(InMemoryBytes.encode(rowCoder, o.row(), buffer));
      } else {
        quarantined.inc();
        byRule.computeIfAbsent(o.rule(), r -> SilverCounters.counter(SilverCounters.quarantined(entity, r))).inc();
        out.get(ValidationResult.QUARANTINED).output(QuarantineRecord.of(record, o.rule(), o.message()));
      }
    }
  }
}
