package io.ecompipeline.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import io.ecompipeline.warehouse.ddl.Identifiers;
import io.ecompipeline.warehouse.load.WarehouseLoader;
import io.ecompipeline.warehouse.load.WarehouseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials come from the environment and never reach output, logs or run files; SQL identifiers are validated. */
class SecretsNotLoggedTest {
  static final String PASSWORD = "Tr0ub4dor-and-3-horses";

  @TempDir Path lake;

  @Test
  void aFailingLoadWithThePasswordInTheEnvironmentNeverPrintsIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/ecom?connectTimeout=2";
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
        SecretLeakProbe.class.getName(), lake.toString(), url);
    pb.environment().put("ECOM_WAREHOUSE_USER", "loader");
    pb.environment().put("ECOM_WAREHOUSE_PASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output, p.waitFor(120, TimeUnit.SECONDS), is(true));

    assertThat(output, containsString("EXIT 4"));
    assertThat(output, containsString("ALERT"));
    assertThat(output, containsString("attempt 2")); // a refused connection is transient: retried
    assertThat(output, not(containsString(PASSWORD)));
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(f.toString(), Files.readString(f), not(containsString(PASSWORD)));
      }
    }
    assertThat(Files.exists(lake.resolve("_runs/2025-01-03/manifest.json")), is(true));
  }

  @Test
  void identifiersThatReachSqlAreValidated() {
    for (String bad : List.of("analytics; drop table x", "Analytics", "1schema", "a\"b", "")) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> WarehouseSettings.defaults().withSchema(bad));
      assertThat(e.getMessage(), containsString("Invalid schema"));
    }
    assertThat(Identifiers.require("schema", "analytics"), is("analytics"));
    assertThat(io.ecompipeline.pipelines.cli.EcomCli.execute("run", "--lake", lake.toString(), "--date", "2025-01-03",
        "--schema", "analytics;drop"), is(2));
  }

  @Test
  void theLoaderRefusesATableOutsideTheStarSchema() throws IOException {
    Path db = lake.resolve("w.duckdb");
    try (WarehouseLoader loader = WarehouseLoader.open("jdbc:duckdb:" + db, WarehouseSettings.defaults())) {
      loader.migrate();
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> loader.load(
          new io.ecompipeline.warehouse.load.LoadRequest("r", lake.toString(),
              List.of(io.ecompipeline.warehouse.load.TableLoad.full("dim_customer; drop table x", List.of())))));
      assertThat(e.getMessage(), containsString("Unknown gold table"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
