package io.ecompipeline.transforms.quality;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** What validation gives: typed silver rows and the quarantined records. */
public final class ValidationResult implements POutput {
  static final TupleTag<Row> VALID = new TupleTag<>() {};
  static final TupleTag<QuarantineRecord> QUARANTINED = new TupleTag<>() {};

  private final PCollectionTuple tuple;

  ValidationResult(PCollectionTuple tuple) {
    this.tuple = tuple;
  }

  /** Valid rows in the entity's silver schema, lineage filled. */
  public PCollection<Row> valid() {
    return tuple.get(VALID);
  }

  public PCollection<QuarantineRecord> quarantined() {
    return tuple.get(QUARANTINED);
  }

  @Override
  public Pipeline getPipeline() {
    return tuple.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return tuple.expand();
  }

  @Override
  public void finishSpecifyingOutput(String transformName, org.apache.beam.sdk.values.PInput input, PTransform<?, ?> transform) {}
}
