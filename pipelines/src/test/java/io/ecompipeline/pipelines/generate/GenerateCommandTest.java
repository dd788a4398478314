package io.ecompipeline.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code generate} command: options, validation messages and the printed summary. */
class GenerateCommandTest {

  @TempDir
  Path tmp;

  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  int execute(String... args) {
    CommandLine cl = new CommandLine(new GenerateCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void generatesAndPrintsASummary() {
    int code = execute("--lake", tmp.toString(), "--start", "2025-01-01", "--days", "2", "--scale", "0.02",
        "--dirty-rate", "0.05");
    assertThat(err.toString(), code, is(0));
    assertThat(out.toString(), allOf(containsString("order_items"), containsString("malformed_record"),
        containsString("order lines/s")));
    assertThat(Files.exists(tmp.resolve("bronze/orders/ingest_date=2025-01-02")), is(true));
  }

  @Test
  void defaultsAreOneDayScaleOneSeed42Clean() {
    GenerateCommand c = new GenerateCommand();
    new CommandLine(c).parseArgs("--lake", "x", "--start", "2025-01-01");
    GeneratorConfig cfg = c.config();
    assertThat(cfg, is(new GeneratorConfig(Path.of("x"), LocalDate.of(2025, 1, 1), 1, 1.0, 42, 0.0)));
  }

  @Test
  void invalidValuesSayWhatToTypeInstead() {
    String[][] bad = {
        {"--start", "2025-13-01"}, {"--start", "01/02/2025"}, {"--days", "0"}, {"--scale", "0"},
        {"--scale", "-1"}, {"--dirty-rate", "1.5"}, {"--dirty-rate", "-0.1"}};
    for (String[] b : bad) {
      GenerateCommand c = new GenerateCommand();
      CommandLine cl = new CommandLine(c);
      String[] args = b[0].equals("--start") ? new String[] {"--lake", "x", b[0], b[1]}
          : new String[] {"--lake", "x", "--start", "2025-01-01", b[0], b[1]};
      cl.parseArgs(args);
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, c::config);
      assertThat(e.getMessage(), allOf(containsString(b[0]), containsString("type")));
    }
    GenerateCommand s3 = new GenerateCommand();
    new CommandLine(s3).parseArgs("--lake", "s3://bucket/lake", "--start", "2025-01-01");
    assertThat(assertThrows(CommandLine.ParameterException.class, s3::config).getMessage(), containsString("--lake ./lake"));
    assertThat(execute("--lake", tmp.toString(), "--start", "yesterday"), is(2));
    assertThat(err.toString(), containsString("YYYY-MM-DD"));
  }

  @Test
  void theConfigRejectsImpossibleValuesToo() {
    Path p = Path.of("x");
    LocalDate d = LocalDate.of(2025, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(p, d, 0, 1, 42, 0));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(p, d, 1, 0, 42, 0));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(p, d, 1, Double.NaN, 42, 0));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(p, d, 1, 1, 42, 2));
  }
}
