package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.EcomException;
import java.io.PrintWriter;
import java.time.LocalDate;

/** Runs ingest dates in date order, stopping at the first failure with a hint to resume. */
public final class Backfill {
  private Backfill() {}

  public static void run(RunSettings settings, LocalDate from, LocalDate to, PrintWriter out) {
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      try {
        DailyRun.run(settings, d, out);
      } catch (EcomException e) {
        if (from.equals(to)) {
          throw e;
        }
        String resume = d.equals(to) ? "--date " + d : "--from " + d + " --to " + to;
        throw new EcomException(
            e.exitCode(),
            e.getMessage() + "\nBackfill stopped at " + d + " (dates before it are done). Resume with: bin/ecom run " + resume,
            e.getCause());
      }
    }
  }
}
