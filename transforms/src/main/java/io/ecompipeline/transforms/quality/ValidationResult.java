package io.ecompipeline.transforms.quality;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** What validation gives: typed silver rows and the quarantined records. */
public final class ValidationResult implements POutput {
  private static final TupleTag<Row> VALID = new TupleTag<>() {};
  static final TupleTag<QuarantineRecord> QUARANTINED = new TupleTag<>() {};

  private final PCollection<Row> valid;
  private final PCollection<QuarantineRecord> quarantined;

  ValidationResult(PCollection<Row> valid, PCollection<QuarantineRecord> quarantined) {
    this.valid = valid;
    this.quarantined = quarantined;
  }

  /** Valid rows in the entity's silver schema, lineage filled. */
  public PCollection<Row> valid() {
    return valid;
  }

  public PCollection<QuarantineRecord> quarantined() {
    return quarantined;
  }

  @Override
  public Pipeline getPipeline() {
    return valid.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(VALID, valid, QUARANTINED, quarantined);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, org.apache.beam.sdk.values.PInput input, PTransform<?, ?> transform) {}
}
