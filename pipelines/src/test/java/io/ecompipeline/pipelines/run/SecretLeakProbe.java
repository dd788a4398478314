package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.cli.RunnerKind;
import io.ecompipeline.pipelines.ops.OpsSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * Run in a child JVM by {@link SecretsNotLoggedTest} (so the password can be in its environment):
 * the load stage against a warehouse that refuses connections, with retries, alert text, manifest,
 * lineage and metrics, and the error printed the way {@code --verbose} prints it.
 */
public final class SecretLeakProbe {
  public static void main(String[] args) throws Exception {
    String lake = args[0];
    String url = args[1];
    LocalDate date = LocalDate.parse("2025-01-03");
    RunSettings settings = new RunSettings(lake, RunnerKind.direct, 1, url, "analytics", null, 2);
    RunManifest manifest = new RunManifest(lake, date.toString(), date, settings);
    OpsSettings ops = OpsSettings.defaults().withRetries(3, Duration.ofMillis(10))
        .withNotifier(alert -> System.out.println("ALERT " + alert.text()));
    StageRunner stages = new StageRunner(lake, date.toString(), ops, manifest, StageDatasets.of(settings, date.toString()));
    try {
      stages.run("load", () -> WarehouseStage.load(settings, date.toString(), Map.of(), manifest));
      System.out.println("UNEXPECTED: the load succeeded");
    } catch (EcomException e) {
      System.err.println("ecom run: " + e.getMessage());
      e.printStackTrace();
      stages.finish(false, e.getMessage());
      manifest.finish("failed", String.valueOf(e));
      System.out.println("EXIT " + e.exitCode());
    }
  }
}
