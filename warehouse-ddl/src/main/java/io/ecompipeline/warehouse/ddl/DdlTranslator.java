package io.ecompipeline.warehouse.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the PostgreSQL and DuckDB DDL from the Redshift DDL, the one source of truth: strips the
 * physical-design clauses (DISTSTYLE, DISTKEY, SORTKEY, ENCODE, BACKUP) and maps the few types that
 * differ. Anything Redshift-only it cannot translate is an error, never silently dropped.
 */
public final class DdlTranslator {
  private DdlTranslator() {}

  public static final String SCHEMA_PLACEHOLDER = "${schema}";

  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?is)^\\s*CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\b.*");
  private static final Pattern[] PHYSICAL = {
    Pattern.compile("(?i)\\bDISTSTYLE\\s+(?:ALL|EVEN|KEY|AUTO)\\b"),
    Pattern.compile("(?i)\\bDISTKEY\\s*\\(\\s*\\w+\\s*\\)"),
    Pattern.compile("(?i)\\b(?:COMPOUND\\s+|INTERLEAVED\\s+)?SORTKEY\\s*(?:\\([^)]*\\)|AUTO\\b)"),
    Pattern.compile("(?i)\\bENCODE\\s+\\w+"),
    Pattern.compile("(?i)\\bBACKUP\\s+(?:YES|NO)\\b"),
    // column attributes: "customer_key BIGINT DISTKEY SORTKEY"
    Pattern.compile("(?i)\\b(?:DISTKEY|SORTKEY)\\b(?!\\s*\\()"),
  };
  private static final Pattern VARCHAR_MAX = Pattern.compile("(?i)\\b(?:VARCHAR|CHARACTER\\s+VARYING)\\s*\\(\\s*MAX\\s*\\)");
  private static final Pattern UNSUPPORTED =
      Pattern.compile("(?i)\\b(IDENTITY\\s*\\(|GETDATE\\s*\\(|NVL\\s*\\(|DATEADD\\s*\\(|SUPER\\b|HLLSKETCH\\b)");

  /** The script's statements in the target dialect, with ${schema} still a placeholder. */
  public static List<String> translate(String redshiftScript, Dialect target) {
    List<String> out = new ArrayList<>();
    for (String stmt : SqlScript.statements(redshiftScript)) {
      out.add(translateStatement(stmt, target));
    }
    return out;
  }

  /** The script's statements in the target dialect with the validated schema substituted. */
  public static List<String> render(String redshiftScript, Dialect target, String schema) {
    Identifiers.require("schema", schema);
    return translate(redshiftScript, target).stream()
        .map(s -> s.replace(SCHEMA_PLACEHOLDER, schema))
        .toList();
  }

  /** Prints the migrations' DDL in a dialect: {@code DdlTranslator postgresql|duckdb|redshift [schema]}. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: DdlTranslator postgresql|duckdb|redshift [schema]");
      System.exit(2);
    }
    Dialect d = Dialect.valueOf(args[0].toUpperCase(Locale.ROOT));
    String schema = args.length > 1 ? args[1] : "analytics";
    for (Migration m : Migration.all()) {
      System.out.println("-- " + m.fileName() + " (" + d + ", derived from ddl/redshift/" + m.fileName() + ")");
      for (String stmt : render(m.sql(), d, schema)) System.out.println(stmt + ";\n");
    }
  }

  static String translateStatement(String stmt, Dialect target) {
    if (target == Dialect.REDSHIFT) return stmt;
    if (!CREATE_TABLE.matcher(stmt).matches() && !stmt.toUpperCase(Locale.ROOT).startsWith("ALTER TABLE")) {
      return stmt; // COMMENT ON, CREATE SCHEMA, …: the same in all three
    }
    Matcher bad = UNSUPPORTED.matcher(stmt);
    if (bad.find()) {
      throw new IllegalArgumentException(
          "Redshift-only construct '" + bad.group(1) + "' has no " + target
              + " translation; rewrite the DDL with portable SQL: " + firstLine(stmt));
    }
    String s = stmt;
    for (Pattern p : PHYSICAL) s = p.matcher(s).replaceAll("");
    s = VARCHAR_MAX.matcher(s).replaceAll("VARCHAR");
    // tidy the whitespace the removed clauses leave, line by line
    StringBuilder b = new StringBuilder();
    for (String line : s.split("\n")) {
      String l = line.replaceAll("[ \\t]+$", "").replaceAll("(\\S)[ \\t]{2,}", "$1 ").replaceAll(" ,", ",");
      if (!l.isBlank()) b.append(b.length() == 0 ? "" : "\n").append(l);
    }
    return b.toString().strip();
  }

  private static String firstLine(String s) {
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
