package io.ecompipeline.transforms.io;

import java.time.LocalDate;

/** Paths of the lake layout (contract §1), for local folders and {@code s3://} roots alike. */
public final class LakePaths {
  private LakePaths() {}

  public static String join(String base, String... parts) {
    StringBuilder b = new StringBuilder(base);
    for (String p : parts) {
      if (b.length() > 0 && b.charAt(b.length() - 1) != '/') {
        b.append('/');
      }
      b.append(p);
    }
    return b.toString();
  }

  public static String bronze(String lake, String entity, LocalDate ingestDate) {
    return join(lake, "bronze", entity, "ingest_date=" + ingestDate);
  }

  public static String quarantine(String lake, String entity, LocalDate ingestDate) {
    return join(lake, "quarantine", entity, "ingest_date=" + ingestDate);
  }

  public static String silver(String lake, String table) {
    return join(lake, "silver", table);
  }

  public static String gold(String lake, String table) {
    return join(lake, "gold", table);
  }

  public static String run(String lake, String runId) {
    return join(lake, "_runs", runId);
  }

  /** Where a run writes its outputs before they are published. */
  public static String staging(String lake, String runId) {
    return join(lake, "_staging", runId);
  }
}
