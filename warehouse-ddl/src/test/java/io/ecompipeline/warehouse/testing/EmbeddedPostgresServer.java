package io.ecompipeline.warehouse.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 15 per test JVM (zonky embedded binaries), started on first use and stopped
 * at exit; working directory under target/. If it cannot start, the calling test fails — never skips.
 */
public final class EmbeddedPostgresServer {
  private static EmbeddedPostgres pg;
  private static final AtomicInteger DBS = new AtomicInteger();

  private EmbeddedPostgresServer() {}

  public static synchronized EmbeddedPostgres get() {
    if (pg == null) {
      try {
        Path work = Path.of("target", "embedded-pg").toAbsolutePath();
        Files.createDirectories(work);
        Path data = Files.createTempDirectory(work, "data-");
        pg = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(work.toFile())
            .setDataDirectory(new File(data.toString()))
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("timezone", "UTC")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.close();
          } catch (IOException ignored) {
            // exiting anyway
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException("Embedded PostgreSQL 15 did not start (needed by this test)", e);
      }
    }
    return pg;
  }

  public static int port() {
    return get().getPort();
  }

  /** A fresh, empty database on the shared server, so tests do not see each other's tables. */
  public static String freshDatabase() {
    String name = "t" + DBS.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return name;
  }

  public static String jdbcUrl(String db) {
    return "jdbc:postgresql://localhost:" + port() + "/" + db;
  }
}
