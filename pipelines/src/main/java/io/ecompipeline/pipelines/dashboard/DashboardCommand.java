package io.ecompipeline.pipelines.dashboard;

import io.ecompipeline.pipelines.cli.EcomException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ecom dashboard}: writes the business dashboard, one self-contained HTML file. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Write the business dashboard (KPIs, revenue, categories, top products, funnel, customer value,",
      "returns and payment failures, data quality) as one self-contained HTML file that opens from disk."
    })
public final class DashboardCommand implements Callable<Integer> {
  static final String DUCKDB_PREFIX = "jdbc:duckdb:";

  @Spec CommandSpec spec;

  @Option(names = "--warehouse", paramLabel = "JDBC-URL", defaultValue = "jdbc:duckdb:ecom.duckdb",
      description = "Warehouse to read: jdbc:duckdb:FILE or jdbc:postgresql://… (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--schema", defaultValue = "analytics", description = "Schema holding the gold tables (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(names = "--quality", paramLabel = "FILE", description = "A run's quality report, e.g. <lake>/_runs/<run-id>/quality.json (optional).")
  Path quality;

  @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The HTML file to write; replaced if it exists.")
  Path out;

  @Override
  public Integer call() throws IOException {
    validate();
    Optional<String> qualityJson = quality == null ? Optional.empty() : Optional.of(Files.readString(quality, StandardCharsets.UTF_8));
    String html;
    try (Connection c = connect()) {
      html = Dashboard.render(c, schema, qualityJson);
    } catch (SQLException e) {
      throw new EcomException(EcomException.EXIT_FAILED, "could not open the warehouse " + warehouse + ": " + e.getMessage(), e);
    }
    write(out.toAbsolutePath(), html);
    spec.commandLine().getOut().printf("Dashboard written to %s%n", out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private void validate() {
    if (warehouse == null || !warehouse.startsWith("jdbc:")) {
      throw bad("--warehouse must be a JDBC URL such as jdbc:duckdb:ecom.duckdb or jdbc:postgresql://host/db, got: " + warehouse);
    }
    if (warehouse.startsWith(DUCKDB_PREFIX)) {
      String file = duckDbFile(warehouse);
      if (file.isEmpty() || file.equals(":memory:") || file.startsWith(":memory:")) {
        throw bad("--warehouse " + warehouse + " is an empty in-memory DuckDB; give the warehouse file: jdbc:duckdb:FILE");
      }
      if (!Files.isRegularFile(Path.of(file))) {
        throw bad("--warehouse: DuckDB file not found: " + Path.of(file).toAbsolutePath() + " (load the warehouse first, e.g. ecom run or ecom demo)");
      }
    }
    if (!Dashboard.isValidSchema(schema)) {
      throw bad("--schema must be a plain SQL identifier (letters, digits, _), got: " + schema);
    }
    if (quality != null && !Files.isRegularFile(quality)) {
      throw bad("--quality: no such file: " + quality.toAbsolutePath());
    }
    if (quality != null && !Files.isReadable(quality)) {
      throw bad("--quality: cannot read " + quality.toAbsolutePath());
    }
    if (Files.isDirectory(out)) {
      throw bad("--out must be a file, not a folder: " + out.toAbsolutePath());
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
      throw bad("--out: " + parent + " is not a folder");
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The file part of a DuckDB URL, without connection parameters (jdbc:duckdb:FILE?x=y). */
  static String duckDbFile(String url) {
    String rest = url.substring(DUCKDB_PREFIX.length());
    int q = rest.indexOf('?');
    return q < 0 ? rest : rest.substring(0, q);
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (warehouse.startsWith(DUCKDB_PREFIX)) {
      // Only reads; read-only also lets it run next to another reader of the same file.
      props.setProperty("duckdb.read_only", "true");
    }
    return DriverManager.getConnection(warehouse, props);
  }

  /** Writes beside the target and moves it in, so a reader never opens half a page. */
  private static void write(Path target, String html) throws IOException {
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
