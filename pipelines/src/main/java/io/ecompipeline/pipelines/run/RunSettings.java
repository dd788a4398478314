package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.RunnerKind;
import java.nio.file.Path;

/**
 * What a run needs to know beyond its date.
 *
 * @param warehouseUrl JDBC URL to load, or null to stop after gold
 * @param rulesFile quality rules replacing the defaults, or null
 */
public record RunSettings(
    String lake,
    RunnerKind runner,
    int parallelism,
    String warehouseUrl,
    String schema,
    Path rulesFile,
    int fiscalStartMonth) {}
