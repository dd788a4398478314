package io.ecompipeline.pipelines.run;

import io.ecompipeline.pipelines.ops.Lineage;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.warehouse.ddl.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What each stage of a daily run reads and writes, as OpenLineage dataset names under the lake root. */
final class StageDatasets {
  private StageDatasets() {}

  static Function<String, Lineage.Datasets> of(RunSettings settings, String runId) {
    List<String> bronze = SilverTables.ENTITIES.stream().map(t -> "bronze/" + t.name()).toList();
    List<String> silver = names("silver/", DailyPipeline.silverTables());
    List<String> gold = names("gold/", settings.goldTables());
    List<String> quarantine = SilverTables.ENTITIES.stream().map(t -> "quarantine/" + t.name()).toList();
    String staging = "_staging/" + runId + "/";
    List<String> staged = new ArrayList<>();
    for (List<String> l : List.of(silver, gold, quarantine)) {
      l.forEach(n -> staged.add(staging + n));
    }
    String runDir = "_runs/" + runId + "/";
    return stage -> switch (stage) {
      case "transform" -> new Lineage.Datasets(null, concat(bronze, silver), null, staged);
      case "quality" -> new Lineage.Datasets(null, List.of(staging + DailyPipeline.QUALITY_FACTS), null,
          List.of(runDir + "quality.json"));
      case "publish" -> new Lineage.Datasets(null, staged, null, concat(concat(silver, gold), quarantine));
      case "load" -> new Lineage.Datasets(null, gold, warehouseNamespace(settings.warehouseUrl()),
          GoldTables.ALL.stream().map(t -> settings.schema() + "." + t.name()).toList());
      case "manifest" -> new Lineage.Datasets(null, List.of(), null, List.of(runDir + "manifest.json"));
      default -> new Lineage.Datasets(null, List.of(), null, List.of());
    };
  }

  /** The warehouse as a namespace: its JDBC URL without query parameters or passwords. */
  static String warehouseNamespace(String url) {
    if (url == null) {
      return "warehouse";
    }
    String noQuery = url.replaceFirst("[?;].*$", "");
    return Secrets.maskUrl(noQuery);
  }

  private static List<String> names(String prefix, List<Table> tables) {
    return tables.stream().map(t -> prefix + t.name()).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
