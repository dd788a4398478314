package io.ecompipeline.pipelines.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generation wrote: files, records per entity (every record, defective or not), the exact
 * number of records of each defect class, and how many files took each format variation.
 */
public final class GenerationSummary {
  private final List<String> files = new ArrayList<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final Map<String, Long> defects = new LinkedHashMap<>();
  private final Map<String, Long> variations = new LinkedHashMap<>();
  private long orderLines;
  private long elapsedNanos;

  GenerationSummary() {
    for (BronzeEntity e : BronzeEntity.values()) {
      rows.put(e.dir, 0L);
    }
    for (String d : Defects.ALL) {
      defects.put(d, 0L);
    }
    for (String v : Defects.VARIATIONS) {
      variations.put(v, 0L);
    }
  }

  void addFile(String relativePath) {
    files.add(relativePath);
  }

  void addRows(String entity, long n) {
    rows.merge(entity, n, Long::sum);
  }

  void addDefect(String code, long n) {
    if (!defects.containsKey(code)) {
      throw new IllegalArgumentException("unknown defect class " + code);
    }
    defects.merge(code, n, Long::sum);
  }

  void addVariation(String v) {
    variations.merge(v, 1L, Long::sum);
  }

  void addOrderLines(long n) {
    orderLines += n;
  }

  void setElapsedNanos(long n) {
    elapsedNanos = n;
  }

  void add(GenerationSummary day) {
    files.addAll(day.files);
    day.rows.forEach(this::addRows);
    day.defects.forEach(this::addDefect);
    day.variations.forEach((k, v) -> variations.merge(k, v, Long::sum));
    orderLines += day.orderLines;
  }

  /** Paths of the written files relative to the lake root, in writing order (manifests included). */
  public List<String> files() {
    return Collections.unmodifiableList(files);
  }

  /** Records written per entity, defective ones included, in contract order. */
  public Map<String, Long> rows() {
    return Collections.unmodifiableMap(rows);
  }

  public long rows(String entity) {
    return rows.getOrDefault(entity, 0L);
  }

  /** Records injected per defect class ({@link Defects#ALL} order); missing_column counts the lines of the file. */
  public Map<String, Long> defects() {
    return Collections.unmodifiableMap(defects);
  }

  public long defects(String code) {
    return defects.getOrDefault(code, 0L);
  }

  /** Records per quarantine rule code: what the validator should quarantine. */
  public long quarantinable() {
    long n = 0;
    for (String q : Defects.QUARANTINED) {
      n += defects.get(q);
    }
    return n;
  }

  /** Files per format variation. */
  public Map<String, Long> variations() {
    return Collections.unmodifiableMap(variations);
  }

  public long orderLines() {
    return orderLines;
  }

  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Hand-written JSON with a fixed key order, so manifests are byte-identical run to run. */
  String toJson(String ingestDate, GeneratorConfig config) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("{\n  \"ingest_date\": \"").append(ingestDate).append("\",\n");
    sb.append("  \"seed\": ").append(config.seed()).append(",\n");
    sb.append("  \"scale\": ").append(config.scale()).append(",\n");
    sb.append("  \"dirty_rate\": ").append(config.dirtyRate()).append(",\n");
    sb.append("  \"rows\": ");
    map(sb, rows);
    sb.append(",\n  \"defects\": ");
    map(sb, defects);
    sb.append(",\n  \"quarantinable\": ").append(quarantinable());
    sb.append(",\n  \"format_variations\": ");
    map(sb, variations);
    sb.append(",\n  \"files\": [");
    for (int i = 0; i < files.size(); i++) {
      sb.append(i == 0 ? "\n    \"" : ",\n    \"").append(files.get(i)).append('"');
    }
    sb.append(files.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  private static void map(StringBuilder sb, Map<String, Long> m) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Long> e : m.entrySet()) {
      sb.append(first ? "\n    \"" : ",\n    \"").append(e.getKey()).append("\": ").append(e.getValue());
      first = false;
    }
    sb.append("\n  }");
  }
}
