package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in a JVM too small for it, through the shaded jar as users start it: the message must
 * name the OutOfMemoryError and what to do, and nothing may be published. Flink's off-heap sort
 * and exchange memory does not fit a 320 MiB heap's direct-memory limit; before the jar opened
 * java.lang, Flink's attempt to add its advice to the error's message failed and the user saw
 * only an InaccessibleObjectException about Throwable.detailMessage.
 */
class OutOfMemoryMessageIT {
  @TempDir Path dir;

  @Test
  void aTooSmallJvmSaysItRanOutOfMemoryAndPublishesNothing() throws Exception {
    Path lake = dir.resolve("lake");
    Result generated = ecom(List.of(), "generate", "--lake", lake.toString(), "--start", "2025-01-01", "--days", "1",
        "--scale", "0.02", "--seed", "7");
    assertEquals(0, generated.exit(), generated.output());

    Result run = ecom(List.of("-Xmx320m"), "run", "--lake", lake.toString(), "--date", "2025-01-01", "--no-load");

    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("OutOfMemoryError"), run.output());
    assertTrue(run.output().contains("The JVM ran out of memory: give it more (ECOM_JAVA_OPTS=-Xmx"), run.output());
    assertFalse(run.output().contains("InaccessibleObjectException"), run.output());
    for (String layer : List.of("silver", "gold", "quarantine")) {
      assertFalse(hasFiles(lake.resolve(layer)), layer + " must stay empty after a failed first run");
    }
  }

  private record Result(int exit, String output) {}

  private static Result ecom(List<String> jvm, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.add("-jar");
    command.add(System.getProperty("ecom.flinkJar", "target/ecom-flink.jar"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the jar did not finish: " + command);
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static boolean hasFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    }
  }
}
