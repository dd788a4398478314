package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.ops.Alert;
import io.ecompipeline.pipelines.ops.EmfMetrics;
import io.ecompipeline.pipelines.ops.Lineage;
import io.ecompipeline.pipelines.ops.OpsSettings;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher.PublishResult;
import io.ecompipeline.transforms.quality.QualitySummary;
import io.ecompipeline.warehouse.ddl.Secrets;
import io.ecompipeline.warehouse.load.LoadResult;
import io.ecompipeline.warehouse.load.WarehouseLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages of one run: retries transient failures with exponential backoff, checks the
 * per-stage and whole-run SLAs, and records each stage in the manifest, the EMF metrics and the
 * OpenLineage events. Data failures (gates, validation, rows the warehouse rejects) fail at once.
 */
final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  /**
   * Stages safe to run again after a partial failure. Publish renames files one by one: repeating
   * it after half a publish would see the moved files as deleted, so it fails at once and the
   * operator re-runs the date (which recomputes the staging folder).
   */
  static final Set<String> RETRYABLE = Set.of("transform", "quality", "load", "manifest");

  /** The work of one stage. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws Exception;
  }

  private final String runId;
  private final OpsSettings ops;
  private final RunManifest manifest;
  private final Function<String, Lineage.Datasets> datasets;
  private final Lineage lineage;
  private final EmfMetrics metrics;
  private final String runDir;
  private final long began = System.nanoTime();
  private String failedStage;

  StageRunner(String lake, String runId, OpsSettings ops, RunManifest manifest, Function<String, Lineage.Datasets> datasets) {
    this.runId = runId;
    this.ops = ops;
    this.manifest = manifest;
    this.datasets = datasets;
    this.runDir = LakePaths.run(lake, runId);
    this.lineage = new Lineage(lake, runId, LakePaths.join(runDir, "openlineage.jsonl"), ops.lineageUrl());
    this.metrics = new EmfMetrics(runId);
  }

  Lineage lineage() {
    return lineage;
  }

  <T> T run(String name, Body<T> body) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Lineage.Datasets ds = datasets.apply(name);
    log(name + " started");
    lineage.start(name, ds);
    int maxAttempts = RETRYABLE.contains(name) ? ops.maxAttempts() : 1;
    int attempt = 0;
    ArrayNode failures = RunManifest.JSON.createArrayNode();
    while (true) {
      attempt++;
      try {
        ops.faults().beforeAttempt(name, attempt);
        T result = body.run();
        long millis = elapsed(t0);
        ObjectNode s = manifest.stage(name, "succeeded", attempt, started, millis);
        if (!failures.isEmpty()) {
          s.set("failed_attempts", failures);
        }
        metrics.stage(name, millis, attempt, true);
        countMetrics(name, result);
        lineage.complete(name, ds);
        log(String.format("%s succeeded in %.1f s%s%s", name, millis / 1000.0, attempt > 1 ? " after " + attempt + " attempts" : "",
            describe(result)));
        checkSla(name, s, millis, ops.stageSla(), "stage");
        return result;
      } catch (Exception e) {
        String why = Secrets.maskUrl(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        failures.addObject().put("attempt", attempt).put("error", e.getClass().getSimpleName() + ": " + why);
        boolean retry = attempt < maxAttempts && isTransient(e);
        if (retry) {
          Duration wait = ops.backoffBase().multipliedBy(1L << (attempt - 1));
          log(String.format("%s attempt %d failed with a transient error (%s); retrying in %d ms", name, attempt,
              e.getClass().getSimpleName(), wait.toMillis()));
          sleep(wait);
          continue;
        }
        long millis = elapsed(t0);
        ObjectNode s = manifest.stage(name, "failed", attempt, started, millis);
        s.put("transient", isTransient(e));
        s.set("failed_attempts", failures);
        metrics.stage(name, millis, attempt, false);
        lineage.fail(name, ds, why);
        failedStage = name;
        log(String.format("%s failed in %.1f s after %d attempt%s", name, millis / 1000.0, attempt, attempt == 1 ? "" : "s"));
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw e instanceof IOException io ? new UncheckedIOException(io) : new RuntimeException(e);
      }
    }
  }

  /** Checks the whole-run SLA, writes the metrics file, and alerts when the run failed. */
  void finish(boolean succeeded, String failure) {
    long millis = elapsed(began);
    ObjectNode runNode = RunManifest.JSON.createObjectNode();
    runNode.put("duration_ms", millis);
    checkSla(null, runNode, millis, ops.runSla(), "run");
    metrics.stage("run", millis, 1, succeeded);
    manifest.section("run_sla", runNode);
    ArrayNode m = RunManifest.JSON.createArrayNode();
    metrics.lines().forEach(m::add);
    manifest.section("metrics", m);
    String emf = metrics.toJsonLines();
    try {
      LakeFiles.writeString(LakePaths.join(runDir, "metrics.emf.jsonl"), emf);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write the metrics file: {}", e.toString());
    }
    if (ops.emfStdout()) {
      System.out.print(emf);
      System.out.flush();
    }
    if (!succeeded) {
      ops.notifier().send(new Alert(Alert.Kind.FAILURE, runId, failedStage, failure
          + "\nManifest: " + LakePaths.join(runDir, "manifest.json")));
    }
  }

  private void checkSla(String stage, ObjectNode node, long millis, Duration sla, String what) {
    boolean breached = millis > sla.toMillis();
    node.put("sla_ms", sla.toMillis());
    node.put("sla_breached", breached);
    if (breached) {
      String msg = String.format("%s took %.1f min, over its SLA of %d min. The data is fine (this is not a failure);"
          + " see the runbook: check the cluster size and the stage durations in %s.", stage == null ? "the run" : "stage " + stage,
          millis / 60000.0, sla.toMinutes(), LakePaths.join(runDir, "manifest.json"));
      log("SLA breached: " + msg);
      ops.notifier().send(new Alert(Alert.Kind.SLA_BREACH, runId, stage, msg));
    }
  }

  private void countMetrics(String stage, Object result) {
    if (result instanceof Map<?, ?> m && !m.isEmpty() && m.keySet().iterator().next() instanceof String
        && m.values().iterator().next() instanceof Long) {
      @SuppressWarnings("unchecked")
      Map<String, Long> counters = (Map<String, Long>) m;
      for (var e : io.ecompipeline.transforms.schema.SilverTables.ENTITIES) {
        String p = "silver." + e.name() + ".";
        if (counters.containsKey(p + "read")) {
          metrics.entity(stage, e.name(), counters.get(p + "read"), counters.getOrDefault(p + "accepted", 0L),
              counters.getOrDefault(p + "quarantined", 0L));
        }
      }
      counters.forEach((k, v) -> {
        if (k.startsWith("write.") && k.endsWith(".rows")) {
          metrics.tableRows(stage, k.substring(6, k.length() - 5), v);
        }
      });
    } else if (result instanceof LoadResult lr) {
      lr.tables().forEach(t -> metrics.tableRows(stage, t.table(), t.rows()));
    }
  }

  /** Counts for the stage's finish line. */
  static String describe(Object result) {
    if (result instanceof Map<?, ?> m && !m.isEmpty()) {
      Object first = m.values().iterator().next();
      if (first instanceof Long) {
        long read = 0;
        long quarantined = 0;
        for (var e : m.entrySet()) {
          String k = String.valueOf(e.getKey());
          if (k.matches("silver\\.[a-z_]+\\.read")) {
            read += (Long) e.getValue();
          } else if (k.matches("silver\\.[a-z_]+\\.quarantined")) {
            quarantined += (Long) e.getValue();
          }
        }
        return String.format(": read %,d, quarantined %,d", read, quarantined);
      }
      if (first instanceof PublishResult) {
        int written = 0;
        int deleted = 0;
        int unchanged = 0;
        for (Object o : m.values()) {
          PublishResult r = (PublishResult) o;
          written += r.written().size();
          deleted += r.deleted().size();
          unchanged += r.unchanged();
        }
        return String.format(": gold files written %d, deleted %d, unchanged %d", written, deleted, unchanged);
      }
    }
    if (result instanceof QualitySummary q) {
      long quarantined = q.entities().values().stream().mapToLong(QualitySummary.EntitySummary::quarantined).sum();
      return String.format(": gates held, %,d quarantined", quarantined);
    }
    if (result instanceof LoadResult lr) {
      return String.format(": %,d warehouse rows in %d tables", lr.tables().stream().mapToLong(LoadResult.TableResult::rows).sum(),
          lr.tables().size());
    }
    return "";
  }

  /**
   * Transient: worth another attempt because the same input may succeed later. I/O and connection
   * failures are; a gate, a validation error or a row the warehouse rejects (SQLState class 22 or
   * 23) are not.
   */
  static boolean isTransient(Throwable e) {
    if (e instanceof EcomException ee && ee.exitCode() == EcomException.EXIT_GATE) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
          return false;
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException || (state != null && state.startsWith("08"))) {
          return true;
        }
      }
      // WarehouseLoader.open drops the driver's exception (its text may hold secrets), so a failed
      // connection arrives without a SQLState: recognise it by being the loader's connect failure.
      if (t instanceof WarehouseLoadException w && w.table() == null && w.getCause() == null
          && String.valueOf(w.getMessage()).startsWith("Cannot connect to the warehouse")) {
        return true;
      }
      if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }

  private void log(String message) {
    LOG.info("[{}] {}", runId, message);
  }
}
