package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher;
import io.ecompipeline.transforms.schema.SilverTables;
import java.io.IOException;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Which silver clickstream gold's conversion funnel was built from: each live file's path, size
 * and modification time, recorded as {@code gold/_lineage.json} after each publish. A run
 * corrects the funnel by the sessions it touches only when every live clickstream file is one the
 * record names, unchanged; otherwise (the first run, a crash between publishing silver and gold,
 * gold deleted or restored from a backup) it rebuilds the funnel from the whole clickstream.
 *
 * <p>Files the record names that are gone do not count: the lake's lifecycle rules expire silver
 * (365 days) long before gold (5 years), and a publish of ours that deletes a file always writes
 * one too. So the funnel keeps the sessions of expired files, as gold keeps its history.
 */
final class GoldLineage {
  static final String FILE = "_lineage.json";
  private static final String CLICKSTREAM = "silver_clickstream";

  private GoldLineage() {}

  /** Whether gold was last built from the silver clickstream the lake holds now (less expired files). */
  static boolean inStep(String lake) throws IOException {
    String path = path(lake);
    if (!LakeFiles.exists(path)) {
      return false;
    }
    JsonNode recorded = RunManifest.JSON.readTree(LakeFiles.readString(path)).path(CLICKSTREAM);
    if (!recorded.isObject()) {
      return false;
    }
    for (Map.Entry<String, MatchResult.Metadata> f : liveFiles(lake).entrySet()) {
      if (!recorded.path(f.getKey()).asText("").equals(stateOf(f.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records that gold is now built from the live silver clickstream: after gold is published. An
   * unchanged record is not rewritten, as no unchanged gold file is.
   */
  static void record(String lake) throws IOException {
    String path = path(lake);
    ObjectNode root = RunManifest.JSON.createObjectNode();
    ObjectNode files = root.putObject(CLICKSTREAM);
    liveFiles(lake).forEach((relative, m) -> files.put(relative, stateOf(m)));
    String lineage = root.toString();
    if (!LakeFiles.exists(path) || !LakeFiles.readString(path).equals(lineage)) {
      LakeFiles.writeString(path, lineage);
    }
  }

  private static String path(String lake) {
    return LakePaths.join(lake, "gold", FILE);
  }

  /** The live clickstream files by path relative to the table, in a stable order. */
  private static Map<String, MatchResult.Metadata> liveFiles(String lake) throws IOException {
    return LakePublisher.list(LakePaths.silver(lake, SilverTables.CLICKSTREAM.name()));
  }

  private static String stateOf(MatchResult.Metadata file) {
    return file.sizeBytes() + ":" + file.lastModifiedMillis();
  }
}
