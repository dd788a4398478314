package io.ecompipeline.transforms.util;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The result of a composite transform that gives several collections by name: what Beam's
 * {@link POutput} asks of such a result, written once.
 */
public abstract class NamedOutputs implements POutput {
  private final Pipeline pipeline;

  protected NamedOutputs(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Every output by name, in a stable order. */
  protected abstract Map<String, PValue> outputs();

  @Override
  public final Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public final Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> all = new LinkedHashMap<>();
    outputs().forEach((name, value) -> all.put(new TupleTag<>(name), value));
    return all;
  }

  @Override
  public final void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
