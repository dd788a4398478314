package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.ops.OpsSettings;
import io.ecompipeline.warehouse.ddl.Secrets;
import io.ecompipeline.warehouse.load.LoadResult;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher;
import io.ecompipeline.transforms.io.LakePublisher.PublishResult;
import io.ecompipeline.transforms.quality.QualityGates;
import io.ecompipeline.transforms.quality.QualityRules;
import io.ecompipeline.transforms.quality.QualitySummary;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * One ingest date through every stage: transform (bronze → staged silver and gold), quality
 * (report and gates), publish, load, manifest. Nothing reaches silver or gold unless the whole
 * transform succeeded and the gates held.
 */
public final class DailyRun {
  /**
   * The system property giving the size of a silver table's previous files from which its previous
   * rows that no row of the day meets skip the dedup's shuffle; by default 1 MiB (about 7,000
   * customers or 80,000 order lines). Below it the extra steps of doing so (a set of the day's keys,
   * a split) cost a small day more than they save. The rows are the same either way.
   */
  public static final String LARGE_PREVIOUS_BYTES = "ecom.largePreviousBytes";

  /** The default of {@link #LARGE_PREVIOUS_BYTES}. */
  static final long LARGE_PREVIOUS_DEFAULT = 1L << 20;

  private final RunSettings settings;
  private final LocalDate date;
  private final PrintWriter out;
  private final String runId;
  private final String staging;
  private final RunManifest manifest;
  private final OpsSettings ops;
  private final StageRunner stages;
  /** The months gold was built for this run ({@link GoldLineage}: built on the previous gold), or null when built whole. */
  private List<String> touchedMonths;

  private DailyRun(RunSettings settings, OpsSettings ops, LocalDate date, PrintWriter out) {
    this.settings = settings;
    this.date = date;
    this.out = out;
    this.runId = date.toString();
    this.staging = LakePaths.staging(settings.lake(), runId);
    this.manifest = new RunManifest(settings.lake(), runId, date, settings);
    this.ops = ops;
    this.stages = new StageRunner(settings.lake(), runId, ops, manifest, StageDatasets.of(settings, runId));
  }

  /** Runs {@code date}; throws {@link EcomException} with what failed and what to do. */
  public static RunSummary run(RunSettings settings, LocalDate date, PrintWriter out) {
    return run(settings, OpsSettings.defaults(), date, out);
  }

  /** Runs {@code date} with explicit operations settings (retries, SLAs, alerts, masking). */
  public static RunSummary run(RunSettings settings, OpsSettings ops, LocalDate date, PrintWriter out) {
    return new DailyRun(settings, ops, date, out).run();
  }

