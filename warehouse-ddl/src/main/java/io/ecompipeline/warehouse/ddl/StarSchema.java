package io.ecompipeline.warehouse.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The star schema as the Redshift migrations define it, parsed: tables in DDL order, each with its
 * ordered columns, SQL types, nullability, primary key and comments. Callers (the pipeline's
 * cross-check against the gold Parquet schema, the loaders, the tests) read the DDL through this.
 */
public final class StarSchema {
  /**
   * One column: name, SQL type as written in the Redshift DDL, normalised to upper case without
   * spaces, nullability, comment. The types used, and the gold Parquet type each must match:
   * {@code DECIMAL(18,2)} (MONEY, FIXED(8) decimal), {@code DECIMAL(9,4)} (RATE, FIXED(4) decimal),
   * {@code TIMESTAMP} (INT64 timestamp micros, UTC), {@code DATE} (INT32 date), {@code INTEGER},
   * {@code BIGINT}, {@code BOOLEAN}, {@code VARCHAR(n)} (UTF-8 string).
   */
  public record Column(String name, String sqlType, boolean nullable, String comment) {}

  /** One table: name, ordered columns, primary key, comment. */
  public record TableDef(String name, List<Column> columns, List<String> primaryKey, String comment) {
    public List<String> columnNames() {
      return columns.stream().map(Column::name).toList();
    }

    public Column column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("No column " + name + " in " + this.name));
    }
  }

  /** The bookkeeping table every load writes; not a gold table. */
  public static final String LOAD_AUDIT = "load_audit";

  private static final Pattern CREATE =
      Pattern.compile("(?is)^CREATE\\s+TABLE\\s+\\$\\{schema\\}\\.(\\w+)\\s*\\((.*)$");
  private static final Pattern ADD_COLUMN =
      Pattern.compile("(?is)^ALTER\\s+TABLE\\s+\\$\\{schema\\}\\.(\\w+)\\s+ADD\\s+COLUMN\\s+(.*)$");
  private static final Pattern PK = Pattern.compile("(?is)^PRIMARY\\s+KEY\\s*\\((.*)\\)$");
  private static final Pattern COLUMN =
      Pattern.compile("(?is)^(\\w+)\\s+(\\w+(?:\\s+PRECISION)?(?:\\s*\\([^)]*\\))?)(.*)$");
  private static final Pattern COMMENT =
      Pattern.compile("(?is)^COMMENT\\s+ON\\s+(TABLE|COLUMN)\\s+\\$\\{schema\\}\\.(\\w+)(?:\\.(\\w+))?\\s+IS\\s+'(.*)'$");

  private static volatile Map<String, TableDef> all;

  private StarSchema() {}

  /** Gold table name → its columns (name, SQL type) in file order, in DDL order; excludes load_audit. */
  public static Map<String, List<Column>> tables() {
    Map<String, List<Column>> out = new LinkedHashMap<>();
    definitions().forEach((n, t) -> {
      if (!n.equals(LOAD_AUDIT)) out.put(n, t.columns());
    });
    return Collections.unmodifiableMap(out);
  }

  /** Every table the migrations create (gold tables and load_audit), by name, in DDL order. */
  public static Map<String, TableDef> definitions() {
    Map<String, TableDef> a = all;
    if (a == null) {
      StringBuilder script = new StringBuilder();
      for (Migration m : Migration.all()) script.append(m.sql()).append(";\n");
      all = a = parse(script.toString());
    }
    return a;
  }

  /** One table's definition. */
  public static TableDef table(String name) {
    TableDef t = definitions().get(name);
    if (t == null) {
      throw new IllegalArgumentException("Unknown warehouse table '" + name + "'; known: " + definitions().keySet());
    }
    return t;
  }

  /** Parses a Redshift DDL script (CREATE TABLE, ALTER TABLE … ADD COLUMN, COMMENT ON). */
  public static Map<String, TableDef> parse(String script) {
    Map<String, List<Column>> cols = new LinkedHashMap<>();
    Map<String, List<String>> pks = new LinkedHashMap<>();
    Map<String, String> tableComments = new LinkedHashMap<>();
    Map<String, String> columnComments = new LinkedHashMap<>();
    for (String stmt : SqlScript.statements(script)) {
      Matcher m;
      if ((m = CREATE.matcher(stmt)).matches()) {
        String table = m.group(1);
        List<Column> list = new ArrayList<>();
        for (String part : splitTopLevel(body(m.group(2)))) {
          Matcher pk = PK.matcher(part);
          if (pk.matches()) {
            pks.put(table, List.of(pk.group(1).trim().split("\\s*,\\s*")));
          } else {
            list.add(column(table, part));
          }
        }
        cols.put(table, list);
      } else if ((m = ADD_COLUMN.matcher(stmt)).matches()) {
        cols.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(column(m.group(1), m.group(2).trim()));
      } else if ((m = COMMENT.matcher(stmt)).matches()) {
        String text = m.group(4).replace("''", "'");
        if (m.group(1).equalsIgnoreCase("TABLE")) tableComments.put(m.group(2), text);
        else columnComments.put(m.group(2) + "." + m.group(3), text);
      }
    }
    Map<String, TableDef> out = new LinkedHashMap<>();
    cols.forEach((t, list) -> out.put(t, new TableDef(
        t,
        list.stream().map(c -> new Column(c.name(), c.sqlType(), c.nullable(), columnComments.get(t + "." + c.name()))).toList(),
        pks.getOrDefault(t, List.of()),
        tableComments.get(t))));
    return Collections.unmodifiableMap(out);
  }

  private static Column column(String table, String def) {
    Matcher c = COLUMN.matcher(def.trim());
    if (!c.matches()) throw new IllegalArgumentException("Cannot parse column of " + table + ": " + def);
    String type = c.group(2).replaceAll("\\s+", " ").replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")").toUpperCase();
    boolean notNull = c.group(3).toUpperCase().matches("(?s).*\\bNOT\\s+NULL\\b.*");
    return new Column(c.group(1), type, !notNull, null);
  }

  /** The column list: text up to the parenthesis closing the one before it (table attributes follow). */
  private static String body(String afterOpen) {
    int depth = 1;
    for (int i = 0; i < afterOpen.length(); i++) {
      char ch = afterOpen.charAt(i);
      if (ch == '(') depth++;
      if (ch == ')' && --depth == 0) return afterOpen.substring(0, i);
    }
    throw new IllegalArgumentException("Unbalanced parentheses in CREATE TABLE: " + afterOpen);
  }

  private static List<String> splitTopLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : body.toCharArray()) {
      if (ch == '(') depth++;
      if (ch == ')') depth--;
      if (ch == ',' && depth == 0) {
        parts.add(cur.toString().trim());
        cur.setLength(0);
      } else cur.append(ch);
    }
    if (!cur.toString().isBlank()) parts.add(cur.toString().trim());
    return parts;
  }
}
