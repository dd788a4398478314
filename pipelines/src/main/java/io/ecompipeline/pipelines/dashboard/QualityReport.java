package io.ecompipeline.pipelines.dashboard;

import static io.ecompipeline.pipelines.dashboard.Dashboard.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a run's quality.json without knowing its exact layout: top-level scalars as a list,
 * each top-level object or array as a table (an object of objects, e.g. per entity, gives one row
 * per key; an array of objects one row per element; deeper nesting is shown as compact JSON).
 */
final class QualityReport {
  private QualityReport() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_COLUMNS = 16;
  private static final int MAX_ROWS = 500;
  private static final int MAX_CELL = 240;
  private static final Set<String> BAD = Set.of("fail", "failed", "failure", "error", "false", "rejected", "breached");
  private static final Set<String> GOOD = Set.of("pass", "passed", "ok", "success", "succeeded", "true");

  static String html(Optional<String> json) {
    StringBuilder h = new StringBuilder("<div id=\"quality-report\">\n");
    if (json.isEmpty() || json.get().isBlank()) {
      h.append("<p class=\"muted\" id=\"no-quality\">no quality report</p>\n");
      return h.append("</div>\n").toString();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json.get());
    } catch (JsonProcessingException e) {
      h.append("<p class=\"warn\">The quality report could not be read as JSON: ")
          .append(esc(e.getOriginalMessage())).append("</p>\n");
      return h.append("</div>\n").toString();
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      h.append("<p class=\"muted\" id=\"no-quality\">no quality report</p>\n");
      return h.append("</div>\n").toString();
    }
    h.append("<h3>Quality report</h3>\n");
    if (!root.isObject()) {
      container(h, "report", root);
      return h.append("</div>\n").toString();
    }
    List<List<String>> scalars = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isContainerNode()) {
        scalars.add(List.of(e.getKey(), text(e.getValue())));
      }
    }
    if (!scalars.isEmpty()) {
      h.append("<dl class=\"facts\">");
      for (List<String> kv : scalars) {
        h.append("<dt>").append(esc(kv.get(0))).append("</dt><dd").append(cls(kv.get(0), kv.get(1))).append(">")
            .append(esc(kv.get(1))).append("</dd>");
      }
      h.append("</dl>\n");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode()) {
        container(h, e.getKey(), e.getValue());
      }
    }
    return h.append("</div>\n").toString();
  }

  private static void container(StringBuilder h, String name, JsonNode node) {
    h.append("<h4>").append(esc(name)).append("</h4>\n");
    if (node.isEmpty()) {
      h.append("<p class=\"muted\">(empty)</p>\n");
      return;
    }
    if (node.isObject()) {
      boolean allObjects = true;
      for (JsonNode v : node) {
        allObjects &= v.isObject();
      }
      if (allObjects) {
        // e.g. {"orders": {"read": 10, "valid": 9, "quarantined": 1}, ...}: one row per key
        List<String> keys = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
          keys.add(e.getKey());
          rows.add(e.getValue());
        });
        rows(h, name, keys, rows);
      } else {
        List<List<String>> kv = new ArrayList<>();
        node.fields().forEachRemaining(e -> kv.add(List.of(e.getKey(), text(e.getValue()))));
        plain(h, name, List.of("key", "value"), kv);
      }
    } else {
      boolean allObjects = true;
      for (JsonNode v : node) {
        allObjects &= v.isObject();
      }
      if (allObjects) {
        rows(h, name, null, toList(node));
      } else {
        List<List<String>> values = new ArrayList<>();
        for (JsonNode v : node) {
          values.add(List.of(text(v)));
        }
        plain(h, name, List.of("value"), values);
      }
    }
  }

  /** A table with one row per object; columns are the union of the objects' fields. */
  private static void rows(StringBuilder h, String name, List<String> keys, List<JsonNode> objects) {
    Set<String> cols = new LinkedHashSet<>();
    for (JsonNode o : objects) {
      o.fieldNames().forEachRemaining(cols::add);
    }
    List<String> columns = new ArrayList<>(cols).subList(0, Math.min(cols.size(), MAX_COLUMNS));
    h.append("<table class=\"quality\"><thead><tr>");
    if (keys != null) {
      h.append("<th>").append(esc(name)).append("</th>");
    }
    columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (int i = 0; i < Math.min(objects.size(), MAX_ROWS); i++) {
      JsonNode o = objects.get(i);
      h.append("<tr>");
      if (keys != null) {
        h.append("<th>").append(esc(keys.get(i))).append("</th>");
      }
      for (String c : columns) {
        JsonNode v = o.get(c);
        String t = v == null ? "" : text(v);
        h.append("<td").append(cls(c, t)).append(">").append(esc(t)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>\n");
    if (objects.size() > MAX_ROWS || cols.size() > MAX_COLUMNS) {
      h.append("<p class=\"muted\">Showing ").append(Math.min(objects.size(), MAX_ROWS)).append(" of ").append(objects.size())
          .append(" rows and ").append(columns.size()).append(" of ").append(cols.size()).append(" columns.</p>\n");
    }
  }

  private static void plain(StringBuilder h, String name, List<String> head, List<List<String>> rows) {
    Dashboard.table(h, head, rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows, "quality-" + name);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static String text(JsonNode v) {
    if (v.isNull()) {
      return "";
    }
    if (!v.isContainerNode()) {
      return v.asText();
    }
    String s = v.toString();
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL) + "…" : s;
  }

  /** Marks pass/fail-looking values so a failed check stands out. */
  private static String cls(String key, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    String k = key.toLowerCase(Locale.ROOT);
    boolean statusLike = k.contains("status") || k.contains("outcome") || k.contains("pass") || k.contains("result") || k.contains("ok");
    if (BAD.contains(v) && (statusLike || !v.equals("false"))) {
      return " class=\"bad\"";
    }
    if (GOOD.contains(v) && (statusLike || !v.equals("true"))) {
      return " class=\"good\"";
    }
    return "";
  }
}
