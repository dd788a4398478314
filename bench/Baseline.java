import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs bench/duckdb-baseline.sql against a lake with an in-memory DuckDB and prints its wall time.
 * Single-file program: {@code java -cp duckdb_jdbc.jar bench/Baseline.java SQL LAKE DATE OUT}.
 * The time printed (BASELINE_SECONDS) covers connect + every statement, not JVM start; bench/run.sh
 * also measures the whole process with /usr/bin/time.
 */
public class Baseline {
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: Baseline SQL_FILE LAKE DATE OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[3]);
    Files.createDirectories(out);
    String sql = Files.readString(Path.of(args[0]))
        .replace("${lake}", Path.of(args[1]).toAbsolutePath().toString())
        .replace("${date}", args[2])
        .replace("${out}", out.toAbsolutePath().toString());
    // Statements end with ';' at the end of a line; comments are whole lines starting with --.
    StringBuilder clean = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) clean.append(line).append('\n');
    }
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (String stmt : clean.toString().split(";\\s*\n")) {
        if (stmt.isBlank()) continue;
        long s = System.nanoTime();
        boolean rs = st.execute(stmt);
        String head = stmt.strip().lines().findFirst().orElse("");
        System.err.printf("  %6.2f s  %s%n", (System.nanoTime() - s) / 1e9, head.length() > 70 ? head.substring(0, 70) : head);
        if (rs) {
          try (ResultSet r = st.getResultSet()) {
            while (r.next()) {
              System.out.printf("BASELINE_COUNT %s read=%d rejected=%d%n", r.getString(1), r.getLong(2), r.getLong(3));
            }
          }
        }
      }
    }
    System.out.printf("BASELINE_SECONDS %.3f%n", (System.nanoTime() - t0) / 1e9);
  }
}