  private RunSummary run() {
    long began = System.nanoTime();
    // S3 settings first: choosing the parallelism lists the day's bronze, which may be on S3.
    boolean onS3 = settings.lake().startsWith("s3://");
    FileSystems.setDefaultPipelineOptions(settings.s3().applyTo(PipelineOptionsFactory.create(), onS3));
    PipelineOptions options = settings.s3().applyTo(
        settings.runner().options(LocalParallelism.of(settings, date), settings.master()), onS3);
    FileSystems.setDefaultPipelineOptions(options);
    QualityRules rules = loadRules();
    try {
      Map<String, Long> counters = stage("transform", () -> transform(options, rules));
      manifest.counters(counters);
      QualitySummary quality = stage("quality", () -> quality(counters, rules));
      Map<String, PublishResult> gold = stage("publish", this::publish);
      LoadResult loaded = settings.warehouseUrl() == null ? null
          : stage("load", () -> WarehouseStage.load(settings, runId, gold, manifest));
      stages.finish(true, null);
      stage("manifest", () -> {
        manifest.finish("succeeded", null);
        return null;
      });
      return printSummary(RunSummary.of(date, quality, counters, settings.goldTables(), touchedMonths, QualityGates.warnings(quality, rules).size(), loaded,
          (System.nanoTime() - began) / 1_000_000));
    } catch (EcomException e) {
      finishFailed(e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      finishFailed(String.valueOf(e));
      throw new EcomException(EcomException.EXIT_FAILED, "run " + runId + " failed: " + rootMessage(e)
          + "\nNothing was published unless the manifest " + LakePaths.run(settings.lake(), runId) + "/manifest.json says so;"
          + " fix the cause and run the date again.", e);
    }
  }

  private Map<String, Long> transform(PipelineOptions options, QualityRules rules) throws IOException {
    LakeFiles.deleteTree(staging);
    Pipeline p = Pipeline.create(options);
    if (settings.silverOnly()) {
      log("gold: not built (--silver-only); the next full run rebuilds it whole");
      manifest.section("gold_built", RunManifest.JSON.getNodeFactory().textNode("not built (--silver-only)"));
      DailyPipeline.build(p, settings, rules, date, staging, piiSalt(), false, false);
      return runPipeline(p);
    }
    GoldLineage.InStep inStep = GoldLineage.of(settings.lake());
    boolean funnelInStep = inStep.clickstream();
    // With one month of gold there is nothing to keep, and finding the touched months costs a few
    // dozen more steps a run: a month-long history (the demo's) would pay them every day for nothing.
    boolean byMonth = inStep.allSilver() && goldMonths() > 1;
    log(funnelInStep ? "conversion funnel: corrected by the sessions this date touches"
        : "conversion funnel: rebuilt from the whole silver clickstream (gold is not known to be in step with it)");
    log(byMonth ? "gold: facts and daily aggregates recomputed for the months this date touches"
        : "gold: rebuilt whole (" + (!inStep.allSilver() ? "gold is not known to be in step with the live silver"
            : "gold holds one month at most: nothing to keep") + ")");
    ObjectNode built = RunManifest.JSON.createObjectNode()
        .put(GoldTables.CONVERSION_FUNNEL_DAILY.name(), funnelInStep ? "corrected" : "rebuilt");
    for (Table t : GoldTables.ALL) {
      if (builtByMonth(t)) {
        built.put(t.name(), byMonth ? "by_month" : "rebuilt");
      }
    }
    manifest.section("gold_built", built);
    DailyPipeline.build(p, settings, rules, date, staging, piiSalt(), funnelInStep, byMonth);
    Map<String, Long> counters = runPipeline(p);
    touchedMonths = byMonth ? readTouchedMonths() : null;
    if (byMonth) {
      manifest.section("gold_touched_months", RunManifest.JSON.valueToTree(touchedMonths));
      log("gold: months recomputed: " + (touchedMonths.isEmpty() ? "none" : String.join(", ", touchedMonths)));
    }
    return counters;
  }

  private String piiSalt() {
    return ops.masksPii() ? ops.piiSalt() : null;
  }

  private static Map<String, Long> runPipeline(Pipeline p) {
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return Counters.of(result);
  }

  private QualitySummary quality(Map<String, Long> counters, QualityRules rules) throws IOException {
    Map<String, String> facts = readFacts();
    QualitySummary summary = QualitySummary.of(date, counters, facts);
    String runDir = LakePaths.run(settings.lake(), runId);
    LakeFiles.writeString(LakePaths.join(runDir, "quality.json"), summary.toJson());
    LakeFiles.writeString(LakePaths.join(runDir, "quality.html"), summary.toHtml());
    manifest.section("quality", RunManifest.JSON.readTree(summary.toJson()));
    List<QualityGates.Finding> failures = QualityGates.evaluate(summary, rules);
    if (!failures.isEmpty()) {
      LakeFiles.deleteTree(staging);
      throw new EcomException(EcomException.EXIT_GATE,
          "quality gate failed for " + runId + ", nothing was published:\n  "
              + failures.stream().map(QualityGates.Finding::message).collect(Collectors.joining("\n  "))
              + "\nSee " + LakePaths.join(runDir, "quality.html") + " and the quarantined records; fix the source"
              + " files or raise the threshold in a --config rules file, then run the date again.");
    }
    for (QualityGates.Finding w : QualityGates.warnings(summary, rules)) {
      log("warning: " + w.message());
    }
    return summary;
  }

  /** Publishes quarantine and silver, then gold (unless silver only); returns what changed in gold, per table. */
  private Map<String, PublishResult> publish() throws IOException {
    String lake = settings.lake();
    ObjectNode published = RunManifest.JSON.createObjectNode();
    for (Table entity : SilverTables.ENTITIES) {
      String rel = entity.name() + "/ingest_date=" + date;
      record(published, "quarantine/" + entity.name(), LakePublisher.publish(
          LakePaths.join(staging, "quarantine", rel), LakePaths.quarantine(lake, entity.name(), date)));
    }
    for (Table t : DailyPipeline.silverTables()) {
      String from = LakePaths.join(staging, "silver", t.name());
      String to = LakePaths.silver(lake, t.name());
      record(published, "silver/" + t.name(), LakeLayout.SILVER_MERGED_INCREMENTALLY.contains(t)
          ? LakePublisher.publishReplacing(from, to, replacedFiles(t))
          : LakePublisher.publish(from, to));
    }
    Map<String, PublishResult> gold = new LinkedHashMap<>();
    for (Table t : settings.goldTables()) {
      String from = LakePaths.join(staging, "gold", t.name());
      String to = LakePaths.gold(lake, t.name());
      PublishResult r = touchedMonths != null && builtByMonth(t)
          ? LakePublisher.publishWithin(from, to, touchedMonths.stream().map(m -> "month=" + m).toList())
          : LakePublisher.publish(from, to);
      record(published, "gold/" + t.name(), r);
      gold.put(t.name(), r);
    }
    if (!settings.silverOnly()) {
      GoldLineage.record(lake);
    }
    LakeFiles.deleteTree(staging);
    manifest.section("published", published);
    return gold;
  }

  /** The gold tables built for the touched months only when gold is in step with silver (the funnel is corrected instead). */
  private static boolean builtByMonth(Table goldTable) {
    return LakeLayout.monthPartitioned(goldTable) && !goldTable.equals(GoldTables.CONVERSION_FUNNEL_DAILY);
  }

  /** How many month partitions the live fact_order_line has. */
  private long goldMonths() throws IOException {
    return LakePublisher.list(LakePaths.gold(settings.lake(), GoldTables.FACT_ORDER_LINE.name())).keySet().stream()
        .map(LakePublisher::partitionOf)
        .filter(partition -> partition.startsWith("month="))
        .distinct()
        .count();
  }

  private List<String> readTouchedMonths() throws IOException {
    String path = LakePaths.join(staging, DailyPipeline.TOUCHED_MONTHS);
    return LakeFiles.exists(path)
        ? java.util.Arrays.stream(LakeFiles.readString(path).split("\n")).filter(m -> !m.isBlank()).sorted().toList()
        : List.of();
  }

  /** The live files of an incrementally merged silver table that this run's staged files replace. */
  private List<String> replacedFiles(Table table) throws IOException {
    String path = LakePaths.join(staging, DailyPipeline.REPLACED, table.name() + ".txt");
    return LakeFiles.exists(path) ? List.of(LakeFiles.readString(path).split("\n")) : List.of();
  }

  private static void record(ObjectNode published, String name, PublishResult r) {
    ObjectNode n = published.putObject(name);
    n.put("written", r.written().size());
    n.put("deleted", r.deleted().size());
    n.put("unchanged", r.unchanged());
  }

  private Map<String, String> readFacts() throws IOException {
    Map<String, String> facts = new TreeMap<>();
    String path = LakePaths.join(staging, DailyPipeline.QUALITY_FACTS);
    if (!LakeFiles.exists(path)) {
      return facts;
    }
    for (String line : LakeFiles.readString(path).split("\n")) {
      if (!line.isBlank()) {
        JsonNode kv = RunManifest.JSON.readTree(line);
        facts.put(kv.get(0).asText(), kv.get(1).asText());
      }
    }
    return facts;
  }

  private QualityRules loadRules() {
    try {
      return settings.rulesFile() == null ? QualityRules.defaults() : QualityRules.fromFile(settings.rulesFile().toString());
    } catch (RuntimeException e) {
      throw new EcomException(io.ecompipeline.pipelines.cli.EcomCli.EXIT_USAGE, "the rules file " + settings.rulesFile() + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Runs a stage through the {@link StageRunner}: retries, SLA, metrics, lineage, manifest entry. */
  private <T> T stage(String name, StageRunner.Body<T> body) {
    return stages.run(name, body);
  }

  private RunSummary printSummary(RunSummary summary) {
    out.print(summary.toScreen());
    out.flush();
    return summary;
  }

  private void finishFailed(String why) {
    stages.finish(false, Secrets.maskUrl(why));
    try {
      manifest.finish("failed", why);
    } catch (IOException | RuntimeException ignored) {
      // The failure being reported matters more than the manifest that records it.
    }
  }

  private void log(String message) {
    org.slf4j.LoggerFactory.getLogger(DailyRun.class).info("[{}] {}", runId, message);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t + ")";
    return t instanceof OutOfMemoryError
        ? message + "\nThe JVM ran out of memory: give it more (ECOM_JAVA_OPTS=-Xmx…; Flink's sorts and exchanges"
            + " take a third of the heap limit again outside the heap, see the runbook's troubleshooting)"
        : message;
  }
}
