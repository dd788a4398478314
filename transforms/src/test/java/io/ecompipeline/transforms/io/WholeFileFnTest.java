package io.ecompipeline.transforms.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.reflect.DoFnSignatures;
import org.junit.jupiter.api.Test;

/** Readers are splittable only where that buys something (Spark's bounded SDF output), never on Flink's tiny days. */
class WholeFileFnTest {
  private static final WholeFileFn.Reader<String> NAMES = c -> c.output(c.element().getMetadata().resourceId().toString());

  private static boolean splittable(DoFn<FileIO.ReadableFile, String> fn) {
    return DoFnSignatures.signatureForDoFn(fn).processElement().isSplittable();
  }

  @Test
  void plainWithoutTheExperimentSplittableWithIt() {
    assertFalse(splittable(WholeFileFn.of(NAMES, PipelineOptionsFactory.create())));
    assertTrue(splittable(WholeFileFn.of(NAMES,
        PipelineOptionsFactory.fromArgs("--experiments=" + WholeFileFn.BOUNDED_SDF_OUTPUT).create())));
  }
}
