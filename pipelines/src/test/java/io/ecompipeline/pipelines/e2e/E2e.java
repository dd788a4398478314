package io.ecompipeline.pipelines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecompipeline.pipelines.cli.EcomCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the end-to-end tests share: the CLI as a user types it, lake snapshots and SQL helpers. */
final class E2e {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Embedded Flink by default (-De2e.runner=direct to compare; the DirectRunner is much slower). */
  static final String RUNNER = System.getProperty("e2e.runner", "flink");

  /** Every gold table, in load order. */
  static final List<String> GOLD = List.of("dim_customer", "dim_product", "dim_date", "fact_order_line", "fact_payment",
      "agg_daily_sales", "daily_kpis", "customer_ltv", "conversion_funnel_daily", "product_performance");

  private E2e() {}

  /** An exit code and what the command printed. */
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** Runs {@code ecom args…} in this JVM, capturing stdout and stderr (echoed too, for the test log). */
  static synchronized Result cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = EcomCli.execute(args);
      o.flush();
      e.flush();
      Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      oldOut.println("$ ecom " + String.join(" ", args) + "  -> exit " + code + "\n" + r.out() + r.err());
      return r;
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static void generate(Path lake, String start, int days, double scale, double dirtyRate) {
    Result r = cli("generate", "--lake", lake.toString(), "--start", start, "--days", String.valueOf(days),
        "--scale", String.valueOf(scale), "--seed", "11", "--dirty-rate", String.valueOf(dirtyRate));
    assertEquals(0, r.code(), r.all());
  }

  /** {@code ecom run} of one date on embedded Flink; {@code warehouse} null means --no-load. */
  static Result run(Path lake, String date, String warehouse) {
    List<String> a = new ArrayList<>(List.of("run", "--lake", lake.toString(), "--date", date, "--runner", RUNNER));
    if (warehouse == null) {
      a.add("--no-load");
    } else {
      a.add("--warehouse");
      a.add(warehouse);
    }
    return cli(a.toArray(String[]::new));
  }

  static Result runOk(Path lake, String date, String warehouse) {
    Result r = run(lake, date, warehouse);
    assertEquals(0, r.code(), "run " + date + " failed:\n" + r.all());
    return r;
  }

  /** Relative path → SHA-256 of every file under {@code dir} (empty when it does not exist). */
  static Map<String, String> hashes(Path dir) {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(dir)) {
      return m;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(d.digest(Files.readAllBytes(p))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  /** Relative path → last-modified time in nanoseconds of every file under {@code dir}. */
  static Map<String, Long> mtimes(Path dir) {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.NANOSECONDS));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  static JsonNode readJson(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh in-memory DuckDB in UTC, for reading Parquet and attached warehouses. */
  static Connection duck() {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = c.createStatement()) {
        st.execute("SET TimeZone = 'UTC'");
      }
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code read_parquet} expression over every file of a gold table. */
  static String gold(Path lake, String table) {
    return "read_parquet('" + lake.resolve("gold").resolve(table) + "/**/*.parquet', hive_partitioning=false)";
  }

  static long count(Connection c, String sql) {
    return ((Number) single(c, sql)).longValue();
  }

  static Object single(Connection c, String sql) {
    List<List<Object>> rows = rows(c, sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0).get(0);
  }

  static BigDecimal money(Connection c, String sql) {
    Object o = single(c, sql);
    return o == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(o.toString()).setScale(2);
  }

  /** The rows of a query, values normalized (see {@link #norm}) so DuckDB and PostgreSQL compare equal. */
  static List<List<Object>> rows(Connection c, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(norm(rs.getObject(i)));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows as sorted text lines, for comparing whole tables across databases with readable diffs. */
  static List<String> lines(Connection c, String sql) {
    return rows(c, sql).stream().map(r -> r.stream().map(String::valueOf).reduce((a, b) -> a + " | " + b).orElse(""))
        .sorted().toList();
  }

  static Object norm(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Short || v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
      return Long.valueOf(((Number) v).longValue());
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
    }
    if (v instanceof java.time.LocalDateTime t) {
      return t.toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof java.time.LocalDate d) {
      return d.toString();
    }
    return v;
  }
}
