package io.ecompipeline.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.cli.RunnerKind;
import io.ecompipeline.pipelines.ops.Alert;
import io.ecompipeline.pipelines.ops.EmfMetrics;
import io.ecompipeline.pipelines.ops.Lineage;
import io.ecompipeline.pipelines.ops.OpsSettings;
import io.ecompipeline.pipelines.ops.WebhookNotifier;
import io.ecompipeline.warehouse.load.WarehouseLoadException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, SLAs, alerts, EMF metrics and lineage of the stages of a run, with fake stage bodies. */
class StageRunnerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate DATE = LocalDate.parse("2025-01-03");

  @TempDir Path lake;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();

  OpsSettings ops() {
    return OpsSettings.defaults().withRetries(3, Duration.ofMillis(10)).withNotifier(alerts::add);
  }

  RunManifest manifest() {
    return new RunManifest(lake.toString(), DATE.toString(), DATE,
        new RunSettings(lake.toString(), RunnerKind.direct, 1, null, "analytics", null, 2));
  }

  StageRunner runner(OpsSettings ops, RunManifest manifest) {
    return new StageRunner(lake.toString(), DATE.toString(), ops, manifest,
        StageDatasets.of(new RunSettings(lake.toString(), RunnerKind.direct, 1, "jdbc:duckdb:x.duckdb", "analytics", null, 2),
            DATE.toString()));
  }

  JsonNode writtenManifest(RunManifest m) throws IOException {
    m.finish("test", null);
    return JSON.readTree(lake.resolve("_runs/2025-01-03/manifest.json").toFile());
  }

  @Test
  void transientFailureInjectedIntoAStageIsRetriedAndTheRunSucceeds() throws IOException {
    RunManifest m = manifest();
    OpsSettings ops = ops().withFaults((stage, attempt) -> {
      if (stage.equals("transform") && attempt == 1) {
        throw new IOException("connection reset reading s3://lake/bronze/orders");
      }
    });
    StageRunner r = runner(ops, m);
    Map<String, Long> counters = r.run("transform", () -> Map.of("silver.orders.read", 10L, "silver.orders.accepted", 9L,
        "silver.orders.quarantined", 1L));
    r.run("publish", () -> "ok");
    r.finish(true, null);

    assertThat(counters.get("silver.orders.read"), is(10L));
    JsonNode stage = writtenManifest(m).path("stages").get(0);
    assertThat(stage.path("name").asText(), is("transform"));
    assertThat(stage.path("status").asText(), is("succeeded"));
    assertThat(stage.path("attempts").asInt(), is(2));
    assertThat(stage.path("failed_attempts").get(0).path("error").asText(), containsString("IOException"));
    assertThat(alerts, empty());
  }

  @Test
  void dataFailuresAreNotRetried() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    RunManifest m = manifest();
    StageRunner r = runner(ops(), m);
    assertThrows(EcomException.class, () -> r.run("quality", () -> {
      calls.incrementAndGet();
      throw new EcomException(EcomException.EXIT_GATE, "quality gate failed for 2025-01-03");
    }));
    assertThat(calls.get(), is(1));

    calls.set(0);
    SQLException badRow = new SQLException("duplicate key value violates unique constraint", "23505");
    assertThrows(EcomException.class, () -> r.run("load", () -> {
      calls.incrementAndGet();
      throw new EcomException(EcomException.EXIT_LOAD, "warehouse load failed",
          new WarehouseLoadException("fact_order_line", "Loading failed", badRow));
    }));
    assertThat(calls.get(), is(1));
    JsonNode stages = writtenManifest(m).path("stages");
    assertThat(stages.get(1).path("attempts").asInt(), is(1));
    assertThat(stages.get(1).path("transient").asBoolean(), is(false));
  }

  @Test
  void aWarehouseConnectionFailureIsRetriedUpToThreeAttempts() {
    AtomicInteger calls = new AtomicInteger();
    StageRunner r = runner(ops(), manifest());
    assertThrows(EcomException.class, () -> r.run("load", () -> {
      calls.incrementAndGet();
      throw new EcomException(EcomException.EXIT_LOAD, "warehouse load failed",
          new WarehouseLoadException(null, "cannot connect", new SQLException("Connection refused", "08001")));
    }));
    assertThat(calls.get(), is(3));
  }

  @Test
  void classifiesTransientAndDataFailures() {
    assertThat(StageRunner.isTransient(new IOException("x")), is(true));
    assertThat(StageRunner.isTransient(new RuntimeException("runner failed", new java.io.UncheckedIOException(new IOException("s3")))),
        is(true));
    assertThat(StageRunner.isTransient(new SQLTransientConnectionException("x")), is(true));
    assertThat(StageRunner.isTransient(new SQLException("bad", "08006")), is(true));
    assertThat(StageRunner.isTransient(new SQLException("numeric overflow", "22003")), is(false));
    assertThat(StageRunner.isTransient(new WarehouseLoadException("t", "x", new SQLException("null", "23502"))), is(false));
    assertThat(StageRunner.isTransient(new IllegalArgumentException("quantity must be >= 1")), is(false));
    assertThat(StageRunner.isTransient(new EcomException(EcomException.EXIT_GATE, "gate", new IOException("x"))), is(false));
  }

  @Test
  void publishIsNeverRetriedBecauseAPartialPublishIsNotRepeatable() {
    AtomicInteger calls = new AtomicInteger();
    StageRunner r = runner(ops(), manifest());
    assertThrows(RuntimeException.class, () -> r.run("publish", () -> {
      calls.incrementAndGet();
      throw new IOException("rename failed");
    }));
    assertThat(calls.get(), is(1));
  }

  @Test
  void slaBreachAlertsButDoesNotFailTheStage() throws IOException {
    RunManifest m = manifest();
    StageRunner r = runner(ops().withSla(Duration.ZERO, Duration.ZERO), m);
    String result = r.run("transform", () -> {
      Thread.sleep(20);
      return "done";
    });
    r.finish(true, null);
    assertThat(result, is("done"));
    assertThat(alerts.stream().map(Alert::kind).toList(), contains(Alert.Kind.SLA_BREACH, Alert.Kind.SLA_BREACH));
    assertThat(alerts.get(0).stage(), is("transform"));
    JsonNode manifest = writtenManifest(m);
    assertThat(manifest.path("stages").get(0).path("sla_breached").asBoolean(), is(true));
    assertThat(manifest.path("run_sla").path("sla_breached").asBoolean(), is(true));
  }

  @Test
  void theWebhookReceivesAFailureAlert() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> types = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/alerts", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      types.add(ex.getRequestHeaders().getFirst("Content-Type"));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/alerts");
      StageRunner r = runner(ops().withNotifier(new WebhookNotifier(url)), manifest());
      assertThrows(EcomException.class, () -> r.run("quality", () -> {
        throw new EcomException(EcomException.EXIT_GATE, "quality gate failed for 2025-01-03");
      }));
      r.finish(false, "quality gate failed for 2025-01-03");
    } finally {
      server.stop(0);
    }
    assertThat(bodies, hasSize(1));
    JsonNode body = JSON.readTree(bodies.get(0));
    assertThat(body.path("text").asText(), allOf(containsString("FAILED"), containsString("2025-01-03"),
        containsString("stage quality"), containsString("quality gate failed")));
    assertThat(types.get(0), is("application/json"));
  }

  @Test
  void metricsAreCloudWatchEmbeddedMetricFormat() throws IOException {
    RunManifest m = manifest();
    StageRunner r = runner(ops(), m);
    r.run("transform", () -> Map.of("silver.orders.read", 200L, "silver.orders.accepted", 190L, "silver.orders.quarantined", 10L,
        "write.fact_order_line.rows", 150L));
    r.finish(true, null);

    List<String> lines = Files.readAllLines(lake.resolve("_runs/2025-01-03/metrics.emf.jsonl"));
    assertThat(lines.size(), greaterThanOrEqualTo(3));
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      JsonNode aws = n.path("_aws");
      assertThat(line, aws.path("Timestamp").isIntegralNumber(), is(true));
      JsonNode directives = aws.path("CloudWatchMetrics");
      assertThat(directives.isArray() && directives.size() == 1, is(true));
      JsonNode d = directives.get(0);
      assertThat(d.path("Namespace").asText(), is(EmfMetrics.NAMESPACE));
      // Every dimension set is an array of at most 30 member names, each present in the root as a string.
      for (JsonNode set : d.path("Dimensions")) {
        assertThat(set.size(), allOf(greaterThan(0), lessThanOrEqualTo(30)));
        for (JsonNode dim : set) {
          assertThat(line, n.path(dim.asText()).isTextual(), is(true));
        }
      }
      assertThat(d.path("Dimensions").get(0).get(0).asText(), is("run_date"));
      // Every metric has a Name present in the root as a number and a valid unit.
      assertThat(d.path("Metrics").size(), allOf(greaterThan(0), lessThanOrEqualTo(100)));
      for (JsonNode metric : d.path("Metrics")) {
        assertThat(line, n.path(metric.path("Name").asText()).isNumber(), is(true));
        assertThat(metric.path("Unit").asText(), is(in(List.of("Milliseconds", "Count", "Percent"))));
      }
    }
    JsonNode orders = lines.stream().map(StageRunnerTest::tree).filter(n -> "orders".equals(n.path("entity").asText()))
        .findFirst().orElseThrow();
    assertThat(orders.path("reject_rate").asDouble(), closeTo(5.0, 1e-9));
    assertThat(orders.path("stage").asText(), is("transform"));
    assertThat(writtenManifest(m).path("metrics").size(), is(lines.size()));
  }

  @Test
  void lineageEventsCarryTheRequiredOpenLineageFields() throws IOException {
    StageRunner r = runner(ops(), manifest());
    r.run("transform", () -> Map.of());
    assertThrows(EcomException.class, () -> r.run("load", () -> {
      throw new EcomException(EcomException.EXIT_LOAD, "load failed", new SQLException("bad", "22001"));
    }));

    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(lake.resolve("_runs/2025-01-03/openlineage.jsonl"))) {
      events.add(JSON.readTree(line));
    }
    assertThat(events.stream().map(e -> e.path("eventType").asText()).toList(), contains("START", "COMPLETE", "START", "FAIL"));
    for (JsonNode e : events) {
      ZonedDateTime.parse(e.path("eventTime").asText()); // ISO-8601 with offset
      assertThat(e.path("producer").asText(), is(Lineage.PRODUCER.toString()));
      assertThat(e.path("schemaURL").asText(), startsWith("https://openlineage.io/spec/"));
      UUID id = UUID.fromString(e.path("run").path("runId").asText());
      String stage = e.path("job").path("name").asText().replace("daily_run.", "");
      assertThat(id, is(Lineage.stageRunId("2025-01-03", stage)));
      assertThat(e.path("job").path("namespace").asText(), is(Lineage.JOB_NAMESPACE));
      for (JsonNode ds : e.path("inputs")) {
        assertThat(ds.path("namespace").asText(), is(Lineage.namespaceOf(lake.toString())));
        assertThat(ds.path("name").asText(), not(emptyString()));
      }
    }
    JsonNode start = events.get(0);
    List<String> inputs = new ArrayList<>();
    start.path("inputs").forEach(ds -> inputs.add(ds.path("name").asText()));
    assertThat(inputs, hasItems("bronze/orders", "silver/orders"));
    List<String> loadOutputs = new ArrayList<>();
    events.get(3).path("outputs").forEach(ds -> loadOutputs.add(ds.path("name").asText()));
    assertThat(loadOutputs, hasItem("analytics.fact_order_line"));
    List<String> loadInputs = new ArrayList<>();
    events.get(3).path("inputs").forEach(ds -> loadInputs.add(ds.path("name").asText()));
    assertThat(loadInputs, hasItem("gold/fact_order_line"));
    assertThat(events.get(3).path("run").path("facets").path("errorMessage").path("message").asText(), containsString("load failed"));
    // Deterministic: the same run id and stage give the same OpenLineage run id on a re-run.
    assertThat(Lineage.stageRunId("2025-01-03", "load"), is(Lineage.stageRunId("2025-01-03", "load")));
    assertThat(Lineage.stageRunId("2025-01-03", "load"), not(Lineage.stageRunId("2025-01-04", "load")));
  }

  static JsonNode tree(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
