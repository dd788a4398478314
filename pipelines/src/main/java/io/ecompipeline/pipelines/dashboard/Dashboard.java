package io.ecompipeline.pipelines.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.pipelines.cli.EcomException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The business dashboard: one self-contained HTML page (Chart.js and the data inlined, no server,
 * no network) drawn from the gold tables in the warehouse (contract §4) and, when given, a run's
 * quality report.
 *
 * <p>The SQL is plain standard SQL plus {@code LIMIT}, so the same page comes out of DuckDB,
 * PostgreSQL and Redshift. Money travels as decimal strings with 2 places; the page converts it
 * with {@code Number()} only to plot it. A gold table that is missing does not stop the page: its
 * charts say so.
 *
 * <p>After drawing, the page writes a self-check into {@code <pre id="render-report">} (JSON: per
 * chart the points drawn, the painted pixels, and every error caught) and sets its title to
 * {@code … [render: ok]} or {@code … [render: error]}; the browser test reads it.
 */
public final class Dashboard {
  private Dashboard() {}

  /** The charting library inlined into the page; see resources/dashboard/README.md. */
  static final String LIBRARY_RESOURCE = "/dashboard/chart.umd.min.js";

  static final String LIBRARY_NAME = "chart.js";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOP_PRODUCTS = 10;
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final int MOVING_AVERAGE_DAYS = 7;
  private static final String[] FUNNEL_STAGES = {"sessions", "product view", "add to cart", "checkout", "purchase"};

