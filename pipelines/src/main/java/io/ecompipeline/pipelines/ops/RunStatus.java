package io.ecompipeline.pipelines.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The state of a lake's runs, from the manifests under {@code _runs/} and the bronze folders. */
public record RunStatus(List<Run> runs, List<Missing> missing) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INGEST_DATE = Pattern.compile("ingest_date=(\\d{4}-\\d{2}-\\d{2})");

  /** One run manifest. */
  public record Run(String runDate, String outcome, long durationMillis, long rowsRead, String finishedAt, String failure) {}

  /** A date that has bronze but no successful run; {@code lastOutcome} is null when it never ran. */
  public record Missing(String date, String lastOutcome) {}

  public static RunStatus of(String lake) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (String path : LakeFiles.match(LakePaths.join(lake, "_runs", "*", "manifest.json"))) {
      JsonNode m = JSON.readTree(LakeFiles.readString(path));
      long read = 0;
      for (var it = m.path("counters").fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().matches("silver\\.[a-z_]+\\.read")) {
          read += e.getValue().asLong();
        }
      }
      long millis = 0;
      String started = m.path("started_at").asText(null);
      String finished = m.path("finished_at").asText(null);
      if (started != null && finished != null) {
        millis = Duration.between(Instant.parse(started), Instant.parse(finished)).toMillis();
      }
      runs.add(new Run(m.path("run_date").asText(), m.path("outcome").asText("unknown"), millis, read, finished,
          m.path("failure").asText(null)));
    }
    runs.sort(Comparator.comparing(Run::runDate).reversed());
    Map<String, String> outcomeByDate = new TreeMap<>();
    runs.forEach(r -> outcomeByDate.put(r.runDate(), r.outcome()));
    TreeSet<String> bronzeDates = new TreeSet<>();
    for (String f : LakeFiles.match(LakePaths.join(lake, "bronze", "*", "ingest_date=*", "*"))) {
      Matcher mt = INGEST_DATE.matcher(f);
      if (mt.find()) {
        bronzeDates.add(mt.group(1));
      }
    }
    List<Missing> missing = new ArrayList<>();
    for (String d : bronzeDates) {
      String outcome = outcomeByDate.get(d);
      if (!"succeeded".equals(outcome)) {
        missing.add(new Missing(d, outcome));
      }
    }
    return new RunStatus(runs, missing);
  }

  /** The last {@code limit} runs and the missing dates, with the command that fills the gap. */
  public String render(int limit, String lake) {
    StringBuilder b = new StringBuilder();
    if (runs.isEmpty()) {
      b.append("No runs yet under ").append(LakePaths.join(lake, "_runs")).append('\n');
    } else {
      b.append(String.format("Last runs (newest first):%n%-10s  %-9s  %9s  %10s  %s%n", "date", "outcome", "duration", "rows read",
          "finished at"));
      for (Run r : runs.subList(0, Math.min(limit, runs.size()))) {
        b.append(String.format("%-10s  %-9s  %8.1fs  %,10d  %s%n", r.runDate(), r.outcome(), r.durationMillis() / 1000.0, r.rowsRead(),
            r.finishedAt() == null ? "-" : r.finishedAt()));
      }
    }
    if (missing.isEmpty()) {
      b.append("Nothing missing: every date with bronze has a successful run.\n");
    } else {
      b.append("Missing (bronze but no successful run):\n");
      for (Missing m : missing) {
        b.append(String.format("  %s  %s%n", m.date(), m.lastOutcome() == null ? "never run" : "last run " + m.lastOutcome()));
      }
      String first = missing.get(0).date();
      String last = missing.get(missing.size() - 1).date();
      b.append("Run them with: bin/ecom run --lake ").append(lake)
          .append(first.equals(last) ? " --date " + first : " --from " + first + " --to " + last).append('\n');
    }
    return b.toString();
  }
}
