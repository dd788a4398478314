package io.ecompipeline.warehouse.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migrations (see docs/decisions/0002-migrations.md): each pending one in its
 * own transaction, recorded in {@code <schema>.schema_migrations} with its checksum. Applying twice is
 * a no-op; an applied migration whose file changed is an error.
 */
public final class MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

  private final Connection conn;
  private final Dialect dialect;
  private final String schema;
  private final List<Migration> migrations;

  public MigrationRunner(Connection conn, Dialect dialect, String schema) {
    this(conn, dialect, schema, Migration.all());
  }

  public MigrationRunner(Connection conn, Dialect dialect, String schema, List<Migration> migrations) {
    this.conn = conn;
    this.dialect = dialect;
    this.schema = Identifiers.require("schema", schema);
    this.migrations = List.copyOf(migrations);
  }

  /** Applies the pending migrations and returns their versions (empty when up to date). */
  public List<Integer> migrate() {
    List<Integer> applied = new ArrayList<>();
    boolean auto = autoCommit();
    try {
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_migrations ("
            + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(256) NOT NULL, "
            + "checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
      }
      conn.commit();
      for (Migration m : migrations) {
        if (applyOne(m)) applied.add(m.version());
      }
      return applied;
    } catch (SQLException e) {
      rollbackQuietly();
      throw new MigrationException("Could not prepare " + schema + ".schema_migrations: " + e.getMessage(), e);
    } finally {
      try {
        conn.setAutoCommit(auto);
      } catch (SQLException ignored) {
        // the connection is unusable anyway
      }
    }
  }

  private boolean applyOne(Migration m) {
    String current = null;
    try {
      if (dialect != Dialect.DUCKDB) {
        // serialises concurrent migrators; DuckDB has one writer per file anyway
        try (Statement st = conn.createStatement()) {
          st.execute("LOCK TABLE " + schema + ".schema_migrations");
        }
      }
      String recorded = appliedChecksums().get(m.version());
      if (recorded != null) {
        conn.rollback();
        if (!recorded.equals(m.checksum())) {
          throw new MigrationException("Migration " + m.fileName() + " was applied to schema " + schema
              + " with checksum " + recorded + " but the file now has " + m.checksum()
              + ": never edit an applied migration, add a new V" + String.format("%03d", m.version() + 1)
              + "__….sql instead (or restore the file)", null);
        }
        return false;
      }
      long t0 = System.nanoTime();
      try (Statement st = conn.createStatement()) {
        for (String sql : DdlTranslator.render(m.sql(), dialect, schema)) {
          current = sql;
          st.execute(sql);
        }
      }
      current = null;
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + schema
          + ".schema_migrations (version, description, checksum, applied_at) VALUES (?, ?, ?, CAST(? AS TIMESTAMP))")) {
        ps.setInt(1, m.version());
        ps.setString(2, m.description());
        ps.setString(3, m.checksum());
        ps.setString(4, nowUtc());
        ps.executeUpdate();
      }
      conn.commit();
      LOG.info("Applied migration {} to {} schema {} in {} ms", m.fileName(), dialect, schema, (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (SQLException e) {
      rollbackQuietly();
      throw new MigrationException("Migration " + m.fileName() + " failed on " + dialect + " schema " + schema
          + " and was rolled back: " + e.getMessage()
          + (current == null ? "" : "\n  statement: " + firstLines(current)), e);
    }
  }

  private Map<Integer, String> appliedChecksums() throws SQLException {
    Map<Integer, String> out = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + schema + ".schema_migrations")) {
      while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
    }
    return out;
  }

  static String nowUtc() {
    return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
  }

  private boolean autoCommit() {
    try {
      return conn.getAutoCommit();
    } catch (SQLException e) {
      return true;
    }
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the original error is the one to report
    }
  }

  private static String firstLines(String sql) {
    String[] lines = sql.split("\n");
    return lines.length <= 2 ? sql : lines[0] + " " + lines[1] + " …";
  }
}
