package io.ecompipeline.pipelines.run;

import io.ecompipeline.transforms.quality.IncrementalMerge;
import io.ecompipeline.transforms.quality.QualitySummary;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.warehouse.load.LoadResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one date's run did, in numbers: the one-screen summary at the end of {@code run}, and a
 * row of the table at the end of a backfill.
 *
 * @param goldRows rows written per gold table; empty when the run stopped at silver
 * @param warehouseRows rows loaded, or -1 when the run did not load
 */
public record RunSummary(
    LocalDate date,
    String outcome,
    long millis,
    long read,
    long accepted,
    long quarantined,
    long duplicates,
    Map<String, Long> silverRows,
    Map<String, Long> goldRows,
    List<String> goldMonths,
    int gateWarnings,
    long warehouseRows) {

  /** A date that failed before it could count anything. */
  public static RunSummary failed(LocalDate date, long millis) {
    return new RunSummary(date, "failed", millis, 0, 0, 0, 0, Map.of(), Map.of(), null, 0, -1);
  }

  /** {@code goldTables}: those the run built; {@code goldMonths}: the months they were built for (null when built whole or not built). */
  static RunSummary of(LocalDate date, QualitySummary quality, Map<String, Long> counters, List<Table> goldTables, List<String> goldMonths,
      int gateWarnings, LoadResult load, long millis) {
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    long duplicates = 0;
    for (var e : quality.entities().values()) {
      read += e.read();
      accepted += e.accepted();
      quarantined += e.quarantined();
      duplicates += e.duplicates();
    }
    Map<String, Long> silver = new LinkedHashMap<>();
    for (Table t : DailyPipeline.silverTables()) {
      // An incrementally merged table writes only the files it rewrote; the rest were kept.
      silver.put(t.name(), counters.getOrDefault("write." + t.name() + ".rows", 0L)
          + counters.getOrDefault(IncrementalMerge.keptRows(t), 0L));
    }
    Map<String, Long> gold = new LinkedHashMap<>();
    for (Table t : goldTables) {
      gold.put(t.name(), counters.getOrDefault("write." + t.name() + ".rows", 0L));
    }
    long wh = load == null ? -1 : load.tables().stream().mapToLong(LoadResult.TableResult::rows).sum();
    return new RunSummary(date, "succeeded", millis, read, accepted, quarantined, duplicates, silver, gold, goldMonths, gateWarnings, wh);
  }

  /** The one-screen summary of a run. */
  public String toScreen() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%s %s in %.1f s%n", date, outcome, millis / 1000.0));
    b.append(String.format("  bronze      read %,d: accepted %,d, quarantined %,d, duplicates dropped %,d%n", read, accepted,
        quarantined, duplicates));
    b.append("  silver      ").append(join(silverRows)).append('\n');
    b.append("  gold        ").append(goldRows.isEmpty() ? "not built (--silver-only)" : join(goldRows)).append('\n');
    if (goldMonths != null) {
      b.append("              facts and daily aggregates built for ")
          .append(goldMonths.isEmpty() ? "no month (nothing they show changed)" : "month(s) " + String.join(", ", goldMonths))
          .append(", the other months kept\n");
    }
    b.append(String.format("  gates       held%s%n", gateWarnings == 0 ? ", no warnings" : ", " + gateWarnings + " warning(s)"));
    b.append("  warehouse   ").append(warehouseRows < 0 ? "not loaded" : String.format("%,d rows loaded", warehouseRows)).append('\n');
    return b.toString();
  }

  /** The final table of a backfill, one line per date. */
  public static String table(List<RunSummary> runs) {
    StringBuilder b = new StringBuilder(String.format("%-10s  %-9s  %8s  %10s  %11s  %10s%n", "date", "outcome", "seconds", "read",
        "quarantined", "warehouse"));
    long total = 0;
    for (RunSummary r : runs) {
      total += r.millis();
      b.append(String.format("%-10s  %-9s  %8.1f  %,10d  %,11d  %10s%n", r.date(), r.outcome(), r.millis() / 1000.0, r.read(),
          r.quarantined(), r.warehouseRows() < 0 ? "-" : String.format("%,d", r.warehouseRows())));
    }
    b.append(String.format("%d date(s), %.1f s%n", runs.size(), total / 1000.0));
    return b.toString();
  }

  private static String join(Map<String, Long> rows) {
    StringBuilder b = new StringBuilder();
    rows.forEach((t, n) -> b.append(b.length() == 0 ? "" : ", ").append(t).append(' ').append(String.format("%,d", n)));
    return b.length() == 0 ? "-" : b.toString();
  }
}
