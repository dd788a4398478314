package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** {@code _runs/<run-id>/manifest.json}: what a run did, stage by stage, and how it ended. */
final class RunManifest {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String lake;
  private final String runId;
  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode stages;

  RunManifest(String lake, String runId, LocalDate runDate, RunSettings settings) {
    this.lake = lake;
    this.runId = runId;
    root.put("run_id", runId);
    root.put("run_date", runDate.toString());
    root.put("runner", settings.runner().name());
    root.put("lake", lake);
    root.put("started_at", Instant.now().toString());
    root.put("outcome", "running");
    stages = root.putArray("stages");
  }

  ObjectNode stage(String name, String status, int attempts, Instant started, long millis) {
    ObjectNode s = stages.addObject();
    s.put("name", name);
    s.put("status", status);
    s.put("attempts", attempts);
    s.put("started_at", started.toString());
    s.put("duration_ms", millis);
    return s;
  }

  void counters(Map<String, Long> counters) {
    ObjectNode c = root.putObject("counters");
    counters.forEach(c::put);
  }

  void section(String name, JsonNode value) {
    root.set(name, value);
  }

  void finish(String outcome, String failure) throws IOException {
    root.put("outcome", outcome);
    if (failure != null) {
      root.put("failure", failure);
    }
    root.put("finished_at", Instant.now().toString());
    LakeFiles.writeString(LakePaths.join(LakePaths.run(lake, runId), "manifest.json"), JSON.writeValueAsString(root));
  }
}
