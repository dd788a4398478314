package io.ecompipeline.pipelines.dashboard;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small hand-made warehouse: 9 days of January 2025, 3 categories, 2 devices, 3 value segments,
 * 12 products (one with a hostile name), two warehouse loads. The expected numbers are worked out
 * by hand in the comments and used by the tests.
 */
final class DashboardStory {
  private DashboardStory() {}

  static final String SCHEMA = "analytics";

  /** A product name that would break out of a script element if it were not escaped. */
  static final String HOSTILE_NAME = "Mug </script><script>alert('x')</script> & co";

  // daily_kpis, day i = 1..9 (2025-01-0i): orders 10 + i, net_revenue 1000.00 + 125.50 i, new_customers 3.
  static final long ORDERS = 135; // 90 + 45
  static final String NET_REVENUE = "14,647.50"; // 9000 + 125.50 × 45
  static final String AOV = "108.50"; // 14647.50 / 135
  static final long NEW_CUSTOMERS = 27;

  static final String QUALITY_JSON = """
      {
        "run_id": "2025-01-09",
        "status": "failed",
        "entities": {
          "orders":    {"read": 1000, "valid": 990, "quarantined": 10},
          "customers": {"read": 200,  "valid": 200, "quarantined": 0}
        },
        "checks": [
          {"name": "orders.quarantine_rate", "status": "failed", "value": 0.01, "threshold": 0.005},
          {"name": "customers.row_count", "status": "passed", "value": 200}
        ]
      }
      """;

  static String ddlType(Column c) {
    return switch (c.type()) {
      case STRING -> "varchar";
      case INT -> "integer";
      case LONG -> "bigint";
      case BOOLEAN -> "boolean";
      case MONEY -> "decimal(18,2)";
      case RATE -> "decimal(9,4)";
      case TIMESTAMP -> "timestamp";
      case DATE -> "date";
    };
  }

  static void create(Statement st, Table t) throws SQLException {
    st.execute("create table " + SCHEMA + "." + t.name() + " ("
        + t.columns().stream().map(c -> c.name() + " " + ddlType(c)).collect(Collectors.joining(", ")) + ")");
  }