  /** Whether {@code name} is usable as a schema name here (letters, digits, underscore). */
  public static boolean isValidSchema(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /**
   * Renders the page.
   *
   * @param warehouse an open connection; only read
   * @param schema the schema holding the gold tables, e.g. {@code analytics}
   * @param qualityJson the text of a run's quality.json, or empty when there is none
   * @throws IllegalArgumentException when the schema name is not a plain identifier
   * @throws EcomException when the warehouse cannot be read
   */
  public static String render(Connection warehouse, String schema, Optional<String> qualityJson) {
    if (!isValidSchema(schema)) {
      throw new IllegalArgumentException("schema must be a plain SQL identifier (letters, digits, _), got: " + schema);
    }
    try {
      Data data = new Reader(warehouse, schema).read();
      return page(schema, data, qualityJson == null ? Optional.empty() : qualityJson);
    } catch (SQLException e) {
      throw new EcomException(EcomException.EXIT_FAILED,
          "could not read the dashboard data from schema " + schema + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the warehouse

  /** Everything the page shows, read from the warehouse. */
  static final class Data {
    final ObjectNode json = JSON.createObjectNode();
    final List<String> missingTables = new ArrayList<>();
    long orders;
    BigDecimal netRevenue = BigDecimal.ZERO;
    long newCustomers;
    String firstDate;
    String lastDate;
    long days;
    final List<String[]> latestLoad = new ArrayList<>();
    String latestRunId;
    String latestLoadedAt;
  }

  private static final class Reader {
    private final Connection c;
    private final String schema;
    private final Data d = new Data();

    Reader(Connection c, String schema) {
      this.c = c;
      this.schema = schema;
    }

    Data read() throws SQLException {
      d.json.put("schema", schema);
      d.json.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      daily();
      categories();
      topProducts();
      funnel();
      segments();
      latestLoad();
      ArrayNode missing = d.json.putArray("missingTables");
      d.missingTables.forEach(missing::add);
      return d;
    }

    private String t(String table) {
      return schema + "." + table;
    }

    private boolean has(String table) throws SQLException {
      if (tableExists(c, schema, table)) {
        return true;
      }
      d.missingTables.add(table);
      return false;
    }

    private void daily() throws SQLException {
      ObjectNode daily = d.json.putObject("daily");
      ArrayNode dates = daily.putArray("dates");
      ArrayNode revenue = daily.putArray("netRevenue");
      ArrayNode movingAverage = daily.putArray("netRevenueMa7");
      ArrayNode orders = daily.putArray("orders");
      ArrayNode returnRate = daily.putArray("returnRate");
      ArrayNode failureRate = daily.putArray("paymentFailureRate");
      if (!has("daily_kpis")) {
        return;
      }
      TreeMap<LocalDate, BigDecimal> byDate = new TreeMap<>();
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery(
              "select date_key, orders, net_revenue, new_customers, return_rate, payment_failure_rate"
                  + " from " + t("daily_kpis") + " order by date_key")) {
        while (r.next()) {
          LocalDate date = dateOfKey(r.getInt(1));
          BigDecimal net = orZero(r.getBigDecimal(3));
          byDate.merge(date, net, BigDecimal::add);
          dates.add(date.toString());
          orders.add(r.getLong(2));
          revenue.add(money(net));
          returnRate.add(rate(r.getBigDecimal(5)));
          failureRate.add(rate(r.getBigDecimal(6)));
          d.orders += r.getLong(2);
          d.netRevenue = d.netRevenue.add(net);
          d.newCustomers += r.getLong(4);
        }
      }
      if (byDate.isEmpty()) {
        return;
      }
      d.firstDate = byDate.firstKey().toString();
      d.lastDate = byDate.lastKey().toString();
      d.days = byDate.size();
      // Trailing 7 calendar days; a day without a row counts as 0 revenue; the first days of
      // the range average over the days there are so far.
      LocalDate first = byDate.firstKey();
      for (Iterator<JsonNode> it = dates.elements(); it.hasNext(); ) {
        LocalDate day = LocalDate.parse(it.next().asText());
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : byDate.subMap(day.minusDays(MOVING_AVERAGE_DAYS - 1), true, day, true).values()) {
          sum = sum.add(v);
        }
        long window = Math.min(MOVING_AVERAGE_DAYS, ChronoUnit.DAYS.between(first, day) + 1);
        movingAverage.add(money(sum.divide(BigDecimal.valueOf(window), 2, RoundingMode.HALF_UP)));
      }
    }

    private void categories() throws SQLException {
      ObjectNode node = d.json.putObject("categories");
      ArrayNode labels = node.putArray("labels");
      ArrayNode revenue = node.putArray("netRevenue");
      ArrayNode orders = node.putArray("orders");
      ArrayNode units = node.putArray("units");
      if (!has("agg_daily_sales")) {
        return;
      }
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery(
              "select category, sum(net_revenue) as revenue, cast(sum(orders) as bigint), cast(sum(units) as bigint)"
                  + " from " + t("agg_daily_sales") + " group by category order by revenue desc, category")) {
        while (r.next()) {
          labels.add(r.getString(1) == null ? "unknown" : r.getString(1));
          revenue.add(money(r.getBigDecimal(2)));
          orders.add(r.getLong(3));
          units.add(r.getLong(4));
        }
      }
    }

    private void topProducts() throws SQLException {
      ObjectNode node = d.json.putObject("topProducts");
      ArrayNode ids = node.putArray("ids");
      ArrayNode labels = node.putArray("labels");
      ArrayNode revenue = node.putArray("netRevenue");
      ArrayNode units = node.putArray("units");
      if (!has("product_performance")) {
        return;
      }
      boolean names = tableExists(c, schema, "dim_product");
      if (!names) {
        d.missingTables.add("dim_product");
      }
      // Names come from the current product version; the aggregate is per product_id first so a
      // product with two current rows (which should not happen) is not counted twice.
      String sql = names
          ? "select p.product_id, max(dp.name), p.revenue, p.units from ("
              + " select product_id, sum(net_revenue) as revenue, cast(sum(units) as bigint) as units"
              + " from " + t("product_performance") + " group by product_id) p"
              + " left join " + t("dim_product") + " dp on dp.product_id = p.product_id and dp.is_current = true"
              + " group by p.product_id, p.revenue, p.units"
              + " order by p.revenue desc, p.product_id limit " + TOP_PRODUCTS
          : "select product_id, cast(null as varchar(1)), sum(net_revenue) as revenue, cast(sum(units) as bigint)"
              + " from " + t("product_performance") + " group by product_id"
              + " order by revenue desc, product_id limit " + TOP_PRODUCTS;
      try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
        while (r.next()) {
          String id = r.getString(1);
          String name = r.getString(2);
          ids.add(id);
          labels.add(name == null || name.isBlank() ? id : name);
          revenue.add(money(r.getBigDecimal(3)));
          units.add(r.getLong(4));
        }
      }
    }

    private void funnel() throws SQLException {
      ObjectNode node = d.json.putObject("funnel");
      ArrayNode stages = node.putArray("stages");
      for (String s : FUNNEL_STAGES) {
        stages.add(s);
      }
      ArrayNode devices = node.putArray("devices");
      if (!has("conversion_funnel_daily")) {
        return;
      }
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery(
              "select device, cast(sum(sessions) as bigint), cast(sum(product_view_sessions) as bigint),"
                  + " cast(sum(add_to_cart_sessions) as bigint), cast(sum(checkout_sessions) as bigint),"
                  + " cast(sum(purchase_sessions) as bigint)"
                  + " from " + t("conversion_funnel_daily") + " group by device order by 2 desc, device")) {
        while (r.next()) {
          ObjectNode device = devices.addObject();
          device.put("device", r.getString(1) == null ? "unknown" : r.getString(1));
          ArrayNode values = device.putArray("values");
          for (int i = 2; i <= 6; i++) {
            values.add(r.getLong(i));
          }
        }
      }
    }

