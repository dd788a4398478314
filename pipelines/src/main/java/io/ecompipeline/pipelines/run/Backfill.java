package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.ops.OpsSettings;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Runs ingest dates in date order, stopping at the first failure with a hint to resume. */
public final class Backfill {
  private Backfill() {}

  /** Runs one date; the real one is {@link DailyRun#run}, tests pass a fake. */
  @FunctionalInterface
  public interface DateRunner {
    RunSummary run(LocalDate date);
  }

  public static void run(RunSettings settings, LocalDate from, LocalDate to, PrintWriter out) {
    run(settings, OpsSettings.defaults(), from, to, out);
  }

  public static void run(RunSettings settings, OpsSettings ops, LocalDate from, LocalDate to, PrintWriter out) {
    run(d -> DailyRun.run(settings, ops, d, out), from, to, out);
  }

  public static void run(DateRunner runner, LocalDate from, LocalDate to, PrintWriter out) {
    List<RunSummary> done = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long t0 = System.nanoTime();
      try {
        done.add(runner.run(d));
      } catch (EcomException e) {
        if (from.equals(to)) {
          throw e;
        }
        done.add(RunSummary.failed(d, (System.nanoTime() - t0) / 1_000_000));
        out.print(RunSummary.table(done));
        out.flush();
        String resume = d.equals(to) ? "--date " + d : "--from " + d + " --to " + to;
        throw new EcomException(
            e.exitCode(),
            e.getMessage() + "\nBackfill stopped at " + d + " (dates before it are done). Resume with: bin/ecom run " + resume,
            e.getCause());
      }
    }
    if (!from.equals(to)) {
      out.print(RunSummary.table(done));
      out.flush();
    }
  }
}
