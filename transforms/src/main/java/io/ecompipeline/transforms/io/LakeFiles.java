package io.ecompipeline.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Small whole-file operations on the lake through Beam's FileSystems (local or s3://). */
public final class LakeFiles {
  private LakeFiles() {}

  public static void writeString(String path, String content) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, "text/plain"))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static String readString(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public static boolean exists(String path) throws IOException {
    MatchResult m = FileSystems.match(path, EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** Paths of the files matching a glob, sorted; none when nothing matches. */
  public static List<String> match(String glob) throws IOException {
    return matchMetadata(glob).stream().map(m -> m.resourceId().toString()).toList();
  }

  /** The files matching a glob, sorted by path; none when nothing matches. */
  public static List<MatchResult.Metadata> matchMetadata(String glob) throws IOException {
    MatchResult m = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    List<MatchResult.Metadata> files = new ArrayList<>();
    if (m.status() == MatchResult.Status.OK) {
      files.addAll(m.metadata());
    }
    files.sort(Comparator.comparing(f -> f.resourceId().toString()));
    return files;
  }

  /** Deletes one file; a file that does not exist is fine. */
  public static void delete(String path) throws IOException {
    FileSystems.delete(List.of(FileSystems.matchNewResource(path, false)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** Deletes every file under {@code dir} (and, on a local disk, the emptied folders). */
  public static void deleteTree(String dir) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : LakePublisher.list(dir).values()) {
      files.add(m.resourceId());
    }
    FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    if (!dir.contains("://")) {
      java.nio.file.Path local = java.nio.file.Path.of(dir);
      if (java.nio.file.Files.isDirectory(local)) {
        try (var walk = java.nio.file.Files.walk(local)) {
          for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            java.nio.file.Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