    private void segments() throws SQLException {
      ObjectNode node = d.json.putObject("segments");
      ArrayNode labels = node.putArray("labels");
      ArrayNode customers = node.putArray("customers");
      ArrayNode revenue = node.putArray("revenue");
      if (!has("customer_ltv")) {
        return;
      }
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery(
              "select value_segment, count(*), sum(lifetime_revenue),"
                  + " case value_segment when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end as rank_"
                  + " from " + t("customer_ltv") + " group by value_segment order by rank_, value_segment")) {
        while (r.next()) {
          labels.add(r.getString(1) == null ? "unknown" : r.getString(1));
          customers.add(r.getLong(2));
          revenue.add(money(r.getBigDecimal(3)));
        }
      }
    }

    private void latestLoad() throws SQLException {
      if (!tableExists(c, schema, "load_audit")) {
        return;
      }
      String runId = null;
      try (Statement st = c.createStatement();
          ResultSet r = st.executeQuery(
              "select run_id, loaded_at from " + t("load_audit") + " order by loaded_at desc, run_id desc limit 1")) {
        if (r.next()) {
          runId = r.getString(1);
          Timestamp at = r.getTimestamp(2);
          d.latestLoadedAt = timestamp(at);
        }
      }
      if (runId == null) {
        return;
      }
      d.latestRunId = runId;
      try (PreparedStatement ps = c.prepareStatement(
          "select table_name, rows_loaded, source, loaded_at from " + t("load_audit")
              + " where run_id = ? order by table_name, loaded_at")) {
        ps.setString(1, runId);
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            d.latestLoad.add(new String[] {r.getString(1), String.valueOf(r.getLong(2)), r.getString(3), timestamp(r.getTimestamp(4))});
          }
        }
      }
    }
  }

  static boolean tableExists(Connection c, String schema, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Set<String> schemas = new LinkedHashSet<>(List.of(schema, schema.toLowerCase(Locale.ROOT), schema.toUpperCase(Locale.ROOT)));
    for (String s : schemas) {
      for (String name : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT)))) {
        try (ResultSet r = md.getTables(null, s, name, null)) {
          while (r.next()) {
            if (table.equalsIgnoreCase(r.getString("TABLE_NAME")) && schema.equalsIgnoreCase(r.getString("TABLE_SCHEM"))) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static String timestamp(Timestamp t) {
    return t == null ? "" : TIMESTAMP.format(t.toLocalDateTime());
  }

  private static LocalDate dateOfKey(int key) {
    return LocalDate.of(key / 10000, key / 100 % 100, key % 100);
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  static String money(BigDecimal v) {
    return orZero(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String rate(BigDecimal v) {
    return orZero(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  // ---------------------------------------------------------------------------------------------
  // The page

  private static String page(String schema, Data d, Optional<String> qualityJson) {
    String library = resource(LIBRARY_RESOURCE)
        .replaceAll("(?m)^//# sourceMappingURL=.*$", "") // the map is not shipped; keep file:// quiet
        .replace("</script", "<\\/script");
    String css = resource("/dashboard/dashboard.css");
    String js = resource("/dashboard/dashboard.js").replace("</script", "<\\/script");
    String range = d.firstDate == null ? "no data" : d.firstDate + " … " + d.lastDate + " (" + d.days + " days)";
    BigDecimal aov = d.orders == 0 ? BigDecimal.ZERO : d.netRevenue.divide(BigDecimal.valueOf(d.orders), 2, RoundingMode.HALF_UP);

    StringBuilder h = new StringBuilder(library.length() + 64_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"ecom-pipeline dashboard\">\n")
        .append("<title>ecom-pipeline dashboard</title>\n")
        // First script on the page: catch every error, including the library's.
        .append("<script>\n").append(ERROR_CAPTURE).append("</script>\n")
        .append("<style>\n").append(css).append("</style>\n")
        .append("<!-- ").append(LIBRARY_NAME).append(" (MIT), inlined; see pipelines/src/main/resources/dashboard/README.md -->\n")
        .append("<script id=\"chart-library\">\n").append(library).append("\n</script>\n")
        .append("</head>\n<body>\n");

    h.append("<header><h1>ecom-pipeline dashboard</h1><p class=\"muted\">Warehouse schema <code>")
        .append(esc(schema)).append("</code> · ").append(esc(range))
        .append(" · generated ").append(esc(d.json.get("generatedAt").asText())).append("</p></header>\n");
    if (!d.missingTables.isEmpty()) {
      h.append("<p class=\"warn\" id=\"missing-tables\">Not found in the warehouse: ")
          .append(esc(String.join(", ", d.missingTables))).append(". The charts that need them are empty.</p>\n");
    }

    h.append("<section class=\"tiles\">\n");
    tile(h, "kpi-orders", "Orders", String.format(Locale.ROOT, "%,d", d.orders), "not cancelled");
    tile(h, "kpi-net-revenue", "Net revenue", String.format(Locale.ROOT, "%,.2f", d.netRevenue.setScale(2, RoundingMode.HALF_UP)), "Σ line totals");
    tile(h, "kpi-aov", "Average order value", String.format(Locale.ROOT, "%,.2f", aov), "net revenue / orders");
    tile(h, "kpi-new-customers", "New customers", String.format(Locale.ROOT, "%,d", d.newCustomers), "first counted order");
    h.append("</section>\n<main class=\"grid\">\n");

    JsonNode daily = d.json.get("daily");
    chartCard(h, "revenueTrend", "Net revenue per day and 7-day moving average", "daily_kpis",
        List.of("date", "net revenue", "7-day average", "orders"),
        columns(daily.get("dates"), daily.get("netRevenue"), daily.get("netRevenueMa7"), daily.get("orders")));
    JsonNode cat = d.json.get("categories");
    chartCard(h, "revenueByCategory", "Net revenue by category", "agg_daily_sales",
        List.of("category", "net revenue", "orders", "units"),
        columns(cat.get("labels"), cat.get("netRevenue"), cat.get("orders"), cat.get("units")));
    JsonNode top = d.json.get("topProducts");
    chartCard(h, "topProducts", "Top " + TOP_PRODUCTS + " products by net revenue", "product_performance, dim_product",
        List.of("product", "product id", "net revenue", "units"),
        columns(top.get("labels"), top.get("ids"), top.get("netRevenue"), top.get("units")));
    List<List<String>> funnelRows = new ArrayList<>();
    for (JsonNode dev : d.json.get("funnel").get("devices")) {
      List<String> row = new ArrayList<>();
      row.add(dev.get("device").asText());
      dev.get("values").forEach(v -> row.add(v.asText()));
      funnelRows.add(row);
    }
    List<String> funnelHead = new ArrayList<>(List.of("device"));
    funnelHead.addAll(List.of(FUNNEL_STAGES));
    chartCard(h, "funnelByDevice", "Conversion funnel by device (sessions)", "conversion_funnel_daily", funnelHead, funnelRows);
    JsonNode seg = d.json.get("segments");
    chartCard(h, "clvSegments", "Customer lifetime value segments", "customer_ltv",
        List.of("segment", "customers", "lifetime revenue"),
        columns(seg.get("labels"), seg.get("customers"), seg.get("revenue")));
    chartCard(h, "returnsPayments", "Return rate and payment failure rate per day", "daily_kpis",
        List.of("date", "return rate", "payment failure rate"),
        columns(daily.get("dates"), daily.get("returnRate"), daily.get("paymentFailureRate")));
    h.append("</main>\n");

    h.append("<section class=\"card wide\" id=\"quality\"><h2>Data quality — latest run</h2>\n");
    if (d.latestRunId != null) {
      h.append("<p>Latest warehouse load: run <code id=\"latest-run\">").append(esc(d.latestRunId)).append("</code>")
          .append(d.latestLoadedAt == null ? "" : " at " + esc(d.latestLoadedAt)).append("</p>\n");
      List<List<String>> rows = new ArrayList<>();
      for (String[] r : d.latestLoad) {
        rows.add(List.of(r));
      }
      table(h, List.of("table", "rows loaded", "source", "loaded at"), rows, "load-audit");
    } else {
      h.append("<p class=\"muted\">No warehouse load recorded (").append(esc(schema)).append(".load_audit is absent or empty).</p>\n");
    }
    h.append(QualityReport.html(qualityJson));
    h.append("</section>\n");

    h.append("<footer><details><summary>Page self-check</summary><pre id=\"render-report\">not run: the page script did not finish</pre></details>")
        .append("<p class=\"muted\">Charts drawn with ").append(LIBRARY_NAME)
        .append(" (MIT License), inlined. Money is kept as exact decimals in the data and shown with 2 decimals.</p></footer>\n");

    h.append("<script type=\"application/json\" id=\"dashboard-data\">").append(scriptSafeJson(d.json)).append("</script>\n");
    h.append("<script>\n").append(js).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Catches errors from the start of the page; the page script reports them. */
  private static final String ERROR_CAPTURE =
      "window.__dashboardErrors = [];\n"
          + "window.addEventListener('error', function (e) {\n"
          + "  var t = e.target;\n"
          + "  if (t && t !== window && (t.src || t.href)) { window.__dashboardErrors.push('failed to load ' + (t.src || t.href)); return; }\n"
          + "  window.__dashboardErrors.push('error: ' + (e.message || e.type) + (e.lineno ? ' (line ' + e.lineno + ')' : ''));\n"
          + "}, true);\n"
          + "window.addEventListener('unhandledrejection', function (e) { window.__dashboardErrors.push('unhandled rejection: ' + e.reason); });\n"
          + "(function () { var orig = console.error; console.error = function () {\n"
          + "  try { window.__dashboardErrors.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' ')); } catch (x) {}\n"
          + "  return orig.apply(console, arguments); }; })();\n";

  /**
   * JSON that is safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} become
   * unicode escapes, so no {@code </script>} or {@code <!--} can end or confuse it.
   */
  static String scriptSafeJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(node)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void tile(StringBuilder h, String id, String label, String value, String note) {
    h.append("<div class=\"tile\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\" id=\"")
        .append(id).append("\">").append(esc(value)).append("</div><div class=\"muted\">").append(esc(note)).append("</div></div>\n");
  }

  private static void chartCard(StringBuilder h, String id, String title, String source, List<String> head, List<List<String>> rows) {
    h.append("<section class=\"card\"><h2>").append(esc(title)).append("</h2>")
        .append("<div class=\"chart\"><canvas id=\"").append(id).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\"></canvas></div>\n")
        .append("<details><summary>Data (").append(rows.size()).append(" rows, from ").append(esc(source)).append(")</summary>\n");
    table(h, head, rows, id + "-data");
    h.append("</details></section>\n");
  }

  private static List<List<String>> columns(JsonNode... cols) {
    List<List<String>> rows = new ArrayList<>();
    int n = cols[0].size();
    for (int i = 0; i < n; i++) {
      List<String> row = new ArrayList<>();
      for (JsonNode col : cols) {
        row.add(col.get(i).asText());
      }
      rows.add(row);
    }
    return rows;
  }

  static void table(StringBuilder h, List<String> head, List<List<String>> rows, String id) {
    h.append("<table id=\"").append(esc(id)).append("\"><thead><tr>");
    head.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
      h.append("</tr>");
    }
    h.append("</tbody></table>\n");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the build (pipelines/src/main/resources" + name + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
