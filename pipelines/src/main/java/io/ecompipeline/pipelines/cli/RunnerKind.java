package io.ecompipeline.pipelines.cli;

import io.ecompipeline.transforms.io.WholeFileFn;
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

  /**
   * Whether this JVM was started by Flink's {@code flink run}: its client installs a context
   * execution environment before calling our main. Checked by reflection, as only the Flink jar
   * has Flink on the class path.
   */
  public static boolean insideFlinkCli() {
    try {
      Class<?> env = Class.forName("org.apache.flink.api.java.ExecutionEnvironment");
      Object current = env.getMethod("getExecutionEnvironment").invoke(null);
      return current.getClass().getName().contains("ContextEnvironment");
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** Pipeline options for this runner, local and using {@code parallelism} cores. */
  public PipelineOptions options(int parallelism) {
    return options(parallelism, null);
  }

  /**
   * Pipeline options for this runner. {@code master} null means local (an embedded Flink
   * mini-cluster, Spark {@code local[parallelism]}); otherwise the Flink master ({@code [auto]}
   * when submitted with {@code flink run}, so the job uses the cluster that command targets) or
   * the Spark master URL.
   */
  public PipelineOptions options(int parallelism, String master) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runnerName);
    switch (this) {
      case direct -> {
        args.add("--targetParallelism=" + Math.max(parallelism, 1));
        // The DirectRunner converts each transform to its proto on every bundle to decide whether
        // to enforce immutability/encodability, and each key is a bundle after a GroupByKey: that
        // check is most of its time on our graph. The transforms' unit tests (TestPipeline)
        // keep enforcing both; the CLI's direct runs do not.
        args.add("--enforceImmutability=false");
        args.add("--enforceEncodability=false");
      }
      case flink -> {
        // Under `flink run` (EMR), [auto] takes the cluster that command targets (e.g. a per-job
        // YARN cluster); [local] would quietly start a mini-cluster on the submitting node.
        boolean local = master == null && !insideFlinkCli();
        args.add("--flinkMaster=" + (master != null ? master : local ? "[local]" : "[auto]"));
        if (local) {
          args.add("--flinkConfDir=" + LocalFlinkConf.directory());
        }
        if (parallelism > 0) {
          args.add("--parallelism=" + parallelism);
        }
        // Pipelined exchanges deadlock on our diamond-shaped graph (one input feeding joins that meet again).
        args.add("--executionModeForBatch=BATCH_FORCED");
        args.add("--fasterCopy=true");
      }
      case spark -> {
        args.add("--sparkMaster=" + (master == null ? "local[" + Math.max(parallelism, 1) + "]" : master));
        // The runner caches every PCollection read twice. In memory only (its default), a scale-10 day
        // (1.7M rows of history) ran out of an 8 GiB heap; in memory with spill, a scale-100 day did
        // too, when Spark read a spilled multi-GiB partition back into one heap buffer. On disk (the
        // OS page cache, in practice), cached partitions are streamed back.
        args.add("--storageLevel=DISK_ONLY");
        // Without it the runner holds every output of one processElement call in memory: a whole
        // file's records for the readers, 10M at scale 100. It also makes the readers splittable.
        args.add("--experiments=" + WholeFileFn.BOUNDED_SDF_OUTPUT);
        // Beam's SparkContextFactory builds its SparkConf from spark.* system properties. The web UI
        // (a Jetty server per run) is of no use to a batch CLI and its store is not in the jar.
        sparkDefault("spark.ui.enabled", "false");
        sparkDefault("spark.ui.showConsoleProgress", "false");
        // Spark lets its shuffle sorts and aggregations hold up to this share of the heap before they
        // spill (0.6 by default), next to what our DoFns hold (side-input views, the writer's file):
        // at 0.6 a scale-100 day ran an 8 GiB heap out; at 0.3 it ran in 8 GiB (docs/BENCHMARKS.md).
        sparkDefault("spark.memory.fraction", "0.3");
      }
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

  /** Sets a spark.* system property (read by Beam's SparkContextFactory) unless the user set it. */
  private static void sparkDefault(String key, String value) {
    System.setProperty(key, System.getProperty(key, value));
  }
}
