package io.ecompipeline.warehouse.ddl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates docs/data-dictionary.md from the warehouse DDL's COMMENT ON statements (through
 * {@link StarSchema#definitions()}), so the dictionary cannot drift from the schema:
 * {@link DataDictionaryTest} fails when the checked-in file differs from {@link #render()}.
 *
 * <p>Regenerate: {@value #REGENERATE}
 */
public final class DataDictionary {
  /** The command that rewrites docs/data-dictionary.md (run from the repository root). */
  public static final String REGENERATE =
      "./mvnw -B -o -q -pl warehouse-ddl test -Dtest=DataDictionaryTest -Ddata-dictionary.write=true";

  /** docs/data-dictionary.md seen from the warehouse-ddl module (Maven runs tests there). */
  public static final Path FILE = Path.of("..", "docs", "data-dictionary.md");

  private DataDictionary() {}

  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Data dictionary\n\n");
    md.append("<!-- GENERATED from the COMMENT ON statements of warehouse-ddl/src/main/resources/ddl/redshift/*.sql\n");
    md.append("     by io.ecompipeline.warehouse.ddl.DataDictionary. Do not edit by hand; regenerate with:\n");
    md.append("     ").append(REGENERATE).append("\n");
    md.append("     DataDictionaryTest fails when this file differs from the DDL. -->\n\n");
    md.append("Every table of the warehouse (schema `analytics` by default) and of the gold layer ")
        .append("(same names, same column order, as Parquet under `gold/<table>/`). Types are the Redshift DDL's; ")
        .append("the DuckDB and PostgreSQL DDL are derived from it. Money is DECIMAL(18,2), rates DECIMAL(9,4), ")
        .append("timestamps are UTC.\n\n");
    md.append("| table | what |\n|---|---|\n");
    StarSchema.definitions().values().forEach(t ->
        md.append("| [`").append(t.name()).append("`](#").append(t.name()).append(") | ").append(cell(t.comment())).append(" |\n"));
    for (StarSchema.TableDef t : StarSchema.definitions().values()) {
      md.append("\n## ").append(t.name()).append("\n\n");
      md.append(t.comment() == null ? "" : t.comment().strip()).append(".");
      if (!t.primaryKey().isEmpty()) {
        md.append(" Primary key: `").append(String.join("`, `", t.primaryKey())).append("`.");
      }
      if (t.name().equals(StarSchema.LOAD_AUDIT)) md.append(" Warehouse bookkeeping only, not a gold table.");
      md.append("\n\n| column | type | null | description |\n|---|---|---|---|\n");
      for (StarSchema.Column c : t.columns()) {
        md.append("| `").append(c.name()).append("` | ").append(c.sqlType()).append(" | ")
            .append(c.nullable() ? "yes" : "no").append(" | ").append(cell(c.comment())).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.strip().replace("|", "\\|").replace("\n", " ");
  }

  /** Writes the dictionary; the optional argument is the output path (default {@link #FILE}). */
  public static void main(String[] args) throws Exception {
    Path out = args.length > 0 ? Path.of(args[0]) : FILE;
    Files.writeString(out, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath().normalize());
  }
}