  /** Creates the DuckDB file with every gold table and the story in it; returns its JDBC URL. */
  static String write(Path file) throws SQLException {
    String url = "jdbc:duckdb:" + file.toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("create schema " + SCHEMA);
      for (Table t : GoldTables.ALL) {
        create(st, t);
      }
      st.execute("create table " + SCHEMA + ".load_audit (run_id varchar, table_name varchar, rows_loaded bigint, source varchar, loaded_at timestamp)");

      for (int i = 1; i <= 9; i++) {
        BigDecimal net = new BigDecimal("1000.00").add(new BigDecimal("125.50").multiply(BigDecimal.valueOf(i)));
        long orders = 10 + i;
        // return rate 0.0100 × i, payment failure rate 0.0500 on odd days else 0.0200
        st.execute(String.format(
            "insert into %s.daily_kpis values (2025010%d, %d, %s, %s, 3, %d, %s, %s, 0.00, %s)",
            SCHEMA, i, orders, net.toPlainString(),
            net.divide(BigDecimal.valueOf(orders), 2, java.math.RoundingMode.HALF_UP).toPlainString(),
            orders - 3, net.toPlainString(), i % 2 == 1 ? "0.0500" : "0.0200", new BigDecimal("0.0100").multiply(BigDecimal.valueOf(i)).toPlainString()));
      }

      // agg_daily_sales: Electronics 1200.25 + 800.75 = 2001.00; Home & Garden 300.10 + 199.90 = 500.00;
      // Books 50.05 + 49.95 = 100.00
      st.execute("insert into " + SCHEMA + ".agg_daily_sales values"
          + " (20250101, 'Electronics', 5, 7, 1250.25, 50.00, 1200.25, 240.05, 0.00),"
          + " (20250102, 'Electronics', 4, 4, 800.75, 0.00, 800.75, 200.19, 100.00),"
          + " (20250101, 'Home & Garden', 3, 6, 310.10, 10.00, 300.10, 100.03, 0.00),"
          + " (20250102, 'Home & Garden', 2, 2, 199.90, 0.00, 199.90, 99.95, 0.00),"
          + " (20250101, 'Books', 2, 3, 50.05, 0.00, 50.05, 25.03, 0.00),"
          + " (20250102, 'Books', 2, 2, 49.95, 0.00, 49.95, 24.98, 0.00)");

      // 12 products; P01..P12 earn 100 p + 0.99, so the top 10 is P12 .. P03.
      for (int p = 1; p <= 12; p++) {
        String id = String.format("P%02d", p);
        String name = p == 12 ? HOSTILE_NAME.replace("'", "''") : "Product " + id;
        st.execute(String.format(
            "insert into %s.dim_product values (%d, '%s', 'SKU-%s', '%s', 'Books', null, 'Acme', 9.99, 5.00, true,"
                + " timestamp '2024-12-01 00:00:00', timestamp '9999-12-31 00:00:00', true, %d)",
            SCHEMA, 1000 + p, id, id, name, p == 12 ? 2 : 1));
        st.execute(String.format(
            "insert into %s.product_performance values ('2025-01', '%s', %d, %s, 0, 0.0000, 1, 4.0000)",
            SCHEMA, id, p, BigDecimal.valueOf(100L * p).add(new BigDecimal("0.99")).toPlainString()));
      }
      // an old version of P12 whose name must not show
      st.execute("insert into " + SCHEMA + ".dim_product values (999, 'P12', 'SKU-P12', 'Old name of P12', 'Books', null, 'Acme',"
          + " 9.99, 5.00, true, timestamp '2024-01-01 00:00:00', timestamp '2024-12-01 00:00:00', false, 1)");
      st.execute("insert into " + SCHEMA + ".dim_product values (-1, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown',"
          + " null, null, true, timestamp '1900-01-01 00:00:00', timestamp '9999-12-31 00:00:00', true, 1)");

      // funnel: desktop 220 → 130 → 65 → 35 → 22; mobile 580 → 290 → 95 → 38 → 17
      st.execute("insert into " + SCHEMA + ".conversion_funnel_daily values"
          + " (20250101, 'desktop', 100, 60, 30, 15, 10, 0.1000),"
          + " (20250102, 'desktop', 120, 70, 35, 20, 12, 0.1000),"
          + " (20250101, 'mobile', 300, 150, 50, 20, 9, 0.0300),"
          + " (20250102, 'mobile', 280, 140, 45, 18, 8, 0.0286)");

      // customer_ltv: 10 customers; high C01, C02 (5000.00 + 3000.00 = 8000.00);
      // medium C03..C05 (3 × 1000.00 = 3000.00); low C06..C10 (5 × 100.10 = 500.50)
      for (int k = 1; k <= 10; k++) {
        String rev = k == 1 ? "5000.00" : k == 2 ? "3000.00" : k <= 5 ? "1000.00" : "100.10";
        String seg = k <= 2 ? "high" : k <= 5 ? "medium" : "low";
        st.execute(String.format(
            "insert into %s.customer_ltv values ('C%02d', date '2025-01-01', date '2025-01-09', 2, %s, %s, '%s')",
            SCHEMA, k, rev, rev, seg));
      }

      st.execute("insert into " + SCHEMA + ".load_audit values"
          + " ('2025-01-08', 'daily_kpis', 8, 'gold/daily_kpis', timestamp '2025-01-09 02:00:00'),"
          + " ('2025-01-09', 'daily_kpis', 9, 'gold/daily_kpis', timestamp '2025-01-10 02:00:00'),"
          + " ('2025-01-09', 'customer_ltv', 10, 'gold/customer_ltv', timestamp '2025-01-10 02:00:01')");
    }
    return url;
  }

  static List<String> topTenIds() {
    return List.of("P12", "P11", "P10", "P09", "P08", "P07", "P06", "P05", "P04", "P03");
  }
}
