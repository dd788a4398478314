package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.cli.EcomException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The one-screen business summary printed after a demo, read back from the loaded warehouse. */
public final class KpiSummary {
  private KpiSummary() {}

  public static void print(String jdbcUrl, String schema, PrintWriter out) {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      try (ResultSet r = st.executeQuery(
          "select min(date_key), max(date_key), sum(orders), sum(net_revenue), sum(new_customers),"
              + " sum(payments_captured_amount), sum(refunded_amount) from " + schema + ".daily_kpis")) {
        r.next();
        long orders = r.getLong(3);
        BigDecimal net = orders == 0 ? BigDecimal.ZERO : r.getBigDecimal(4);
        out.printf("  KPIs %s .. %s%n", r.getInt(1), r.getInt(2));
        out.printf("    orders (not cancelled)  %,d%n", orders);
        out.printf("    net revenue             %,.2f%n", net);
        out.printf("    average order value     %,.2f%n", orders == 0 ? BigDecimal.ZERO : net.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        out.printf("    new customers           %,d%n", r.getLong(5));
        out.printf("    payments captured       %,.2f   refunded %,.2f%n", r.getBigDecimal(6), r.getBigDecimal(7));
      }
      try (ResultSet r = st.executeQuery(
          "select category, sum(net_revenue) as revenue from " + schema + ".agg_daily_sales"
              + " group by category order by revenue desc, category limit 5")) {
        out.println("  Top categories by net revenue");
        while (r.next()) {
          out.printf("    %-22s %,.2f%n", r.getString(1), r.getBigDecimal(2));
        }
      }
      try (ResultSet r = st.executeQuery(
          "select value_segment, count(*), sum(lifetime_revenue) from " + schema + ".customer_ltv"
              + " group by value_segment order by sum(lifetime_revenue) desc")) {
        out.println("  Customer value segments");
        while (r.next()) {
          out.printf("    %-8s %,8d customers  %,.2f%n", r.getString(1), r.getLong(2), r.getBigDecimal(3));
        }
      }
      out.flush();
    } catch (SQLException e) {
      throw new EcomException(EcomException.EXIT_FAILED, "could not read the KPIs back from " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }
}
