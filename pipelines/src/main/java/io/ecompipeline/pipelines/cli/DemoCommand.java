package io.ecompipeline.pipelines.cli;

import io.ecompipeline.pipelines.generate.Generator;
import io.ecompipeline.pipelines.generate.GeneratorConfig;
import io.ecompipeline.pipelines.run.Backfill;
import io.ecompipeline.pipelines.run.KpiSummary;
import io.ecompipeline.pipelines.run.RunSettings;
import io.ecompipeline.transforms.io.LakeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import io.ecompipeline.pipelines.dashboard.Dashboard;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ecom demo}: sample data through every stage into the embedded warehouse, then the KPIs. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a month of sample data, run every day into an embedded DuckDB warehouse, print the KPIs.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", defaultValue = "demo", description = "Folder for the demo lake and warehouse; recreated (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--start", defaultValue = "2025-01-01", description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--days", defaultValue = "30", description = "Days of data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--scale", defaultValue = "0.02",
      description = "Volume; 1 is about 10,000 orders a day (default: ${DEFAULT-VALUE}, ~200 orders a day, a month in under 3 minutes).")
  double scale;

  @Option(names = "--dirty-rate", defaultValue = "0.01", description = "Share of defective records (default: ${DEFAULT-VALUE}).")
  double dirtyRate;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--runner", defaultValue = "flink", description = "direct, flink or spark (default: ${DEFAULT-VALUE}).")
  RunnerKind runner;

  @Override
  public Integer call() throws IOException {
    if (days < 1 || scale <= 0 || dirtyRate < 0 || dirtyRate > 1) {
      throw new ParameterException(spec.commandLine(), "--days must be ≥ 1, --scale > 0 and --dirty-rate within 0..1");
    }
    PrintWriter out = spec.commandLine().getOut();
    long began = System.nanoTime();
    Path lake = dir.resolve("lake").toAbsolutePath();
    Path warehouseFile = dir.resolve("ecom.duckdb").toAbsolutePath();
    LakeFiles.deleteTree(lake.toString());
    Files.deleteIfExists(warehouseFile);
    Files.deleteIfExists(Path.of(warehouseFile + ".wal"));

    out.printf("1/3 Generating %d days of sample data (scale %s, %.1f%% dirty) into %s%n", days, scale, dirtyRate * 100, lake);
    out.flush();
    new Generator().generate(new GeneratorConfig(lake, start, days, scale, seed, dirtyRate));

    String warehouse = "jdbc:duckdb:" + warehouseFile;
    out.printf("2/3 Running %s .. %s through bronze -> silver -> gold -> warehouse on %s%n", start, start.plusDays(days - 1), runner);
    out.flush();
    RunSettings settings = new RunSettings(lake.toString(), runner, RunSettings.AUTO, warehouse, "analytics", null, 2);
    Backfill.run(settings, start, start.plusDays(days - 1), out);

    out.println("3/3 Results");
    KpiSummary.print(warehouse, "analytics", out);
    Path lastQuality = lake.resolve("_runs").resolve(start.plusDays(days - 1).toString()).resolve("quality.json");
    Path dashboard = dir.resolve("dashboard.html").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(warehouse)) {
      Optional<String> quality = Files.exists(lastQuality) ? Optional.of(Files.readString(lastQuality)) : Optional.empty();
      Files.writeString(dashboard, Dashboard.render(c, "analytics", quality));
    } catch (SQLException e) {
      throw new EcomException(EcomException.EXIT_FAILED, "could not write the dashboard from " + warehouse + ": " + e.getMessage(), e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    out.printf("%nDone in %d s.%n", took.toSeconds());
    out.printf("  lake:            %s%n", lake);
    out.printf("  warehouse:       %s  (try: duckdb %s \"select * from analytics.daily_kpis order by date_key\")%n", warehouseFile, warehouseFile);
    out.printf("  dashboard:       %s  (open it in a browser)%n", dashboard);
    out.printf("  quality reports: %s/_runs/<date>/quality.html%n", lake);
    out.println("Next: bin/ecom run --lake " + lake + " --date " + start.plusDays(days - 1) + "   (re-run a day: nothing changes)");
    out.flush();
    return 0;
  }
}
