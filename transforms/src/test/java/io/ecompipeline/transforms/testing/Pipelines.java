package io.ecompipeline.transforms.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Direct-runner pipelines for JUnit 5 tests (Beam's TestPipeline is a JUnit 4 rule). */
public final class Pipelines {
  private Pipelines() {}

  public static Pipeline create() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  public static <T> List<T> list(Iterable<T> it) {
    List<T> out = new ArrayList<>();
    it.forEach(out::add);
    return out;
  }
}
