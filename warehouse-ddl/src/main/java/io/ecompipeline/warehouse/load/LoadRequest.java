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

  /** The absolute location of a file named in a TableLoad. */
  public String resolve(String file) {
    if (file.startsWith("/") || file.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || file.matches("^[A-Za-z]:[\\\\/].*")) {
      return file;
    }
    return goldRoot + "/" + file;
  }
}
