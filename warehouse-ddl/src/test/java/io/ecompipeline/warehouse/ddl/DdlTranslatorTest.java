package io.ecompipeline.warehouse.ddl;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdlTranslatorTest {
  static final String REDSHIFT = """
      -- a fact
      CREATE TABLE ${schema}.f (
        id VARCHAR(64) NOT NULL ENCODE zstd,
        k BIGINT NOT NULL DISTKEY,
        d INTEGER NOT NULL SORTKEY ENCODE az64,
        note VARCHAR(MAX),
        amount DECIMAL(18,2),
        PRIMARY KEY (id)
      )
      DISTKEY (k)
      COMPOUND SORTKEY (d, id)
      BACKUP NO;
      COMMENT ON TABLE ${schema}.f IS 'It''s a fact; with DISTKEY in its comment';
      """;

  @Test
  void postgresAndDuckDbLoseOnlyThePhysicalDesignClauses() {
    String expected = """
        CREATE TABLE ${schema}.f (
          id VARCHAR(64) NOT NULL,
          k BIGINT NOT NULL,
          d INTEGER NOT NULL,
          note VARCHAR,
          amount DECIMAL(18,2),
          PRIMARY KEY (id)
        )""";
    for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.DUCKDB)) {
      List<String> out = DdlTranslator.translate(REDSHIFT, d);
      assertThat(out, hasSize(2));
      assertThat(d.name(), out.get(0), equalTo(expected));
      assertThat("comments are untouched, even their text", out.get(1),
          equalTo("COMMENT ON TABLE ${schema}.f IS 'It''s a fact; with DISTKEY in its comment'"));
    }
  }

  @Test
  void redshiftIsTheSourceVerbatim() {
    assertThat(DdlTranslator.translate(REDSHIFT, Dialect.REDSHIFT).get(0), containsString("COMPOUND SORTKEY (d, id)"));
  }

  @Test
  void theShippedDdlTranslatesWithoutAnyRedshiftClauseLeft() {
    for (Migration m : Migration.all()) {
      for (Dialect d : List.of(Dialect.POSTGRESQL, Dialect.DUCKDB)) {
        List<String> ddl = DdlTranslator.render(m.sql(), d, "analytics");
        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE TABLE")).toList(),
            everyItem(not(containsString("DIST"))));
        assertThat(ddl.stream().filter(s -> s.startsWith("CREATE TABLE")).toList(), everyItem(not(containsString("SORTKEY"))));
        assertThat(ddl, everyItem(not(containsString("${schema}"))));
      }
    }
  }

  @Test
  void redshiftOnlyConstructsAreRefusedNotDropped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DdlTranslator.translate(
        "CREATE TABLE ${schema}.t (id BIGINT IDENTITY(1,1), ts TIMESTAMP DEFAULT GETDATE())", Dialect.DUCKDB));
    assertThat(e.getMessage(), containsString("IDENTITY"));
  }

  @Test
  void schemaNamesAreValidatedBeforeTheyReachSql() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DdlTranslator.render(REDSHIFT, Dialect.POSTGRESQL, "analytics; drop table x"));
    assertThat(e.getMessage(), containsString("Invalid schema 'analytics; drop table x'"));
    for (String bad : List.of("Analytics", "1abc", "", "a-b", "a".repeat(64), "analytics\"")) {
      assertThrows(IllegalArgumentException.class, () -> Identifiers.require("schema", bad), bad);
    }
    assertThat(Identifiers.require("schema", "analytics_dev"), equalTo("analytics_dev"));
  }

  @Test
  void scriptSplittingRespectsQuotesAndComments() {
    assertThat(SqlScript.statements("SELECT 'a;b'; -- x; y\nSELECT 2 /* ; */;"),
        equalTo(List.of("SELECT 'a;b'", "SELECT 2")));
  }
}
