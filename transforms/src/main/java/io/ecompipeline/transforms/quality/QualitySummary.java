package io.ecompipeline.transforms.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality summary of one bronze → silver run, per entity: read, accepted, quarantined by rule,
 * duplicates, pending, orphans, newest record; plus the outlier scans. Built from the run's
 * {@code silver.*} counters and {@link QualityFacts}; rendered as JSON (machines) and HTML
 * (people), both with the gate findings of {@link QualityGates}.
 */
public final class QualitySummary {
  /** One entity's numbers. */
  public record EntitySummary(
      String entity,
      long read,
      long accepted,
      long quarantined,
      Map<String, Long> quarantinedByRule,
      long duplicates,
      long pending,
      Map<String, Long> orphans,
      Instant newestRecord) {

    /** read = accepted + quarantined + duplicates (contract §3). */
    public boolean identityHolds() {
      return read == accepted + quarantined + duplicates;
    }

    /** quarantined / read; 0 when nothing was read. */
    public BigDecimal rejectRate() {
      return read == 0 ? BigDecimal.ZERO
          : BigDecimal.valueOf(quarantined).divide(BigDecimal.valueOf(read), 6, RoundingMode.HALF_UP);
    }
  }

  /** One outlier scan: a measure's robust statistics and the most extreme outliers. */
  public record OutlierSummary(String entity, String measure, long count, String median, String mad, long outliers,
      String examples) {}

  private final LocalDate runDate;
  private final QualityRules rules;
  private final Map<String, EntitySummary> entities;
  private final List<OutlierSummary> outliers;

  private QualitySummary(LocalDate runDate, QualityRules rules, Map<String, EntitySummary> entities,
      List<OutlierSummary> outliers) {
    this.runDate = runDate;
    this.rules = rules;
    this.entities = entities;
    this.outliers = outliers;
  }

  /** A summary with the default rules' thresholds. */
  public static QualitySummary of(LocalDate runDate, Map<String, Long> counters, Map<String, String> facts) {
    return of(runDate, counters, facts, QualityRules.defaults());
  }

  /**
   * @param counters the run's counters, name → value (see {@link SilverCounters#collect})
   * @param facts the {@link SilverResult#qualityFacts()} of the run, name → value
   */
  public static QualitySummary of(LocalDate runDate, Map<String, Long> counters, Map<String, String> facts,
      QualityRules rules) {
    Map<String, EntitySummary> entities = new LinkedHashMap<>();
    for (Table t : SilverTables.ENTITIES) {
      String e = t.name();
      String p = "silver." + e + ".";
      Map<String, Long> byRule = new LinkedHashMap<>();
      for (String rule : RuleCodes.ALL) {
        long n = counters.getOrDefault(p + "quarantined." + rule, 0L);
        if (n > 0) {
          byRule.put(rule, n);
        }
      }
      Map<String, Long> orphans = new TreeMap<>();
      counters.forEach((name, v) -> {
        if (name.startsWith(p + "orphan_")) {
          orphans.put(name.substring(p.length()), v);
        }
      });
      Long newestMicros = counters.get(SilverCounters.newest(e));
      String newest = newestMicros == null ? null : Instant.EPOCH.plus(newestMicros, ChronoUnit.MICROS).toString();
      entities.put(e, new EntitySummary(e,
          counters.getOrDefault(p + "read", 0L),
          counters.getOrDefault(p + "accepted", 0L),
          counters.getOrDefault(p + "quarantined", 0L),
          Collections.unmodifiableMap(byRule),
          counters.getOrDefault(p + "duplicates", 0L),
          counters.getOrDefault(p + "pending", 0L),
          Collections.unmodifiableMap(orphans),
          newest == null ? null : Instant.parse(newest)));
    }
    List<OutlierSummary> outliers = new ArrayList<>();
    for (QualityRules.Outlier o : rules.outliers()) {
      String p = "outlier." + o.entity() + "." + o.column() + ".";
      if (facts.containsKey(p + "count")) {
        outliers.add(new OutlierSummary(o.entity(), o.column(), Long.parseLong(facts.get(p + "count")),
            facts.get(p + "median"), facts.get(p + "mad"), Long.parseLong(facts.getOrDefault(p + "outliers", "0")),
            facts.getOrDefault(p + "examples", "")));
      }
    }
    return new QualitySummary(runDate, rules, Collections.unmodifiableMap(entities), List.copyOf(outliers));
  }

  public LocalDate runDate() {
    return runDate;
  }

  public Map<String, EntitySummary> entities() {
    return entities;
  }

  public EntitySummary entity(String entity) {
    EntitySummary s = entities.get(entity);
    if (s == null) {
      throw new IllegalArgumentException("no entity " + entity + " in the summary; entities are " + entities.keySet());
    }
    return s;
  }

  public boolean identityHolds(String entity) {
    return entity(entity).identityHolds();
  }

  public List<OutlierSummary> outliers() {
    return outliers;
  }

  /** Every gate finding (failures and warnings) with the rules the summary was built with. */
  public List<QualityGates.Finding> findings() {
    return QualityGates.findings(this, rules);
  }

