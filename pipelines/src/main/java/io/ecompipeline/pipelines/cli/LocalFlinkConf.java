package io.ecompipeline.pipelines.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Flink configuration of an embedded mini-cluster, sized from this JVM's heap. Flink's local
 * defaults give the batch sorts of a whole job 128 MiB of managed memory, so at scale 10 every
 * grouping spills and merges from disk; a cluster (EMR) keeps its own flink-conf instead.
 */
final class LocalFlinkConf {
  /** Managed (sort) memory is a third of the heap limit, within these bounds. */
  static final long MIN_MANAGED = 128L << 20;

  static final long MAX_MANAGED = 3L << 30;

  private static Path directory;

  private LocalFlinkConf() {}

  /** A folder holding {@code config.yaml}, written once per JVM and removed when it exits. */
  static synchronized Path directory() {
    if (directory == null) {
      try {
        Path dir = Files.createTempDirectory("ecom-flink-conf");
        // deleteOnExit works in reverse order of registration: the folder first, so it goes last
        // (registered after its file, every run left an empty folder in the temp directory).
        dir.toFile().deleteOnExit();
        Path file = dir.resolve("config.yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, yaml(Runtime.getRuntime().maxMemory()));
        directory = dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the embedded Flink configuration", e);
      }
    }
    return directory;
  }

  /** The configuration for a JVM whose heap may grow to {@code maxHeapBytes}. */
  static String yaml(long maxHeapBytes) {
    long managed = Math.max(MIN_MANAGED, Math.min(MAX_MANAGED, maxHeapBytes / 3));
    return "taskmanager.memory.managed.size: " + (managed >> 20) + "m\n"
        // the blocking exchanges of a batch job at parallelism 2 need more than the local 64 MiB
        + "taskmanager.memory.network.min: 256m\n"
        + "taskmanager.memory.network.max: 256m\n";
  }
}
