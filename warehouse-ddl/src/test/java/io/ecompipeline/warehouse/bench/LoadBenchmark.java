package io.ecompipeline.warehouse.bench;

import io.ecompipeline.warehouse.load.Credentials;
import io.ecompipeline.warehouse.load.LoadRequest;
import io.ecompipeline.warehouse.load.TableLoad;
import io.ecompipeline.warehouse.load.WarehouseLoader;
import io.ecompipeline.warehouse.load.WarehouseSettings;
import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import io.ecompipeline.warehouse.testing.GoldFixture;
import io.ecompipeline.warehouse.testing.GoldParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Not a test: loads N fact_order_line rows (default 1,000,000, in 4 monthly pipeline-shaped Parquet
 * files) into embedded PostgreSQL 15 and into DuckDB, twice each (first load, then a re-load of the
 * same run), and prints the seconds. Run: see docs/warehouse.md.
 */
public final class LoadBenchmark {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    Path gold = dir.resolve("gold");
    List<String> months = List.of("2024-01", "2024-02", "2024-03", "2024-04");
    List<String> files = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String m : months) {
      String rel = "fact_order_line/month=" + m + "/part-00000.parquet";
      GoldParquet.write(gold.resolve(rel), "fact_order_line", GoldFixture.generate("fact_order_line", m, rows / months.size()));
      files.add(rel);
    }
    System.out.printf("wrote %,d rows of Parquet in %.1f s%n", rows, secs(t0));
    LoadRequest req = new LoadRequest("bench", gold.toAbsolutePath().toString(),
        List.of(TableLoad.months("fact_order_line", Set.copyOf(new TreeSet<>(months)), files)));

    Path duckFile = dir.resolve("bench.duckdb");
    Files.deleteIfExists(duckFile);
    run("DuckDB", "jdbc:duckdb:" + duckFile.toAbsolutePath(), WarehouseSettings.defaults(), req);
    long s = System.nanoTime();
    String pgUrl = EmbeddedPostgresServer.jdbcUrl(EmbeddedPostgresServer.freshDatabase());
    System.out.printf("embedded PostgreSQL 15 ready in %.1f s%n", secs(s));
    run("PostgreSQL", pgUrl, WarehouseSettings.defaults().withCredentials(new Credentials("postgres", "")), req);
    System.exit(0);
  }

  private static void run(String name, String url, WarehouseSettings settings, LoadRequest req) {
    try (WarehouseLoader loader = WarehouseLoader.open(url, settings)) {
      loader.migrate();
      for (String phase : List.of("first load", "re-load")) {
        long t = System.nanoTime();
        long n = loader.load(req).totalRows();
        System.out.printf("%-10s %-10s %,d rows in %.2f s%n", name, phase, n, secs(t));
      }
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