  static String percent(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  public String toJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("run_date", runDate.toString());
    root.put("rules", rules.source());
    List<QualityGates.Finding> findings = findings();
    root.put("passed", findings.stream().noneMatch(QualityGates.Finding::isFailure));
    ArrayNode es = root.putArray("entities");
    for (EntitySummary e : entities.values()) {
      ObjectNode n = es.addObject();
      n.put("entity", e.entity());
      n.put("read", e.read());
      n.put("accepted", e.accepted());
      n.put("quarantined", e.quarantined());
      ObjectNode byRule = n.putObject("quarantined_by_rule");
      e.quarantinedByRule().forEach(byRule::put);
      n.put("duplicates", e.duplicates());
      n.put("pending", e.pending());
      ObjectNode orphans = n.putObject("orphans");
      e.orphans().forEach(orphans::put);
      n.put("reject_rate", e.rejectRate().setScale(4, RoundingMode.HALF_UP));
      n.put("reject_rate_threshold", BigDecimal.valueOf(rules.rejectRateThreshold(e.entity())));
      n.put("identity_holds", e.identityHolds());
      n.put("newest_record", e.newestRecord() == null ? null : e.newestRecord().toString());
    }
    ArrayNode os = root.putArray("outliers");
    for (OutlierSummary o : outliers) {
      ObjectNode n = os.addObject();
      n.put("entity", o.entity());
      n.put("measure", o.measure());
      n.put("count", o.count());
      n.put("median", o.median());
      n.put("mad", o.mad());
      n.put("outliers", o.outliers());
      n.put("examples", o.examples());
    }
    ArrayNode fs = root.putArray("findings");
    for (QualityGates.Finding f : findings) {
      ObjectNode n = fs.addObject();
      n.put("entity", f.entity());
      n.put("check", f.check());
      n.put("severity", f.severity());
      n.put("message", f.message());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-contained page: the gate verdict, a table per entity, the outlier scans; problems highlighted. */
  public String toHtml() {
    List<QualityGates.Finding> findings = findings();
    boolean passed = findings.stream().noneMatch(QualityGates.Finding::isFailure);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Data quality ")
        .append(runDate).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}\n")
        .append("td,th{border:1px solid #ccc;padding:.3em .7em;text-align:left}td.n{text-align:right}\n")
        .append(".fail{background:#fdd;color:#900;font-weight:bold}.warn{background:#fff3cd;color:#7a5b00}.ok{color:#060}\n")
        .append("</style></head><body>\n<h1>Data quality, run ").append(runDate).append("</h1>\n");
    h.append("<p class=\"").append(passed ? "ok" : "fail").append("\">Gates: ").append(passed ? "passed" : "FAILED")
        .append("</p>\n");
    if (!findings.isEmpty()) {
      h.append("<ul>\n");
      for (QualityGates.Finding f : findings) {
        h.append("<li class=\"").append(f.isFailure() ? "fail" : "warn").append("\">").append(f.severity()).append(": ")
            .append(esc(f.message())).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    for (EntitySummary e : entities.values()) {
      boolean overRate = e.rejectRate().compareTo(BigDecimal.valueOf(rules.rejectRateThreshold(e.entity()))) > 0;
      boolean entityWarned = findings.stream().anyMatch(f -> f.entity().equals(e.entity()) && !f.isFailure());
      h.append("<h2>").append(esc(e.entity())).append("</h2>\n<table>\n");
      row(h, "read", String.valueOf(e.read()), "");
      row(h, "accepted", String.valueOf(e.accepted()), "");
      row(h, "quarantined", String.valueOf(e.quarantined()), e.quarantined() > 0 ? "warn" : "");
      e.quarantinedByRule().forEach((rule, n) -> row(h, "&nbsp;&nbsp;" + esc(rule), String.valueOf(n), "warn"));
      row(h, "duplicates", String.valueOf(e.duplicates()), "");
      if (e.entity().equals("order_items")) {
        row(h, "pending (order not yet arrived)", String.valueOf(e.pending()), e.pending() > 0 ? "warn" : "");
      }
      e.orphans().forEach((k, n) -> row(h, esc(k.replace('_', ' ')), String.valueOf(n), n > 0 ? "warn" : ""));
      row(h, "reject rate (threshold " + percent(BigDecimal.valueOf(rules.rejectRateThreshold(e.entity()))) + ")",
          percent(e.rejectRate()), overRate ? "fail" : "");
      row(h, "read = accepted + quarantined + duplicates", e.identityHolds() ? "holds" : "BROKEN",
          e.identityHolds() ? "" : "fail");
      row(h, "newest record", e.newestRecord() == null ? "none today" : e.newestRecord().toString(),
          entityWarned && findings.stream().anyMatch(f -> f.entity().equals(e.entity()) && f.check().equals("freshness"))
              ? "warn" : "");
      h.append("</table>\n");
    }
    if (!outliers.isEmpty()) {
      h.append("<h2>Outliers</h2>\n<table>\n<tr><th>measure</th><th>values</th><th>median</th><th>MAD</th>"
          + "<th>outliers</th><th>most extreme</th></tr>\n");
      for (OutlierSummary o : outliers) {
        String cls = o.outliers() > 0 ? " class=\"warn\"" : "";
        h.append("<tr").append(cls).append("><td>").append(esc(o.entity() + "." + o.measure())).append("</td><td class=\"n\">")
            .append(o.count()).append("</td><td class=\"n\">").append(esc(o.median())).append("</td><td class=\"n\">")
            .append(esc(o.mad())).append("</td><td class=\"n\">").append(o.outliers()).append("</td><td>")
            .append(esc(o.examples())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String label, String value, String cls) {
    h.append("<tr").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append("><th>").append(label)
        .append("</th><td class=\"n\">").append(esc(value)).append("</td></tr>\n");
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
