package io.ecompipeline.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.pipelines.cli.EcomException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backfills run dates in order, stop at the first failure with a resume hint, and resume from there. */
class BackfillTest {
  static final LocalDate D1 = LocalDate.parse("2025-01-01");
  static final LocalDate D3 = LocalDate.parse("2025-01-03");
  static final LocalDate D5 = LocalDate.parse("2025-01-05");

  final List<LocalDate> done = new ArrayList<>();
  boolean day3Broken = true;
  final StringWriter out = new StringWriter();

  RunSummary fakeRun(LocalDate d) {
    if (d.equals(D3) && day3Broken) {
      throw new EcomException(EcomException.EXIT_GATE, "quality gate failed for " + d + ", nothing was published");
    }
    done.add(d);
    return new RunSummary(d, "succeeded", 5, 100, 95, 5, 0, Map.of(), Map.of(), null, 0, 42);
  }

  @Test
  void aBackfillOverFiveDaysStopsAtDayThreeAndResumesAfterTheFix() {
    EcomException e = assertThrows(EcomException.class,
        () -> Backfill.run(this::fakeRun, D1, D5, new PrintWriter(out)));
    assertThat(done, contains(D1, D1.plusDays(1)));
    assertThat(e.exitCode(), is(EcomException.EXIT_GATE));
    assertThat(e.getMessage(), allOf(containsString("quality gate failed for 2025-01-03"),
        containsString("Backfill stopped at 2025-01-03"), containsString("bin/ecom run --from 2025-01-03 --to 2025-01-05")));
    assertThat(out.toString(), allOf(containsString("2025-01-02  succeeded"), containsString("2025-01-03  failed")));

    day3Broken = false;
    Backfill.run(this::fakeRun, D3, D5, new PrintWriter(out));
    assertThat(done, contains(D1, D1.plusDays(1), D3, D3.plusDays(1), D5));
    assertThat(out.toString(), containsString("3 date(s)"));
  }

  @Test
  void aFailureOnTheLastDateSuggestsRunningThatDate() {
    EcomException e = assertThrows(EcomException.class,
        () -> Backfill.run(this::fakeRun, D1, D3, new PrintWriter(out)));
    assertThat(e.getMessage(), containsString("Resume with: bin/ecom run --date 2025-01-03"));
  }

  @Test
  void aSingleDateFailureIsPassedThroughUnchanged() {
    EcomException e = assertThrows(EcomException.class, () -> Backfill.run(this::fakeRun, D3, D3, new PrintWriter(out)));
    assertThat(e.getMessage(), not(containsString("Backfill stopped")));
  }
}
