package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecompipeline.pipelines.cli.EcomException;
import io.ecompipeline.pipelines.s3.BeamBlobStore;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.LakePublisher.PublishResult;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.warehouse.load.LoadRequest;
import io.ecompipeline.warehouse.load.LoadResult;
import io.ecompipeline.warehouse.load.TableLoad;
import io.ecompipeline.warehouse.load.WarehouseLoadException;
import io.ecompipeline.warehouse.load.WarehouseLoader;
import io.ecompipeline.warehouse.load.WarehouseSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads what a run published into the warehouse: whole tables for dimensions and other full
 * tables, only the touched months for month-partitioned ones. Months published but not yet loaded
 * (a failed load) are remembered in {@code _runs/_pending_load.json} and loaded by the next run.
 */
final class WarehouseStage {
  private static final java.util.regex.Pattern MONTH_DIR = java.util.regex.Pattern.compile("/month=(\\d{4}-\\d{2})/");

  private WarehouseStage() {}

  static LoadResult load(RunSettings settings, String runId, Map<String, PublishResult> gold, RunManifest manifest)
      throws IOException {
    String lake = settings.lake();
    String pendingPath = LakePaths.join(lake, "_runs", "_pending_load.json");
    Map<String, Set<String>> months = readPending(pendingPath);
    for (Table t : GoldTables.ALL) {
      PublishResult r = gold.get(t.name());
      if (LakeLayout.monthPartitioned(t) && r != null) {
        Set<String> touched = months.computeIfAbsent(t.name(), k -> new TreeSet<>());
        for (String partition : r.touchedPartitions()) {
          touched.add(partition.replaceFirst("^month=", ""));
        }
      }
      if (LakeLayout.monthPartitioned(t) && settings.fullLoad()) {
        Set<String> all = months.computeIfAbsent(t.name(), k -> new TreeSet<>());
        for (String file : LakeFiles.match(LakePaths.join(LakePaths.gold(lake, t.name()), "month=*", "*.parquet"))) {
          java.util.regex.Matcher m = MONTH_DIR.matcher(file);
          if (m.find()) {
            all.add(m.group(1));
          }
        }
      }
    }
    writePending(pendingPath, months);

    List<TableLoad> loads = new ArrayList<>();
    for (Table t : GoldTables.ALL) {
      String dir = LakePaths.gold(lake, t.name());
      if (LakeLayout.monthPartitioned(t)) {
        Set<String> ms = months.getOrDefault(t.name(), Set.of());
        List<String> files = new ArrayList<>();
        for (String m : ms) {
          files.addAll(LakeFiles.match(LakePaths.join(dir, "month=" + m, "*.parquet")));
        }
        loads.add(TableLoad.months(t.name(), ms, files));
      } else {
        loads.add(TableLoad.full(t.name(), LakeFiles.match(LakePaths.join(dir, "*.parquet"))));
      }
    }
    try (WarehouseLoader loader = WarehouseLoader.open(settings.warehouseUrl(), warehouseSettings(settings))) {
      loader.migrate();
      LoadResult result = loader.load(new LoadRequest(runId, LakePaths.join(lake, "gold"), loads));
      LakeFiles.delete(pendingPath);
      ObjectNode section = RunManifest.JSON.createObjectNode();
      result.tables().forEach(tr -> section.put(tr.table(), tr.rows()));
      manifest.section("warehouse_rows", section);
      return result;
    } catch (WarehouseLoadException e) {
      throw new EcomException(EcomException.EXIT_LOAD, "warehouse load failed: " + e.getMessage()
          + "\nThe failing table was rolled back; gold is published. Fix the cause and run the date again"
          + " (the months not yet loaded are remembered in " + pendingPath + ").", e);
    }
  }

  /**
   * The loader's settings: environment plus schema; for Redshift, COPY manifests are written through
   * Beam FileSystems, next to the gold files on S3 (the default store refuses s3://).
   */
  static WarehouseSettings warehouseSettings(RunSettings settings) {
    WarehouseSettings ws = WarehouseSettings.fromEnvironment().withSchema(settings.schema());
    if (settings.warehouseUrl() != null && settings.warehouseUrl().startsWith("jdbc:redshift:")) {
      ws = ws.withManifestStore(new BeamBlobStore());
    }
    return ws;
  }

  private static Map<String, Set<String>> readPending(String path) throws IOException {
    Map<String, Set<String>> months = new TreeMap<>();
    if (LakeFiles.exists(path)) {
      JsonNode root = RunManifest.JSON.readTree(LakeFiles.readString(path));
      root.fields().forEachRemaining(e -> {
        Set<String> ms = new TreeSet<>();
        e.getValue().forEach(m -> ms.add(m.asText()));
        months.put(e.getKey(), ms);
      });
    }
    return months;
  }

  private static void writePending(String path, Map<String, Set<String>> months) throws IOException {
    ObjectNode root = RunManifest.JSON.createObjectNode();
    months.forEach((t, ms) -> {
      ArrayNode a = root.putArray(t);
      ms.forEach(a::add);
    });
    LakeFiles.writeString(path, RunManifest.JSON.writeValueAsString(root));
  }
}
