package io.ecompipeline.warehouse.load;

import java.util.List;

/** What a load wrote: per table, in load order, the rows and the time it took. */
public record LoadResult(String runId, List<TableResult> tables) {
  /** One table's outcome. */
  public record TableResult(String table, long rows, long millis) {}

  public long totalRows() {
    return tables.stream().mapToLong(TableResult::rows).sum();
  }
}
