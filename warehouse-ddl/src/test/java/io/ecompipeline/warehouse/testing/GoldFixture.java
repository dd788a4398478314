package io.ecompipeline.warehouse.testing;

import io.ecompipeline.warehouse.ddl.StarSchema;
import io.ecompipeline.warehouse.ddl.StarSchema.Column;
import io.ecompipeline.warehouse.load.LoadPlan;
import io.ecompipeline.warehouse.load.LoadRequest;
import io.ecompipeline.warehouse.load.TableLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small gold lake on disk, laid out as the pipeline writes it (gold/&lt;table&gt;/month=YYYY-MM/
 * for partitioned tables, gold/&lt;table&gt;/ otherwise), with the rows kept to compare against the
 * warehouse. Values cover the type edges: 18-digit and negative money, 9999-12-31 timestamps,
 * microseconds, NULL versus empty string, non-ASCII text.
 */
public final class GoldFixture {
  public static final String[] CATEGORIES = {"books", "garden", "toys"};
  public static final String[] DEVICES = {"android", "ios", "web"};
  public static final String[] ORDER_STATUS = {"placed", "shipped", "returned", "cancelled"};
  public static final String[] PAYMENT_STATUS = {"captured", "failed", "refunded", "authorized"};
  public static final int MEMBERS = 10;

  public final Path goldRoot;
  public final List<String> months;
  /** table → month (or "" for full tables) → rows. */
  public final Map<String, Map<String, List<Object[]>>> rows = new LinkedHashMap<>();
  /** table → month (or "") → file, relative to the gold root. */
  public final Map<String, Map<String, String>> files = new LinkedHashMap<>();

  private GoldFixture(Path goldRoot, List<String> months) {
    this.goldRoot = goldRoot;
    this.months = months;
  }

  /** Writes every gold table for the given months; facts get {@code factRows} rows per month. */
  public static GoldFixture write(Path goldRoot, List<String> months, int factRows) {
    GoldFixture f = new GoldFixture(goldRoot, months);
    for (String table : LoadPlan.ORDER) {
      if (LoadPlan.monthColumn(table).isPresent()) {
        for (String m : months) f.put(table, m, generate(table, m, factRows));
      } else {
        f.put(table, "", generate(table, months.get(0), table.equals("dim_date") ? 366 : MEMBERS));
      }
    }
    return f;
  }

