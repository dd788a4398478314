package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.transforms.gold.BuildGold;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Which silver gold was built from: each live file of every silver table gold reads, by path,
 * size and modification time, recorded as {@code gold/_lineage.json} after each publish. A run
 * builds on the previous gold (the funnel corrected by the sessions it touches, the other
 * month-partitioned tables recomputed for the months it touches) only when the live silver is
 * what the record names; otherwise (the first run, a crash between publishing silver and gold,
 * gold deleted or restored from a backup, a record written by a release before gold by month) it
 * rebuilds gold whole. The funnel needs only the clickstream in step.
 *
 * <p>Files the record names that are gone do not count: the lake's lifecycle rules expire silver
 * (365 days) long before gold (5 years), and a publish of ours that deletes a file always writes
 * one too. So gold keeps the rows of expired files, as it keeps its history.
 */
final class GoldLineage {
  static final String FILE = "_lineage.json";
  /** Bumped when gold built on a previous gold would no longer equal gold built whole. */
  private static final int FORMAT = 2;

  /** What gold is in step with: the silver clickstream, and every silver table gold reads. */
  record InStep(boolean clickstream, boolean allSilver) {}

  private GoldLineage() {}

  static InStep of(String lake) throws IOException {
    String path = path(lake);
    if (!LakeFiles.exists(path)) {
      return new InStep(false, false);
    }
    JsonNode recorded = RunManifest.JSON.readTree(LakeFiles.readString(path));
    boolean clickstream = matches(recorded.path(section(SilverTables.CLICKSTREAM)), lake, SilverTables.CLICKSTREAM);
    // Stops listing at the first table out of step: on S3 each table is a LIST call or more.
    boolean all = clickstream && recorded.path("format").asInt() == FORMAT;
    for (Table t : BuildGold.REQUIRED_SILVER) {
      all = all && (t.equals(SilverTables.CLICKSTREAM) || matches(recorded.path(section(t)), lake, t));
    }
    return new InStep(clickstream, all);
  }

  /**
   * Records that gold is now built from the live silver: after gold is published. An unchanged
   * record is not rewritten, as no unchanged gold file is.
   */
  static void record(String lake) throws IOException {
    String path = path(lake);
    ObjectNode root = RunManifest.JSON.createObjectNode();
    root.put("format", FORMAT);
    for (Table t : BuildGold.REQUIRED_SILVER) {
      ObjectNode files = root.putObject(section(t));
      liveFiles(lake, t).forEach((relative, m) -> files.put(relative, stateOf(m)));
    }
    String lineage = root.toString();
    if (!LakeFiles.exists(path) || !LakeFiles.readString(path).equals(lineage)) {
      LakeFiles.writeString(path, lineage);
    }
  }

  private static boolean matches(JsonNode recorded, String lake, Table table) throws IOException {
    if (!recorded.isObject()) {
      return false;
    }
    for (Map.Entry<String, MatchResult.Metadata> f : liveFiles(lake, table).entrySet()) {
      if (!recorded.path(f.getKey()).asText("").equals(stateOf(f.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static String section(Table table) {
    return "silver_" + table.name();
  }

  private static String path(String lake) {
    return LakePaths.join(lake, "gold", FILE);
  }

  /** The live files of a silver table by path relative to the table, in a stable order. */
  private static Map<String, MatchResult.Metadata> liveFiles(String lake, Table table) throws IOException {
    return LakePublisher.list(LakePaths.silver(lake, table.name()));
  }

  private static String stateOf(MatchResult.Metadata file) {
    return file.sizeBytes() + ":" + file.lastModifiedMillis();
  }
}
