package io.ecompipeline.warehouse.load;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one run loads: its id (the idempotency key of load_audit), the gold root (a local directory
 * or an s3:// URI) and one {@link TableLoad} per table, in any order (the loader orders them).
 */
public record LoadRequest(String runId, String goldRoot, List<TableLoad> tables) {
  private static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9._:=+-]{1,128}$");

  public LoadRequest {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("Bad run id '" + runId + "': 1–128 of letters, digits and . _ : = + -");
    }
    if (goldRoot == null || goldRoot.isBlank()) throw new IllegalArgumentException("LoadRequest needs a gold root");
    goldRoot = goldRoot.endsWith("/") ? goldRoot.substring(0, goldRoot.length() - 1) : goldRoot;
    tables = List.copyOf(tables);
    Set<String> seen = new HashSet<>();
    for (TableLoad t : tables) {
      if (!seen.add(t.table())) throw new IllegalArgumentException("Table " + t.table() + " appears twice in the load request");
    }
  }

  /**
   * A request for a gold lake on local disk laid out as the pipeline writes it: every
   * {@code gold/<table>/*.parquet} of the full tables, and the {@code gold/<table>/month=M/*.parquet}
   * of the given months for the partitioned ones. Tables without files are left out.
   */
  public static LoadRequest scanLocal(String runId, java.nio.file.Path goldRoot, Set<String> months) throws java.io.IOException {
    List<TableLoad> loads = new java.util.ArrayList<>();
    for (String table : LoadPlan.ORDER) {
      java.nio.file.Path dir = goldRoot.resolve(table);
      boolean partitioned = LoadPlan.monthColumn(table).isPresent();
      List<String> files = new java.util.ArrayList<>();
      if (partitioned) {
        for (String m : new java.util.TreeSet<>(months)) files.addAll(parquetIn(goldRoot, dir.resolve("month=" + m)));
      } else {
        files.addAll(parquetIn(goldRoot, dir));
      }
      if (partitioned && !months.isEmpty()) loads.add(TableLoad.months(table, months, files));
      else if (!partitioned && !files.isEmpty()) loads.add(TableLoad.full(table, files));
    }
    return new LoadRequest(runId, goldRoot.toAbsolutePath().toString(), loads);
  }

  private static List<String> parquetIn(java.nio.file.Path root, java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dir)) return List.of();
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /** The absolute location of a file named in a TableLoad. */
  public String resolve(String file) {
    if (file.startsWith("/") || file.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || file.matches("^[A-Za-z]:[\\\\/].*")) {
      return file;
    }
    return goldRoot + "/" + file;
  }
}
