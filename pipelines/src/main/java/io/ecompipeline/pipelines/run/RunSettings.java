package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.RunnerKind;
import io.ecompipeline.pipelines.s3.S3Settings;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run needs to know beyond its date.
 *
 * @param parallelism slots (cores) of the runner; {@link #AUTO} lets a local run choose per date, 0
 *     takes the cluster's default
 * @param warehouseUrl JDBC URL to load, or null to stop after gold
 * @param rulesFile quality rules replacing the defaults, or null
 * @param master where the runner runs: null for the local default ({@code [local]} for Flink,
 *     {@code local[parallelism]} for Spark), else a Flink master ({@code [auto]} under {@code flink
 *     run}, {@code host:port}) or a Spark master URL
 * @param s3 how to reach an {@code s3://} lake
 * @param fullLoad load every gold month into the warehouse, not only the months this run touched
 *     (for a new or rebuilt warehouse beside an existing lake)
 * @param silverOnly stop after silver: publish silver, quarantine and the quality report, leave
 *     gold and the warehouse as they are (the next full run finds gold out of step with silver and
 *     rebuilds it whole)
 */
public record RunSettings(
    String lake,
    RunnerKind runner,
    int parallelism,
    String warehouseUrl,
    String schema,
    Path rulesFile,
    int fiscalStartMonth,
    String master,
    S3Settings s3,
    boolean fullLoad,
    boolean silverOnly) {

  /** {@code parallelism} for a local run that picks its own per date (see {@link LocalParallelism}). */
  public static final int AUTO = -1;

  public RunSettings {
    if (s3 == null) {
      s3 = S3Settings.DEFAULTS;
    }
  }

  /** The gold tables this run builds and publishes: none when it stops at silver. */
  public List<Table> goldTables() {
    return silverOnly ? List.of() : GoldTables.ALL;
  }

  /** A local run with S3 settings from the environment. */
  public RunSettings(String lake, RunnerKind runner, int parallelism, String warehouseUrl, String schema, Path rulesFile,
      int fiscalStartMonth) {
    this(lake, runner, parallelism, warehouseUrl, schema, rulesFile, fiscalStartMonth, null,
        S3Settings.of(null, null, null, System.getenv()), false, false);
  }
}
