package io.ecompipeline.transforms.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The quality gates of contract §3: per entity, a reject rate above its threshold fails the run
 * (before anything reaches gold); a broken row accounting fails it too (that is a pipeline bug).
 * Freshness and outliers are warnings unless the rules file gives them severity {@code error}.
 *
 * <p>Freshness: the newest record of today's valid rows must be no older than {@code max_age_hours}
 * before the start of the run date (00:00 UTC); an entity with no valid rows today is stale.
 */
public final class QualityGates {
  private QualityGates() {}

  /** One gate result: which entity, which check, error or warning, and a sentence for people. */
  public record Finding(String entity, String check, String severity, String message) {
    public boolean isFailure() {
      return "error".equals(severity);
    }
  }

  /** The failures only: when this is not empty the run must stop before gold. */
  public static List<Finding> evaluate(QualitySummary summary, QualityRules rules) {
    return findings(summary, rules).stream().filter(Finding::isFailure).toList();
  }

  /** The warnings only. */
  public static List<Finding> warnings(QualitySummary summary, QualityRules rules) {
    return findings(summary, rules).stream().filter(f -> !f.isFailure()).toList();
  }

  /** Every finding, failures and warnings, entity by entity. */
  public static List<Finding> findings(QualitySummary summary, QualityRules rules) {
    List<Finding> out = new ArrayList<>();
    for (QualitySummary.EntitySummary e : summary.entities().values()) {
      String name = e.entity();
      if (!e.identityHolds()) {
        out.add(new Finding(name, "accounting", "error", name + ": row accounting broken: read " + e.read()
            + " ≠ accepted " + e.accepted() + " + quarantined " + e.quarantined() + " + duplicates " + e.duplicates()));
      }
      BigDecimal threshold = BigDecimal.valueOf(rules.rejectRateThreshold(name));
      if (e.rejectRate().compareTo(threshold) > 0) {
        String top = e.quarantinedByRule().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(3)
            .map(r -> r.getKey() + " " + r.getValue())
            .collect(Collectors.joining(", "));
        // A rate over a handful of records is noise (1 bad line in a 14-line change file is 7%):
        // below the rule's minimum volume a breach is reported as a warning, not a failure.
        boolean enough = e.read() >= rules.rejectRateMinRows(name);
        out.add(new Finding(name, "reject_rate", enough ? rules.rejectRateSeverity(name) : "warning", name + ": reject rate "
            + QualitySummary.percent(e.rejectRate()) + " exceeds " + QualitySummary.percent(threshold)
            + " (" + top + ")" + (enough ? "" : "; only " + e.read() + " records read, below the gate's minimum of "
            + rules.rejectRateMinRows(name))));
      }
      rules.freshness(name).ifPresent(f -> {
        Instant limit = summary.runDate().atStartOfDay(ZoneOffset.UTC).toInstant()
            .minusSeconds(Math.round(f.maxAgeHours() * 3600));
        String hours = BigDecimal.valueOf(f.maxAgeHours()).stripTrailingZeros().toPlainString();
        if (e.newestRecord() == null) {
          out.add(new Finding(name, "freshness", f.severity(), name + ": no valid records today, so nothing newer than "
              + hours + " h before the run date " + summary.runDate()));
        } else if (e.newestRecord().isBefore(limit)) {
          out.add(new Finding(name, "freshness", f.severity(), name + ": newest " + f.column() + " "
              + e.newestRecord() + " is older than " + hours + " h before the run date " + summary.runDate()));
        }
      });
    }
    for (QualitySummary.OutlierSummary o : summary.outliers()) {
      if (o.outliers() > 0) {
        QualityRules.Outlier rule = rules.outlier(o.entity(), o.measure()).orElse(null);
        String severity = rule == null ? "warning" : rule.severity();
        String threshold = rule == null ? "?" : BigDecimal.valueOf(rule.threshold()).stripTrailingZeros().toPlainString();
        out.add(new Finding(o.entity(), "outlier", severity, o.entity() + "." + o.measure() + ": " + o.outliers()
            + " outlier" + (o.outliers() == 1 ? "" : "s") + " of " + o.count() + " (|x − median| / (1.4826·MAD) > "
            + threshold + "; median " + o.median() + ", MAD " + o.mad() + "): " + o.examples()));
      }
    }
    out.sort(Comparator.comparing((Finding f) -> !f.isFailure()));
    return out;
  }
}
