package io.ecompipeline.warehouse.ddl;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations on DuckDB and a real PostgreSQL: twice is a no-op, an edited applied file is an error. */
class MigrationRunnerTest {
  @TempDir Path tmp;

  Connection duck() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("m.duckdb"));
  }

  Connection pg() throws Exception {
    return DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(EmbeddedPostgresServer.freshDatabase()), "postgres", "");
  }

  @Test
  void applyingTwiceIsANoOpOnDuckDb() throws Exception {
    try (Connection c = duck()) {
      twiceIsNoOp(c, Dialect.DUCKDB);
      assertThat(scalar(c, "SELECT comment FROM duckdb_tables() WHERE schema_name = 'reporting' AND table_name = 'daily_kpis'"),
          equalTo("Business KPIs per UTC date"));
    }
  }

  @Test
  void applyingTwiceIsANoOpOnPostgres() throws Exception {
    try (Connection c = pg()) {
      twiceIsNoOp(c, Dialect.POSTGRESQL);
      assertThat(scalar(c, "SELECT col_description('reporting.fact_order_line'::regclass, 12)"),
          equalTo("quantity × unit_price − discount_amount"));
    }
  }

  private static void twiceIsNoOp(Connection c, Dialect d) throws Exception {
    assertThat(new MigrationRunner(c, d, "reporting").migrate(), equalTo(List.of(1)));
    List<String> before = tables(c);
    assertThat(new MigrationRunner(c, d, "reporting").migrate(), equalTo(List.of()));
    assertThat(tables(c), equalTo(before));
    assertThat(scalar(c, "SELECT COUNT(*) FROM reporting.schema_migrations"), equalTo("1"));
    assertThat(before.size(), equalTo(12)); // 10 gold tables, load_audit, schema_migrations
  }

  @Test
  void anEditedAppliedMigrationIsRefused() throws Exception {
    try (Connection c = pg()) {
      new MigrationRunner(c, Dialect.POSTGRESQL, "analytics").migrate();
      Migration v1 = Migration.all().get(0);
      Migration edited = new Migration(1, v1.description(), v1.fileName(), v1.sql() + "\n-- edited", Migration.sha256(v1.sql() + "x"));
      MigrationException e = assertThrows(MigrationException.class,
          () -> new MigrationRunner(c, Dialect.POSTGRESQL, "analytics", List.of(edited)).migrate());
      assertThat(e.getMessage(), containsString("V001__star_schema.sql was applied"));
      assertThat(e.getMessage(), containsString("never edit an applied migration"));
    }
  }

  @Test
  void aFailingMigrationIsRolledBackWhole() throws Exception {
    try (Connection c = duck()) {
      Migration bad = new Migration(1, "bad", "V001__bad.sql",
          "CREATE TABLE ${schema}.ok_table (id INTEGER);\nCREATE TABLE ${schema}.broken (id NOSUCHTYPE)", "c");
      MigrationException e = assertThrows(MigrationException.class,
          () -> new MigrationRunner(c, Dialect.DUCKDB, "analytics", List.of(bad)).migrate());
      assertThat(e.getMessage(), containsString("V001__bad.sql failed"));
      assertThat(scalar(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ok_table'"), equalTo("0"));
      assertThat(scalar(c, "SELECT COUNT(*) FROM analytics.schema_migrations"), equalTo("0"));
    }
  }

  private static List<String> tables(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'reporting' ORDER BY table_name")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private static String scalar(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
