package io.ecompipeline.warehouse.load;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One gold table of a run: its Parquet files and, for a month-partitioned table, the months
 * ({@code YYYY-MM}) the run rewrote. {@code months} empty means "replace the whole table".
 *
 * @param parquetFiles absolute paths or URIs, or paths relative to the request's gold root
 */
public record TableLoad(String table, Optional<Set<String>> months, List<String> parquetFiles) {
  private static final Pattern MONTH = Pattern.compile("^\\d{4}-(0[1-9]|1[0-2])$");

  public TableLoad {
    if (table == null || table.isBlank()) throw new IllegalArgumentException("TableLoad needs a table name");
    months = months == null ? Optional.empty() : months.map(m -> Collections.unmodifiableSortedSet(new TreeSet<>(m)));
    months.ifPresent(ms -> ms.forEach(m -> {
      if (m == null || !MONTH.matcher(m).matches()) {
        throw new IllegalArgumentException("Bad month '" + m + "' for table " + table + ": use YYYY-MM, e.g. 2024-03");
      }
    }));
    parquetFiles = List.copyOf(parquetFiles);
  }

  /** A table replaced as a whole (dimensions, customer_ltv). */
  public static TableLoad full(String table, List<String> parquetFiles) {
    return new TableLoad(table, Optional.empty(), parquetFiles);
  }

  /** A month-partitioned table: the given months are deleted and re-inserted from the files. */
  public static TableLoad months(String table, Set<String> months, List<String> parquetFiles) {
    return new TableLoad(table, Optional.of(months), parquetFiles);
  }
}
