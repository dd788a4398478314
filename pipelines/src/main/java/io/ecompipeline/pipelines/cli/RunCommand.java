package io.ecompipeline.pipelines.cli;

import io.ecompipeline.pipelines.ops.Notifiers;
import io.ecompipeline.pipelines.ops.OpsSettings;
import io.ecompipeline.pipelines.run.Backfill;
import io.ecompipeline.warehouse.ddl.Identifiers;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import io.ecompipeline.pipelines.run.RunSettings;
import io.ecompipeline.pipelines.s3.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ecom run}: one ingest date, or a range in date order, bronze to warehouse. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one ingest date (--date) or a backfill (--from/--to) through every stage.")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--lake", defaultValue = "lake", description = "Lake root: a folder or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--date", description = "The ingest date to run, YYYY-MM-DD.")
  String date;

  @Option(names = "--from", description = "First date of a backfill, YYYY-MM-DD.")
  String from;

  @Option(names = "--to", description = "Last date of a backfill (inclusive), YYYY-MM-DD.")
  String to;

  @Option(names = "--runner", defaultValue = "flink", description = "direct, flink or spark (default: ${DEFAULT-VALUE}; local embedded).")
  RunnerKind runner;

  @Option(names = "--parallelism",
      description = "Parallelism: cores of a local runner (default: 1 for a day under 8 MiB of bronze, else all cores); on a cluster (--master, or under 'flink run') the cluster's default unless given.")
  Integer parallelism;

  @Option(names = "--warehouse", defaultValue = "jdbc:duckdb:ecom.duckdb",
      description = "JDBC URL of the warehouse: jdbc:duckdb:FILE, jdbc:postgresql://… or jdbc:redshift://… (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--no-load", description = "Stop after gold: do not load the warehouse.")
  boolean noLoad;

  @Option(names = "--silver-only", description = "Stop after silver: publish silver, quarantine and the quality report;"
      + " gold and the warehouse are not touched (the next full run rebuilds gold whole).")
  boolean silverOnly;

  @Option(names = "--full-load", description = "Load every gold month, not only those this run touched"
      + " (for a new or rebuilt warehouse beside an existing lake).")
  boolean fullLoad;

  @Option(names = "--schema", defaultValue = "analytics", description = "Warehouse schema (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(names = "--config", description = "Quality rules file (JSON) replacing the built-in defaults.")
  Path config;

  @Option(names = "--master",
      description = "Where the runner runs (default: local). Flink: [auto] under 'flink run' (EMR), or host:port; Spark: a master URL.")
  String master;

  @Option(names = "--s3-region", description = "AWS region of an s3:// lake (default: $AWS_REGION, then the AWS SDK's region chain).")
  String s3Region;

  @Option(names = "--s3-endpoint",
      description = "S3 endpoint override, e.g. http://127.0.0.1:9000 for an S3-compatible store (default: $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else AWS). Credentials always come from the default AWS chain.")
  String s3Endpoint;

  @Option(names = "--s3-path-style", arity = "0..1", fallbackValue = "true",
      description = "Path-style bucket addressing, needed by most S3-compatible stores (default: $ECOM_S3_PATH_STYLE, else false).")
  Boolean s3PathStyle;

  @Option(names = "--fiscal-start-month", defaultValue = "2", description = "Month the fiscal year starts, 1-12 (default: ${DEFAULT-VALUE}, February).")
  int fiscalStartMonth;

  @Option(names = "--env", defaultValue = "dev",
      description = "dev or prod (default: ${DEFAULT-VALUE}). Outside prod, customer PII is hashed in silver and gold with ECOM_PII_SALT.")
  OpsSettings.DeployEnv env;

  @Option(names = "--sla-minutes", defaultValue = "120", description = "Whole-run SLA; a breach alerts but does not fail (default: ${DEFAULT-VALUE}).")
  long slaMinutes;

  @Option(names = "--stage-sla-minutes", description = "Per-stage SLA (default: the run SLA).")
  Long stageSlaMinutes;

  @Option(names = "--retry-backoff-ms", defaultValue = "1000",
      description = "Wait before the 2nd attempt of a stage after a transient failure; doubles after (default: ${DEFAULT-VALUE}).")
  long retryBackoffMs;

  @Option(names = "--alert-webhook", description = "Slack-compatible webhook URL for failure and SLA alerts (default: env ECOM_ALERT_WEBHOOK).")
  String alertWebhook;

  @Option(names = "--emf-stdout", description = "Also print the CloudWatch EMF metric lines to stdout.")
  boolean emfStdout;

  @Option(names = "--lineage-url", description = "OpenLineage HTTP endpoint to post run events to (they are always written to _runs/<run-id>/openlineage.jsonl).")
  URI lineageUrl;

  @Override
  public Integer call() {
    RunSettings settings = settings();
    LocalDate first;
    LocalDate last;
    if (date != null) {
      if (from != null || to != null) {
        throw usage("give either --date or --from/--to, not both");
      }
      first = parseDate("--date", date);
      last = first;
    } else if (from != null && to != null) {
      first = parseDate("--from", from);
      last = parseDate("--to", to);
      if (last.isBefore(first)) {
        throw usage("--to " + to + " is before --from " + from + "; swap them");
      }
    } else {
      throw usage("say which date to run: --date YYYY-MM-DD, or --from YYYY-MM-DD --to YYYY-MM-DD");
    }
    Backfill.run(settings, ops(), first, last, spec.commandLine().getOut());
    return 0;
  }

  OpsSettings ops() {
    if (slaMinutes < 1 || (stageSlaMinutes != null && stageSlaMinutes < 1)) {
      throw usage("--sla-minutes and --stage-sla-minutes must be at least 1");
    }
    if (retryBackoffMs < 0) {
      throw usage("--retry-backoff-ms must not be negative");
    }
    if (alertWebhook != null && !alertWebhook.matches("https?://.+")) {
      throw usage("--alert-webhook must be an http(s) URL");
    }
    Duration runSla = Duration.ofMinutes(slaMinutes);
    Map<String, String> environment = System.getenv();
    return OpsSettings.defaults()
        .withEnv(env)
        .withPiiSalt(OpsSettings.saltFrom(environment))
        .withSla(stageSlaMinutes == null ? runSla : Duration.ofMinutes(stageSlaMinutes), runSla)
        .withRetries(3, Duration.ofMillis(retryBackoffMs))
        .withNotifier(Notifiers.of(alertWebhook, environment))
        .withEmfStdout(emfStdout)
        .withLineageUrl(lineageUrl);
  }

  RunSettings settings() {
    if (parallelism != null && parallelism < 1) {
      throw usage("--parallelism must be at least 1");
    }
    boolean onCluster = master != null || (runner == RunnerKind.flink && RunnerKind.insideFlinkCli());
    int effectiveParallelism = parallelism != null ? parallelism : onCluster ? 0 : RunSettings.AUTO;
    if (fiscalStartMonth < 1 || fiscalStartMonth > 12) {
      throw usage("--fiscal-start-month must be 1-12, got " + fiscalStartMonth);
    }
    if (config != null && !Files.isRegularFile(config)) {
      throw usage("--config " + config + " is not a file");
    }
    if (silverOnly && fullLoad) {
      throw usage("--full-load loads gold, which --silver-only does not build; drop one of them");
    }
    boolean load = !noLoad && !silverOnly;
    if (load && !warehouse.matches("jdbc:(duckdb|postgresql|redshift):.*")) {
      throw usage("--warehouse must be jdbc:duckdb:FILE, jdbc:postgresql://… or jdbc:redshift://…; got " + warehouse);
    }
    if (!Identifiers.IDENTIFIER.matcher(schema).matches()) {
      throw usage("--schema must be a lower-case SQL identifier, got " + schema);
    }
    S3Settings s3;
    try {
      s3 = S3Settings.of(s3Region, s3Endpoint, s3PathStyle, System.getenv());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (master != null && runner == RunnerKind.direct) {
      throw usage("--master applies to --runner flink or spark only");
    }
    return new RunSettings(lake, runner, effectiveParallelism, load ? warehouse : null, schema, config, fiscalStartMonth, master, s3, fullLoad,
        silverOnly);
  }

  private LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw usage(option + " must be a date like 2025-01-31, got '" + value + "'");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
