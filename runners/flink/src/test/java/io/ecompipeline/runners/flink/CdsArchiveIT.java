package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/cds-archive, which bin/ecom asks for the options that start the shaded jar from a
 * class-data-sharing archive: the archive it makes holds the project's own classes and a JVM that
 * must use it ({@code -Xshare:on}) starts, and runs a day under Java Flight Recorder (which JDK
 * 17.0.15 crashed with the JDK's generated lambda-form classes in the archive); it is made again
 * only when the jar is newer, and never when turned off.
 */
class CdsArchiveIT {
  private static final Path SCRIPT = Path.of("..", "..", "bin", "cds-archive").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void theArchiveHoldsTheCliAndIsRemadeOnlyForANewerJar() throws Exception {
    Path jar = dir.resolve("ecom-flink.jar");
    Files.copy(Path.of(System.getProperty("ecom.flinkJar", "target/ecom-flink.jar")), jar);
    Path archive = dir.resolve("ecom-flink.jsa");

    Result made = run(Map.of(), "bash", SCRIPT.toString(), jar.toString(), "flink");
    String options = "-XX:SharedArchiveFile=" + archive + " -Xlog:cds=off";
    assertEquals(options, made.stdout().strip(), made.stderr());
    assertTrue(made.stderr().contains("writing a class-data archive"), made.stderr());

    List<String> java = new ArrayList<>(List.of(javaBin(), "-Xshare:on", "-Xlog:class+load=info"));
    java.addAll(List.of(options.split(" ")));
    java.addAll(List.of("-jar", jar.toString(), "--version"));
    Result started = run(Map.of(), java.toArray(String[]::new));
    assertEquals(0, started.exit(), started.stderr());
    assertTrue(started.stdout().contains("io.ecompipeline.pipelines.cli.EcomCli source: shared objects file"), started.stdout());

    Path lake = dir.resolve("lake");
    Result generated = run(Map.of(), javaBin(), "-jar", jar.toString(), "generate", "--lake", lake.toString(),
        "--start", "2025-01-01", "--scale", "0.01");
    assertEquals(0, generated.exit(), generated.stderr());
    List<String> recorded = new ArrayList<>(List.of(javaBin(), "-Xshare:on", "-XX:StartFlightRecording=filename=" + dir.resolve("run.jfr")));
    recorded.addAll(List.of(options.split(" ")));
    recorded.addAll(List.of("-jar", jar.toString(), "run", "--lake", lake.toString(), "--date", "2025-01-01", "--silver-only"));
    Result underJfr = run(Map.of(), recorded.toArray(String[]::new));
    assertEquals(0, underJfr.exit(), underJfr.stdout() + underJfr.stderr());

    FileTime madeAt = Files.getLastModifiedTime(archive);
    Result kept = run(Map.of(), "bash", SCRIPT.toString(), jar.toString(), "flink");
    assertEquals(options, kept.stdout().strip());
    assertEquals("", kept.stderr());
    assertEquals(madeAt, Files.getLastModifiedTime(archive));

    Files.setLastModifiedTime(jar, FileTime.fromMillis(madeAt.toMillis() + 2_000));
    Result remade = run(Map.of(), "bash", SCRIPT.toString(), jar.toString(), "flink");
    assertEquals(options, remade.stdout().strip(), remade.stderr());
    assertTrue(Files.getLastModifiedTime(archive).compareTo(madeAt) > 0, "a newer jar gets a new archive");

    Result off = run(Map.of("ECOM_CDS", "0"), "bash", SCRIPT.toString(), jar.toString(), "flink");
    assertEquals("", off.stdout());
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs {@code command} in the test's folder, where a crashing JVM leaves its error files. */
  private Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    // bin/cds-archive runs the java on PATH: the one running this test.
    builder.environment().put("PATH", Path.of(javaBin()).getParent() + ":" + System.getenv("PATH"));
    Path out = Files.createTempFile("cds", ".out");
    Path err = Files.createTempFile("cds", ".err");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "did not finish: " + String.join(" ", command));
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