  /** Replaces one table's rows (for one month, or "" for a full table) and rewrites its file. */
  public void put(String table, String month, List<Object[]> tableRows) {
    String rel = table + "/" + (month.isEmpty() ? "" : "month=" + month + "/") + "part-00000.parquet";
    try {
      GoldParquet.write(goldRoot.resolve(rel), table, tableRows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(month, tableRows);
    files.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(month, rel);
  }

  /** All rows of a table currently in the fixture. */
  public List<Object[]> allRows(String table) {
    List<Object[]> out = new ArrayList<>();
    rows.get(table).values().forEach(out::addAll);
    return out;
  }

  /** A request loading every table (partitioned tables: the given months only). */
  public LoadRequest request(String runId, List<String> loadMonths) {
    List<TableLoad> loads = new ArrayList<>();
    for (String table : files.keySet()) {
      if (LoadPlan.monthColumn(table).isPresent()) {
        List<String> fs = loadMonths.stream().map(m -> files.get(table).get(m)).toList();
        loads.add(TableLoad.months(table, Set.copyOf(loadMonths), fs));
      } else {
        loads.add(TableLoad.full(table, List.of(files.get(table).get(""))));
      }
    }
    return new LoadRequest(runId, goldRoot.toString(), loads);
  }

  public LoadRequest request(String runId) {
    return request(runId, months);
  }

  /** Deterministic rows for one table and month. */
  public static List<Object[]> generate(String table, String month, int n) {
    List<Column> cols = StarSchema.table(table).columns();
    List<Object[]> out = new ArrayList<>();
    if (table.equals("daily_kpis")) n = Math.min(n, 28);
    if (table.equals("agg_daily_sales") || table.equals("conversion_funnel_daily")) n = Math.min(n, 28 * 3);
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[cols.size()];
      for (int c = 0; c < cols.size(); c++) row[c] = value(table, cols.get(c), i, month);
      out.add(row);
    }
    // derived columns stay consistent so the BI queries read sensible data
    if (table.equals("fact_order_line")) {
      for (Object[] r : out) {
        BigDecimal q = BigDecimal.valueOf((Integer) r[8]);
        r[11] = q.multiply((BigDecimal) r[9]).subtract((BigDecimal) r[10]).setScale(2);
      }
    }
    return out;
  }

  private static Object value(String table, Column c, int i, String month) {
    LocalDate first = LocalDate.parse(month + "-01");
    String name = c.name();
    // dim_date: one row per day from January 1st of the first month's year
    if (table.equals("dim_date")) {
      LocalDate d = LocalDate.of(first.getYear(), 1, 1).plusDays(i);
      int fiscalMonth = Math.floorMod(d.getMonthValue() - 2, 12) + 1;
      return switch (name) {
        case "date_key" -> key(d);
        case "date" -> d;
        case "day_of_week" -> d.getDayOfWeek().getValue();
        case "day_name" -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case "iso_week" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        case "iso_year" -> d.get(IsoFields.WEEK_BASED_YEAR);
        case "month" -> d.getMonthValue();
        case "month_name" -> d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case "quarter" -> (d.getMonthValue() - 1) / 3 + 1;
        case "year" -> d.getYear();
        case "is_weekend" -> d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        case "fiscal_year" -> d.getMonthValue() >= 2 ? d.getYear() + 1 : d.getYear();
        case "fiscal_quarter" -> (fiscalMonth - 1) / 3 + 1;
        case "fiscal_month" -> fiscalMonth;
        default -> throw new IllegalArgumentException(name);
      };
    }
    LocalDate factDay = first.plusDays(i % 28);
    int member = i % MEMBERS;
    switch (name) {
      case "order_date_key", "payment_date_key":
        return key(factDay);
      case "order_ts", "payment_ts":
        return factDay.atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(i).plusNanos(123_456_000L);
      case "date_key": {
        int perDay = table.equals("daily_kpis") ? 1 : 3;
        return key(first.plusDays(i / perDay));
      }
      case "category":
        return table.equals("agg_daily_sales") ? CATEGORIES[i % 3] : i == 0 ? "unknown" : CATEGORIES[i % 3];
      case "device":
        return DEVICES[i % 3];
      case "month":
        return month;
      case "order_id":
        return "o-" + month + "-" + (table.equals("fact_payment") ? i : i / 2);
      case "line_number":
        return i % 2 + 1;
      case "payment_id":
        return "pay-" + month + "-" + i;
      case "customer_key":
        return table.equals("dim_customer") ? (i == 0 ? -1L : (long) i) : (long) member;
      case "product_key":
        return table.equals("dim_product") ? (i == 0 ? -1L : (long) i) : (long) member;
      case "customer_id":
        return table.equals("dim_customer") && i == 0 ? "unknown" : "c-" + (table.equals("customer_ltv") ? i : member);
      case "product_id":
        return table.equals("dim_product") && i == 0 ? "unknown" : "p-" + (table.equals("product_performance") ? i : member);
      case "quantity":
        return 1 + i % 4;
      case "unit_price":
        return new BigDecimal("10.00").add(BigDecimal.valueOf(i));
      case "discount_amount":
        return i % 3 == 0 ? new BigDecimal("1.50") : new BigDecimal("0.00");
      case "order_status":
        return ORDER_STATUS[(i / 2) % 4];
      case "status":
        return PAYMENT_STATUS[i % 4];
      case "value_segment":
        return i < 2 ? "high" : i < 5 ? "medium" : "low";
      case "valid_from":
        return Instant.parse("2023-01-01T00:00:00Z").plusSeconds(86_400L * i).plusNanos(1_000L);
      case "valid_to":
        return Instant.parse("9999-12-31T00:00:00Z");
      case "is_current":
        return true;
      case "version":
        return 1;
      case "currency":
        return "EUR";
      default:
        break;
    }
    if (c.nullable() && i % 5 == 3) return null;
    String t = c.sqlType();
    if (t.startsWith("VARCHAR")) {
      if (i == 0 && table.startsWith("dim_")) return "unknown";
      if (c.nullable() && i % 5 == 4) return "";
      String v = i == 1 ? "Zoë ⌈×⌉ " + name : name + "-" + i;
      int max = Integer.parseInt(t.replaceAll("\\D", ""));
      return v.length() > max ? v.substring(0, max) : v;
    }
    if (t.equals("DECIMAL(18,2)")) {
      if (table.equals("dim_product") && name.equals("cost") && i == 1) return new BigDecimal("9999999999999999.99");
      if (table.equals("dim_product") && name.equals("cost") && i == 2) return new BigDecimal("-1234567890123456.78");
      return new BigDecimal(i * 137 + ".25");
    }
    if (t.equals("DECIMAL(9,4)")) {
      if (table.equals("product_performance") && name.equals("avg_rating") && i == 1) return new BigDecimal("99999.9999");
      return new BigDecimal("0." + String.format("%04d", (i * 731) % 10000));
    }
    return switch (t) {
      case "BIGINT" -> (long) i * 3 + 1;
      case "INTEGER" -> i + 1;
      case "BOOLEAN" -> i % 2 == 0;
      case "DATE" -> first.plusDays(i % 28);
      case "TIMESTAMP" -> first.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(i);
      default -> throw new IllegalArgumentException("No generator for " + table + "." + name + " " + t);
    };
  }

  private static int key(LocalDate d) {
    return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
  }

  /** Months as a sorted set. */
  public static Set<String> monthSet(String... ms) {
    return new TreeSet<>(List.of(ms));
  }
}
