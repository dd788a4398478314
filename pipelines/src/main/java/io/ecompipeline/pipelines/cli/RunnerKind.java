package io.ecompipeline.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** The Beam runners the pipeline runs on locally, with the defaults each needs on a laptop. */
public enum RunnerKind {
  direct("DirectRunner"),
  flink("FlinkRunner"),
  spark("SparkRunner");

  private final String runnerName;

  RunnerKind(String runnerName) {
    this.runnerName = runnerName;
  }

  /** Pipeline options for this runner, local and using {@code parallelism} cores. */
  public PipelineOptions options(int parallelism) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runnerName);
    switch (this) {
      case direct -> args.add("--targetParallelism=" + parallelism);
      case flink -> {
        args.add("--flinkMaster=[local]");
        args.add("--parallelism=" + parallelism);
        // Pipelined exchanges deadlock on our diamond-shaped graph (one input feeding joins that meet again).
        args.add("--executionModeForBatch=BATCH_FORCED");
        args.add("--fasterCopy=true");
      }
      case spark -> args.add("--sparkMaster=local[" + parallelism + "]");
    }
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
    } catch (IllegalArgumentException e) {
      throw new EcomException(
          EcomException.EXIT_FAILED,
          "the " + name() + " runner is not in this build. Run through bin/ecom, which builds the jar of runners/"
              + name() + " on first use.",
          e);
    }
  }
}
