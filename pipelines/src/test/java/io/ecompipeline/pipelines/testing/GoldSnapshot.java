package io.ecompipeline.pipelines.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a run left in {@code gold/}: per table the rows (rendered, sorted), and per file its
 * SHA-256. Two runs have the same gold when both maps are equal. Used by the runner parity tests,
 * and saved as text so one module's Direct run can be the reference of another's.
 *
 * @param rows table name → sorted rendered rows (columns separated by {@code |})
 * @param files path relative to gold/ → SHA-256 of the bytes
 */
public record GoldSnapshot(Map<String, List<String>> rows, Map<String, String> files) {

  /** Reads every gold Parquet file of {@code lake} with an in-memory DuckDB. */
  public static GoldSnapshot of(Path lake) throws IOException, SQLException {
    Path gold = lake.resolve("gold");
    Map<String, String> files = new TreeMap<>();
    Map<String, List<Path>> byTable = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(gold)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = gold.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith("_")) {
          continue; // _manifests etc. are not gold rows
        }
        files.put(rel, sha256(Files.readAllBytes(f)));
        if (rel.endsWith(".parquet")) {
          byTable.computeIfAbsent(rel.substring(0, rel.indexOf('/')), k -> new ArrayList<>()).add(f);
        }
      }
    }
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      for (var e : byTable.entrySet()) {
        StringBuilder list = new StringBuilder();
        for (Path f : e.getValue()) {
          list.append(list.length() == 0 ? "" : ", ").append('\'').append(f.toAbsolutePath().toString().replace("'", "''")).append('\'');
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet([" + list + "], hive_partitioning = false)")) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              b.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            out.add(b.toString());
          }
        }
        out.sort(null);
        rows.put(e.getKey(), out);
      }
    }
    return new GoldSnapshot(rows, files);
  }

  public long rowCount() {
    return rows.values().stream().mapToLong(List::size).sum();
  }

  /** Empty when equal; else a readable account of the first differences, table by table. */
  public String differences(GoldSnapshot other, String thisName, String otherName) {
    StringBuilder b = new StringBuilder();
    TreeMap<String, Boolean> tables = new TreeMap<>();
    rows.keySet().forEach(t -> tables.put(t, true));
    other.rows.keySet().forEach(t -> tables.put(t, true));
    for (String t : tables.keySet()) {
      List<String> a = rows.getOrDefault(t, List.of());
      List<String> o = other.rows.getOrDefault(t, List.of());
      if (!a.equals(o)) {
        b.append(t).append(": ").append(thisName).append(' ').append(a.size()).append(" rows, ")
            .append(otherName).append(' ').append(o.size()).append(" rows\n");
        List<String> onlyA = new ArrayList<>(a);
        onlyA.removeAll(o);
        List<String> onlyO = new ArrayList<>(o);
        onlyO.removeAll(a);
        onlyA.stream().limit(3).forEach(r -> b.append("  only ").append(thisName).append(": ").append(r).append('\n'));
        onlyO.stream().limit(3).forEach(r -> b.append("  only ").append(otherName).append(": ").append(r).append('\n'));
      }
    }
    if (!files.equals(other.files)) {
      TreeMap<String, Boolean> names = new TreeMap<>();
      files.keySet().forEach(f -> names.put(f, true));
      other.files.keySet().forEach(f -> names.put(f, true));
      for (String f : names.keySet()) {
        String x = files.get(f);
        String y = other.files.get(f);
        if (x == null || !x.equals(y)) {
          b.append("file ").append(f).append(": ").append(thisName).append(' ').append(x).append(", ")
              .append(otherName).append(' ').append(y).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** Text form: one line per file digest and per row, so a reference can be written and read back. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    files.forEach((f, d) -> b.append("F\t").append(f).append('\t').append(d).append('\n'));
    rows.forEach((t, rs) -> rs.forEach(r -> b.append("R\t").append(t).append('\t').append(r.replace("\n", "\\n")).append('\n')));
    return b.toString();
  }

  public static GoldSnapshot fromText(String text) {
    Map<String, String> files = new TreeMap<>();
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split("\t", 3);
      if (p[0].equals("F")) {
        files.put(p[1], p[2]);
      } else {
        rows.computeIfAbsent(p[1], k -> new ArrayList<>()).add(p[2].replace("\\n", "\n"));
      }
    }
    return new GoldSnapshot(rows, files);
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, toText(), StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
