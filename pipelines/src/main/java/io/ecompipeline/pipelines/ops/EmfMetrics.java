package io.ecompipeline.pipelines.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run metrics as CloudWatch Embedded Metric Format lines: one JSON object per line whose
 * {@code _aws.CloudWatchMetrics} block tells CloudWatch Logs which members are metrics, so the
 * log group on EMR turns them into metrics with no agent code.
 */
public final class EmfMetrics {
  public static final String NAMESPACE = "EcomPipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runDate;
  private final List<ObjectNode> lines = new ArrayList<>();

  public EmfMetrics(String runDate) {
    this.runDate = runDate;
  }

  /** A stage's duration and attempts. */
  public ObjectNode stage(String stage, long durationMillis, int attempts, boolean succeeded) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("duration_ms", durationMillis);
    values.put("attempts", attempts);
    values.put("failed", succeeded ? 0 : 1);
    return add(Map.of("stage", stage), values, Map.of("duration_ms", "Milliseconds", "attempts", "Count", "failed", "Count"));
  }

  /** An entity's row counts and reject rate (percent) in a stage. */
  public ObjectNode entity(String stage, String entity, long read, long accepted, long quarantined) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("rows_read", read);
    values.put("rows_accepted", accepted);
    values.put("rows_quarantined", quarantined);
    values.put("reject_rate", read == 0 ? 0.0 : 100.0 * quarantined / read);
    return add(new LinkedHashMap<>(Map.of("stage", stage, "entity", entity)), values,
        Map.of("rows_read", "Count", "rows_accepted", "Count", "rows_quarantined", "Count", "reject_rate", "Percent"));
  }

  /** Rows written to a table (gold, warehouse). */
  public ObjectNode tableRows(String stage, String table, long rows) {
    return add(new LinkedHashMap<>(Map.of("stage", stage, "table", table)), Map.of("rows_written", rows), Map.of("rows_written", "Count"));
  }

  private ObjectNode add(Map<String, String> dims, Map<String, Number> values, Map<String, String> units) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", System.currentTimeMillis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimSet = directive.putArray("Dimensions").addArray();
    dimSet.add("run_date");
    line.put("run_date", runDate);
    dims.keySet().stream().sorted().forEach(k -> {
      dimSet.add(k);
      line.put(k, dims.get(k));
    });
    ArrayNode metrics = directive.putArray("Metrics");
    values.forEach((name, v) -> {
      metrics.addObject().put("Name", name).put("Unit", units.get(name));
      if (v instanceof Double d) {
        line.put(name, d);
      } else {
        line.put(name, v.longValue());
      }
    });
    lines.add(line);
    return line;
  }

  public List<ObjectNode> lines() {
    return List.copyOf(lines);
  }

  /** The lines as the log file holds them. */
  public String toJsonLines() {
    StringBuilder b = new StringBuilder();
    for (ObjectNode l : lines) {
      try {
        b.append(JSON.writeValueAsString(l)).append('\n');
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b.toString();
  }
}
