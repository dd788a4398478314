package io.ecompipeline.pipelines.run;

import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher;
import io.ecompipeline.transforms.schema.SilverTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Which silver clickstream gold's conversion funnel was built from: a fingerprint of its live
 * files (path, size, modification time), recorded as {@code gold/_lineage.json} after each
 * publish. A run corrects the funnel by the sessions it touches only when the fingerprint matches
 * the silver it starts from; otherwise (the first run, a crash between publishing silver and gold,
 * gold deleted or restored from a backup) it rebuilds the funnel from the whole clickstream.
 */
final class GoldLineage {
  static final String FILE = "_lineage.json";

  private GoldLineage() {}

  /** Whether gold was last built from the silver clickstream the lake holds now. */
  static boolean inStep(String lake) throws IOException {
    String path = path(lake);
    return LakeFiles.exists(path)
        && RunManifest.JSON.readTree(LakeFiles.readString(path)).path("silver_clickstream").asText("").equals(fingerprint(lake));
  }

  /**
   * Records that gold is now built from the live silver clickstream: after gold is published. An
   * unchanged record is not rewritten, as no unchanged gold file is.
   */
  static void record(String lake) throws IOException {
    String path = path(lake);
    String lineage = RunManifest.JSON.createObjectNode().put("silver_clickstream", fingerprint(lake)).toString();
    if (!LakeFiles.exists(path) || !LakeFiles.readString(path).equals(lineage)) {
      LakeFiles.writeString(path, lineage);
    }
  }

  private static String path(String lake) {
    return LakePaths.join(lake, "gold", FILE);
  }

  private static String fingerprint(String lake) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Map.Entry<String, MatchResult.Metadata> f : LakePublisher.list(LakePaths.silver(lake, SilverTables.CLICKSTREAM.name())).entrySet()) {
      sha.update((f.getKey() + "\t" + f.getValue().sizeBytes() + "\t" + f.getValue().lastModifiedMillis() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
