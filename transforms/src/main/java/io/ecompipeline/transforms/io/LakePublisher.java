package io.ecompipeline.transforms.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Publishes a folder written aside (staging) over its live twin: files whose bytes changed are
 * moved in, files that no longer exist are removed, identical files are left untouched so their
 * readers (and the warehouse loader) see no change. Nothing is touched until staging is complete.
 */
public final class LakePublisher {
  /**
   * Suffix of the empty file a writer stages in place of a file whose live twin already holds
   * exactly its content ({@code WriteFiles}): the live file is kept as it is. Unchanged files are
   * then neither copied into staging nor compared byte for byte, which on S3 was a download, an
   * upload and two more downloads of every unchanged file of the lake, every run.
   */
  public static final String KEPT = ".kept";

  private LakePublisher() {}

  /** What a publish changed, as paths relative to the published folder. */
  public record PublishResult(List<String> written, List<String> deleted, int unchanged) {
    /** The partition folders (e.g. {@code month=2025-01}) whose files changed; "" for the root. */
    public List<String> touchedPartitions() {
      TreeSet<String> dirs = new TreeSet<>();
      for (String p : written) {
        dirs.add(partitionOf(p));
      }
      for (String p : deleted) {
        dirs.add(partitionOf(p));
      }
      return List.copyOf(dirs);
    }

    public boolean changed() {
      return !written.isEmpty() || !deleted.isEmpty();
    }
  }

  /** The partition folder of a file given relative to its table (e.g. {@code month=2025-01}); "" for the root. */
  public static String partitionOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** Makes {@code targetDir} hold exactly the files of {@code stagingDir}. */
  public static PublishResult publish(String stagingDir, String targetDir) throws IOException {
    return publish(stagingDir, targetDir, live -> true);
  }

  /**
   * Publishes the files of {@code stagingDir} over {@code targetDir} and removes the live files
   * named in {@code replaced} (relative paths) that staging does not hold; every other live file
   * stays (a table merged incrementally stages only the files it rewrote).
   */
  public static PublishResult publishReplacing(String stagingDir, String targetDir, Collection<String> replaced)
      throws IOException {
    return publish(stagingDir, targetDir, Set.copyOf(replaced)::contains);
  }

  /**
   * Publishes the files of {@code stagingDir} over {@code targetDir}, which then holds exactly the
   * staged files inside the partition folders {@code partitions} (as {@link #partitionOf} names
   * them, e.g. {@code month=2025-01}) and keeps every live file outside them: a table rebuilt for
   * some of its partitions only.
   */
  public static PublishResult publishWithin(String stagingDir, String targetDir, Collection<String> partitions)
      throws IOException {
    Set<String> replaced = Set.copyOf(partitions);
    return publish(stagingDir, targetDir, live -> replaced.contains(partitionOf(live)));
  }

  private static PublishResult publish(String stagingDir, String targetDir, Predicate<String> obsoleteUnlessStaged)
      throws IOException {
    Map<String, MatchResult.Metadata> staged = list(stagingDir);
    Map<String, MatchResult.Metadata> live = list(targetDir);
    List<ResourceId> moveFrom = new ArrayList<>();
    List<ResourceId> moveTo = new ArrayList<>();
    List<String> written = new ArrayList<>();
    Set<String> kept = new TreeSet<>();
    int unchanged = 0;
    for (Map.Entry<String, MatchResult.Metadata> e : staged.entrySet()) {
      if (e.getKey().endsWith(KEPT)) {
        String file = e.getKey().substring(0, e.getKey().length() - KEPT.length());
        if (!live.containsKey(file)) {
          throw new IOException("cannot publish " + targetDir + ": " + file + " was to stay as it is, but it is no "
              + "longer there (removed while the run was writing?); nothing of this folder was changed, re-run the date");
        }
        kept.add(file);
        unchanged++;
        continue;
      }
      MatchResult.Metadata old = live.get(e.getKey());
      if (old != null && sameBytes(old, e.getValue())) {
        unchanged++;
        continue;
      }
      moveFrom.add(e.getValue().resourceId());
      moveTo.add(FileSystems.matchNewResource(LakePaths.join(targetDir, e.getKey()), false));
      written.add(e.getKey());
    }
    List<ResourceId> obsolete = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, MatchResult.Metadata> e : live.entrySet()) {
      if (!staged.containsKey(e.getKey()) && !kept.contains(e.getKey()) && obsoleteUnlessStaged.test(e.getKey())) {
        obsolete.add(e.getValue().resourceId());
        deleted.add(e.getKey());
      }
    }
    if (!moveFrom.isEmpty()) {
      FileSystems.rename(moveFrom, moveTo, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    if (!obsolete.isEmpty()) {
      FileSystems.delete(obsolete, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    Collections.sort(written);
    Collections.sort(deleted);
    return new PublishResult(List.copyOf(written), List.copyOf(deleted), unchanged);
  }

  /** Files under {@code dir}, keyed by their path relative to it. */
  public static Map<String, MatchResult.Metadata> list(String dir) throws IOException {
    String prefix = FileSystems.matchNewResource(dir, true).toString();
    MatchResult match =
        FileSystems.match(LakePaths.join(dir, "**"), EmptyMatchTreatment.ALLOW);
    Map<String, MatchResult.Metadata> files = new TreeMap<>();
    if (match.status() != MatchResult.Status.OK) {
      return files;
    }
    for (MatchResult.Metadata m : match.metadata()) {
      String path = m.resourceId().toString();
      if (m.resourceId().isDirectory() || !path.startsWith(prefix)) {
        continue;
      }
      files.put(path.substring(prefix.length()), m);
    }
    return files;
  }

  private static boolean sameBytes(MatchResult.Metadata a, MatchResult.Metadata b) throws IOException {
    if (a.sizeBytes() != b.sizeBytes()) {
      return false;
    }
    try (InputStream x = open(a.resourceId()); InputStream y = open(b.resourceId())) {
      byte[] bx = new byte[1 << 16];
      byte[] by = new byte[1 << 16];
      while (true) {
        int nx = x.readNBytes(bx, 0, bx.length);
        int ny = y.readNBytes(by, 0, by.length);
        if (nx != ny || !java.util.Arrays.equals(bx, 0, nx, by, 0, ny)) {
          return false;
        }
        if (nx == 0) {
          return true;
        }
      }
    }
  }

  private static InputStream open(ResourceId id) throws IOException {
    return new BufferedInputStream(Channels.newInputStream(FileSystems.open(id)));
  }
}
