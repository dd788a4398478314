package io.ecompipeline.pipelines.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered page in headless Chromium from file:// with the network of no use, and reads
 * back the page's own self-check (#render-report): every chart drew all its points, pixels were
 * painted, no error reached window.onerror or console.error. Also saves a screenshot to
 * pipelines/target/dashboard/dashboard.png for a human look.
 *
 * <p>Needs Chromium: {@code apt-get update && apt-get install -y chromium} (Debian package
 * {@code chromium}), or {@code -Dchromium=/path/to/chrome}. Without it the test fails; it never
 * skips.
 */
class DashboardBrowserTest {
  static final Path OUT = Path.of("target", "dashboard").toAbsolutePath();

  /** Points each chart must draw with the story: bars, line points, grouped bars. */
  static final Map<String, Integer> EXPECTED_POINTS = Map.of(
      "revenueTrend", 18, // 9 daily bars + 9 moving-average points
      "revenueByCategory", 3,
      "topProducts", 10,
      "funnelByDevice", 10, // 5 stages × 2 devices
      "clvSegments", 6, // 3 segments × (customers, revenue)
      "returnsPayments", 18); // 9 days × 2 rates

  @TempDir static Path tmp;
  static Path page;
  static String chromium;

  @BeforeAll
  static void renderPage() throws Exception {
    chromium = findChromium();
    String url = DashboardStory.write(tmp.resolve("story.duckdb"));
    String html;
    try (Connection c = DriverManager.getConnection(url)) {
      html = Dashboard.render(c, DashboardStory.SCHEMA, Optional.of(DashboardStory.QUALITY_JSON));
    }
    Files.createDirectories(OUT);
    page = OUT.resolve("dashboard.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
  }

  static String findChromium() {
    String configured = System.getProperty("chromium", System.getenv().getOrDefault("CHROMIUM", ""));
    if (!configured.isBlank()) {
      if (!Files.isExecutable(Path.of(configured))) {
        fail("Chromium given by -Dchromium / CHROMIUM is not an executable: " + configured
            + ". Install it: apt-get update && apt-get install -y chromium");
      }
      return configured;
    }
    List<String> candidates = new ArrayList<>();
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return fail("Chromium is needed for the dashboard browser test and was not found at " + candidates
        + ". Install it: apt-get update && apt-get install -y chromium   (or pass -Dchromium=/path/to/chrome)");
  }

  @Test
  void everyChartDrawsAllItsDataWithoutErrors() throws Exception {
    Path profile = Files.createTempDirectory(tmp, "profile");
    Path dom = OUT.resolve("dashboard.dom.html");
    Run run = chromium(profile, dom, "--dump-dom", "--virtual-time-budget=5000", page.toUri().toString());
    String text = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat("chromium printed the DOM (exit " + run.exit + "): " + run.stderrTail(), text, containsString("render-report"));

    Matcher m = Pattern.compile("<pre id=\"render-report\">(.*?)</pre>", Pattern.DOTALL).matcher(text);
    assertThat("report element in the dumped DOM", m.find(), is(true));
    String reportText = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    assertThat("the page script finished and wrote its report; chromium: " + run.stderrTail(),
        reportText.trim().startsWith("{"), is(true));
    JsonNode report = new ObjectMapper().readTree(reportText);

    List<String> errors = new ArrayList<>();
    report.get("errors").forEach(e -> errors.add(e.asText()));
    assertThat("errors caught in the page", errors, is(empty()));
    assertThat(report.get("library").asText(), containsString("chart.js 4."));
    for (Map.Entry<String, Integer> e : EXPECTED_POINTS.entrySet()) {
      JsonNode chart = report.get("charts").get(e.getKey());
      assertThat("chart " + e.getKey() + " in " + report, chart != null, is(true));
      assertThat("points drawn by " + e.getKey(), chart.get("points").asInt(), is(e.getValue()));
      assertThat("points off the plot area in " + e.getKey(), chart.get("outside").asInt(), is(0));
      assertThat("pixels painted by " + e.getKey(), chart.get("paintedSamples").asInt(), greaterThan(100));
      assertThat(e.getKey() + " has a size", chart.get("width").asInt(), greaterThan(200));
    }
    assertThat(report.get("charts").size(), is(EXPECTED_POINTS.size()));
    assertThat(report.get("status").asText(), is("ok"));
    assertThat(text, containsString("<title>ecom-pipeline dashboard [render: ok]</title>"));
    assertThat("the hostile product name stayed text", text, containsString("Mug &lt;/script&gt;"));
  }

  /** The self-check is worth something only if it can fail: a page without the library must say error. */
  @Test
  void selfCheckReportsABrokenPage() throws Exception {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    int start = html.indexOf("<script id=\"chart-library\">");
    int end = html.indexOf("</script>", start);
    String broken = html.substring(0, start) + "<script id=\"chart-library\">console.error('boom');" + html.substring(end);
    Path brokenPage = OUT.resolve("broken.html");
    Files.writeString(brokenPage, broken, StandardCharsets.UTF_8);
    Path dom = OUT.resolve("broken.dom.html");
    chromium(Files.createTempDirectory(tmp, "profile"), dom, "--dump-dom", "--virtual-time-budget=5000", brokenPage.toUri().toString());
    String text = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat(text, containsString("[render: error]"));
    assertThat(text, containsString("console.error: boom"));
    assertThat(text, containsString("the inlined Chart.js did not load"));
  }

  @Test
  void screenshotShowsThePage() throws Exception {
    Path profile = Files.createTempDirectory(tmp, "profile");
    Path png = OUT.resolve("dashboard.png");
    Files.deleteIfExists(png);
    Run run = chromium(profile, null, "--screenshot=" + png, "--window-size=1400,2000", "--hide-scrollbars",
        "--virtual-time-budget=5000", page.toUri().toString());
    assertThat("screenshot written (exit " + run.exit + "): " + run.stderrTail(), Files.exists(png), is(true));
    byte[] bytes = Files.readAllBytes(png);
    assertThat("a PNG", bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', is(true));
    // A blank 1400×2000 page compresses to a few KB; six charts with text are well over 100 KB.
    assertThat("screenshot size in bytes", bytes.length, greaterThan(60_000));
  }

  record Run(int exit, String stderr) {
    String stderrTail() {
      return stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
    }
  }

  private static Run chromium(Path profile, Path stdout, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(tmp, "chromium", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 90 s: " + String.join(" ", cmd));
    }
    return new Run(p.exitValue(), Files.readString(err));
  }
}
