package io.ecompipeline.pipelines.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashboardTest {
  @TempDir static Path dir;
  static String url;
  static String html;

  @BeforeAll
  static void render() throws Exception {
    url = DashboardStory.write(dir.resolve("story.duckdb"));
    try (Connection c = DriverManager.getConnection(url)) {
      html = Dashboard.render(c, DashboardStory.SCHEMA, Optional.of(DashboardStory.QUALITY_JSON));
    }
  }

  static JsonNode data(String page) throws Exception {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", Pattern.DOTALL).matcher(page);
    assertThat("embedded data present", m.find(), is(true));
    return new ObjectMapper().readTree(m.group(1));
  }

  @Test
  void isOneSelfContainedPageWithTheLibraryInlined() {
    assertThat(html, containsString("<!DOCTYPE html>"));
    assertThat(html, containsString("Chart.js v4.6.1"));
    assertThat(html, containsString("<script id=\"chart-library\">"));
    assertThat(html.toLowerCase(), not(containsString("<script src")));
    assertThat(html.toLowerCase(), not(containsString("src=\"http")));
    assertThat(html.toLowerCase(), not(containsString("<link")));
    assertThat(html, not(containsString("sourceMappingURL")));
    assertThat("the library is big: it is really inlined", html.length(), greaterThan(200_000));
  }

  @Test
  void kpiTilesAddUpTheDays() {
    assertThat(html, containsString("id=\"kpi-orders\">" + DashboardStory.ORDERS + "<"));
    assertThat(html, containsString("id=\"kpi-net-revenue\">" + DashboardStory.NET_REVENUE + "<"));
    assertThat(html, containsString("id=\"kpi-aov\">" + DashboardStory.AOV + "<"));
    assertThat(html, containsString("id=\"kpi-new-customers\">" + DashboardStory.NEW_CUSTOMERS + "<"));
    assertThat(html, containsString("2025-01-01 … 2025-01-09 (9 days)"));
  }

  @Test
  void revenueTrendHasMoneyAsDecimalStringsAndTheSevenDayAverage() throws Exception {
    JsonNode daily = data(html).get("daily");
    assertThat(daily.get("dates").size(), is(9));
    assertThat(daily.get("dates").get(0).asText(), is("2025-01-01"));
    assertThat(daily.get("netRevenue").get(0).isTextual(), is(true));
    assertThat(daily.get("netRevenue").get(0).asText(), is("1125.50"));
    // day 2: (1125.50 + 1251.00) / 2; day 7: mean of days 1..7 = 1000 + 125.50 × 4; day 9: days 3..9
    assertThat(daily.get("netRevenueMa7").get(0).asText(), is("1125.50"));
    assertThat(daily.get("netRevenueMa7").get(1).asText(), is("1188.25"));
    assertThat(daily.get("netRevenueMa7").get(6).asText(), is("1502.00"));
    assertThat(daily.get("netRevenueMa7").get(8).asText(), is("1753.00"));
    assertThat(daily.get("returnRate").get(2).asText(), is("0.0300"));
    assertThat(daily.get("paymentFailureRate").get(0).asText(), is("0.0500"));
    assertThat(daily.get("paymentFailureRate").get(1).asText(), is("0.0200"));
  }

  @Test
  void categoriesProductsFunnelAndSegments() throws Exception {
    JsonNode d = data(html);
    assertThat(d.get("categories").get("labels").toString(), is("[\"Electronics\",\"Home \\u0026 Garden\",\"Books\"]".replace("\\u0026", "&")));
    assertThat(d.get("categories").get("netRevenue").toString(), is("[\"2001.00\",\"500.00\",\"100.00\"]"));

    JsonNode top = d.get("topProducts");
    assertThat(top.get("ids").size(), is(10));
    for (int i = 0; i < 10; i++) {
      assertThat(top.get("ids").get(i).asText(), is(DashboardStory.topTenIds().get(i)));
    }
    assertThat(top.get("labels").get(0).asText(), is(DashboardStory.HOSTILE_NAME));
    assertThat(top.get("netRevenue").get(0).asText(), is("1200.99"));
    assertThat(top.get("labels").get(1).asText(), is("Product P11"));
    assertThat(html, not(containsString("Product P01")));
    assertThat(html, not(containsString("Product P02")));
    assertThat("only the current version's name", html, not(containsString("Old name of P12")));

    JsonNode devices = d.get("funnel").get("devices");
    assertThat(devices.size(), is(2));
    assertThat(devices.get(0).get("device").asText(), is("mobile"));
    assertThat(devices.get(0).get("values").toString(), is("[580,290,95,38,17]"));
    assertThat(devices.get(1).get("device").asText(), is("desktop"));
    assertThat(devices.get(1).get("values").toString(), is("[220,130,65,35,22]"));

    JsonNode seg = d.get("segments");
    assertThat(seg.get("labels").toString(), is("[\"high\",\"medium\",\"low\"]"));
    assertThat(seg.get("customers").toString(), is("[2,3,5]"));
    assertThat(seg.get("revenue").toString(), is("[\"8000.00\",\"3000.00\",\"500.50\"]"));
    assertThat(d.get("missingTables").size(), is(0));
  }

  @Test
  void hostileTextCannotEndAScriptOrInjectMarkup() {
    assertThat(html, not(containsString("<script>alert(")));
    assertThat("only the page's own script elements close", count(html, "</script>"), is(count(html, "<script")));
    assertThat(html, containsString("Mug &lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    assertThat(html, containsString("Mug \\u003c/script\\u003e"));
  }

  @Test
  void qualityReportIsRenderedGenerically() {
    assertThat(html, containsString("Data quality"));
    assertThat(html, containsString("<h4>entities</h4>"));
    assertThat(html, containsString("<th>quarantined</th>"));
    assertThat(html, containsString("<tr><th>orders</th><td>1000</td><td>990</td><td>10</td></tr>"));
    assertThat(html, containsString("<h4>checks</h4>"));
    assertThat(html, containsString("orders.quarantine_rate"));
    assertThat(html, containsString("<td class=\"bad\">failed</td>"));
    assertThat(html, containsString("<dd class=\"bad\">failed</dd>"));
    assertThat(html, containsString("<td>daily_kpis</td><td>9</td><td>gold/daily_kpis</td><td>2025-01-10 02:00:00</td>"));
    assertThat("latest load from load_audit", html, containsString("<code id=\"latest-run\">2025-01-09</code>"));
    assertThat(html, containsString("<td>customer_ltv</td><td>10</td><td>gold/customer_ltv</td><td>2025-01-10 02:00:01</td>"));
  }

  @Test
  void withoutAQualityReportItSaysSo() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      String page = Dashboard.render(c, DashboardStory.SCHEMA, Optional.empty());
      assertThat(page, containsString("no quality report"));
      String broken = Dashboard.render(c, DashboardStory.SCHEMA, Optional.of("{not json"));
      assertThat(broken, containsString("could not be read as JSON"));
      String other = Dashboard.render(c, DashboardStory.SCHEMA, Optional.of("[{\"entity\":\"orders\",\"rejected\":3}, 7]"));
      assertThat(other, containsString("rejected"));
    }
  }

  @Test
  void missingGoldTablesAreReportedNotFatal() throws Exception {
    String partial = "jdbc:duckdb:" + dir.resolve("partial.duckdb");
    try (Connection c = DriverManager.getConnection(partial); Statement st = c.createStatement()) {
      st.execute("create schema analytics");
      DashboardStory.create(st, io.ecompipeline.transforms.schema.GoldTables.DAILY_KPIS);
      st.execute("insert into analytics.daily_kpis values (20250101, 2, 10.50, 5.25, 1, 1, 10.50, 0.0000, 0.00, 0.0000)");
      String page = Dashboard.render(c, "analytics", Optional.empty());
      assertThat(page, containsString("id=\"missing-tables\""));
      assertThat(page, containsString("agg_daily_sales"));
      assertThat(page, containsString("id=\"kpi-aov\">5.25<"));
      assertThat(data(page).get("categories").get("labels").size(), is(0));
    }
  }

  @Test
  void rejectsASchemaThatIsNotAnIdentifier() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> Dashboard.render(c, "analytics; drop table x", Optional.empty()));
      assertThat(e.getMessage(), containsString("schema"));
    }
  }

  @Test
  void commandWritesThePage() throws Exception {
    Path quality = dir.resolve("quality.json");
    Files.writeString(quality, DashboardStory.QUALITY_JSON);
    Path out = dir.resolve("out/sub/dash.html");
    StringWriter stdout = new StringWriter();
    CommandLine cli = new CommandLine(new DashboardCommand()).setOut(new PrintWriter(stdout));
    int code = cli.execute("--warehouse", url, "--quality", quality.toString(), "--out", out.toString());
    assertThat(code, is(0));
    assertThat(stdout.toString(), containsString("Dashboard written to"));
    String page = Files.readString(out);
    assertThat(page, containsString("id=\"kpi-orders\">135<"));
    assertThat(page, containsString("<th>quarantined</th>"));
  }

  @Test
  void commandRejectsBadOptionsWithAClearMessage() throws Exception {
    Path out = dir.resolve("x.html").toAbsolutePath();
    assertUsage("--warehouse must be a JDBC URL", "--warehouse", "ecom.duckdb", "--out", out.toString());
    assertUsage("DuckDB file not found", "--warehouse", "jdbc:duckdb:" + dir.resolve("nope.duckdb"), "--out", out.toString());
    assertUsage("in-memory DuckDB", "--warehouse", "jdbc:duckdb:", "--out", out.toString());
    assertUsage("--schema must be a plain SQL identifier", "--warehouse", url, "--schema", "a-b", "--out", out.toString());
    assertUsage("--quality: no such file", "--warehouse", url, "--quality", dir.resolve("missing.json").toString(), "--out", out.toString());
    assertUsage("--out must be a file", "--warehouse", url, "--out", dir.toString());
    assertUsage("Missing required option: '--out=FILE.html'", "--warehouse", url);
    assertThat("no DuckDB file was created by a failed call", Files.exists(dir.resolve("nope.duckdb")), is(false));
    assertThat(Files.exists(out), is(false));
  }

  @Test
  void optionsParseThrowsParameterException() {
    DashboardCommand cmd = new DashboardCommand();
    CommandLine cli = new CommandLine(cmd);
    cli.parseArgs("--warehouse", "nonsense", "--out", "x.html");
    CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class, cmd::call);
    assertThat(e.getMessage(), containsString("--warehouse must be a JDBC URL"));
  }

  private static void assertUsage(String message, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DashboardCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
    int code = cli.execute(args);
    assertThat(String.join(" ", args), code, equalTo(2));
    assertThat(err.toString(), containsString(message));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
