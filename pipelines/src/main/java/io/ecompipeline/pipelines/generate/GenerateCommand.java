package io.ecompipeline.pipelines.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ecom generate}: writes a synthetic bronze layer into the lake. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generates synthetic e-commerce source data (customers, products, orders, order lines, payments,"
        + " reviews, clickstream) into <lake>/bronze/<entity>/ingest_date=YYYY-MM-DD/, optionally with defects.")
public final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--lake", required = true, paramLabel = "DIR", description = "Lake root folder.")
  Path lake;

  @Option(names = "--start", required = true, paramLabel = "YYYY-MM-DD", description = "First ingest date.")
  String start;

  @Option(names = "--days", defaultValue = "1", paramLabel = "N", description = "Number of days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--scale", defaultValue = "1", paramLabel = "S",
      description = "Volume: 1 = about 10,000 orders a day; fractions allowed (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dirty-rate", defaultValue = "0", paramLabel = "R",
      description = "Share of records with an injected defect, 0..1 (default: ${DEFAULT-VALUE}).")
  double dirtyRate;

  /** Checks the options and builds the config; every problem says what to type instead. */
  GeneratorConfig config() {
    if (lake.toString().startsWith("s3:")) {
      throw param("--lake " + lake + ": the generator writes to a local folder; type a folder such as --lake ./lake"
          + " and copy it up afterwards (aws s3 sync ./lake/bronze s3://bucket/prefix/bronze)");
    }
    LocalDate startDate;
    try {
      startDate = LocalDate.parse(start);
    } catch (DateTimeParseException | NullPointerException e) {
      throw param("--start '" + start + "' is not a date; type it as YYYY-MM-DD, e.g. --start 2025-01-01");
    }
    if (days < 1) {
      throw param("--days must be at least 1, got " + days + "; type e.g. --days 7");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw param("--scale must be greater than 0, got " + scale + "; type e.g. --scale 1 or --scale 0.05");
    }
    if (!(dirtyRate >= 0 && dirtyRate <= 1)) {
      throw param("--dirty-rate must be between 0 and 1, got " + dirtyRate + "; type e.g. --dirty-rate 0.02");
    }
    return new GeneratorConfig(lake, startDate, days, scale, seed, dirtyRate);
  }

  private ParameterException param(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public Integer call() {
    GeneratorConfig cfg = config();
    GenerationSummary s = new Generator().generate(cfg);
    PrintWriter out = spec.commandLine().getOut();
    double secs = s.elapsedNanos() / 1e9;
    out.printf("Generated %d day(s) from %s into %s (scale %s, seed %d, dirty rate %s)%n", cfg.days(), cfg.start(),
        cfg.lake().resolve("bronze"), cfg.scale(), cfg.seed(), cfg.dirtyRate());
    for (Map.Entry<String, Long> e : s.rows().entrySet()) {
      out.printf("  %-12s %,12d rows%n", e.getKey(), e.getValue());
    }
    if (cfg.dirtyRate() > 0) {
      out.printf("Defects injected (%,d to be quarantined):%n", s.quarantinable());
      for (Map.Entry<String, Long> e : s.defects().entrySet()) {
        out.printf("  %-20s %,10d%n", e.getKey(), e.getValue());
      }
    }
    out.printf("%d files in %.2f s, %,.0f order lines/s%n", s.files().size(), secs,
        secs > 0 ? s.orderLines() / secs : 0.0);
    out.flush();
    return 0;
  }
}
