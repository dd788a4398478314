package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import io.ecompipeline.warehouse.ddl.SqlScript;
import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import io.ecompipeline.warehouse.testing.GoldFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every BI query in queries/ runs on a loaded DuckDB and PostgreSQL and gives the same answer on both. */
class BiQueriesIT {
  @TempDir static Path tmp;
  private static String duckUrl;
  private static String pgUrl;

  @BeforeAll
  static void loadBothWarehouses() {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), List.of("2024-01", "2024-02"), 60);
    duckUrl = "jdbc:duckdb:" + tmp.resolve("bi.duckdb");
    pgUrl = EmbeddedPostgresServer.jdbcUrl(EmbeddedPostgresServer.freshDatabase());
    try (WarehouseLoader duck = WarehouseLoader.open(duckUrl, WarehouseSettings.defaults());
        WarehouseLoader pg = WarehouseLoader.open(pgUrl, WarehouseSettings.defaults().withCredentials(new Credentials("postgres", "")))) {
      duck.migrate();
      duck.load(gold.request("bi-run"));
      pg.migrate();
      pg.load(gold.request("bi-run"));
    }
  }

  static Stream<Path> queries() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("queries"))) {
      List<Path> qs = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
      assertThat(qs, hasSize(6));
      return qs.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void runsOnDuckDbAndPostgresWithTheSameResult(Path query) throws Exception {
    List<String> statements = SqlScript.statements(Files.readString(query));
    assertThat(statements, hasSize(1));
    List<String> onDuck;
    List<String> onPg;
    try (Connection c = DriverManager.getConnection(duckUrl)) {
      onDuck = run(c, statements.get(0));
    }
    try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "")) {
      onPg = run(c, statements.get(0));
    }
    assertThat(query + " returns rows", onDuck.size(), greaterThan(0));
    assertThat(query.toString(), onPg, equalTo(onDuck));
  }

  /** Rows as text; numbers compared by value so DECIMAL(18,2) 5.50 and 5.5 agree. */
  private static List<String> run(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String v = rs.getString(i);
          int t = md.getColumnType(i);
          boolean numeric = t == Types.DECIMAL || t == Types.NUMERIC || t == Types.BIGINT || t == Types.INTEGER
              || t == Types.DOUBLE || t == Types.OTHER;
          if (v != null && (numeric || v.matches("-?\\d+(\\.\\d+)?"))) v = new BigDecimal(v).stripTrailingZeros().toPlainString();
          if (v != null && (v.equals("t") || v.equals("f"))) v = v.equals("t") ? "true" : "false";
          b.append(i == 1 ? "" : "|").append(v);
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
