package io.ecompipeline.warehouse.testing;

import io.ecompipeline.warehouse.ddl.StarSchema;
import io.ecompipeline.warehouse.ddl.StarSchema.Column;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Canonical text of rows, so fixture rows and warehouse rows compare exactly (decimals, UTC micros). */
public final class Rows {
  private Rows() {}

  public static List<String> canonical(String table, List<Object[]> rows) {
    List<Column> cols = StarSchema.table(table).columns();
    List<String> out = new ArrayList<>();
    for (Object[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols.size(); i++) {
        Object v = r[i];
        String s;
        if (v == null) s = "∅";
        else if (v instanceof BigDecimal d) s = d.setScale(scale(cols.get(i))).toPlainString();
        else if (v instanceof Instant t) s = LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
        else if (v instanceof Integer n) s = Long.toString(n);
        else s = v.toString();
        b.append(i == 0 ? "" : "|").append(s);
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }

  /** The table's rows read back through JDBC, in the same canonical text. */
  public static List<String> read(Connection c, String schema, String table) throws SQLException {
    List<Column> cols = StarSchema.table(table).columns();
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + table)) {
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
          String t = cols.get(i).sqlType();
          Object v;
          if (t.startsWith("DECIMAL")) v = rs.getBigDecimal(i + 1);
          else if (t.equals("TIMESTAMP")) v = rs.getObject(i + 1, LocalDateTime.class);
          else if (t.equals("DATE")) v = rs.getObject(i + 1, LocalDate.class);
          else if (t.equals("BIGINT") || t.equals("INTEGER")) v = rs.getLong(i + 1);
          else if (t.equals("BOOLEAN")) v = rs.getBoolean(i + 1);
          else v = rs.getString(i + 1);
          String s;
          if (rs.wasNull() || v == null) s = "∅";
          else if (v instanceof BigDecimal d) s = d.setScale(scale(cols.get(i))).toPlainString();
          else s = v.toString();
          b.append(i == 0 ? "" : "|").append(s);
        }
        out.add(b.toString());
      }
    }
    out.sort(null);
    return out;
  }

  private static int scale(Column c) {
    String t = c.sqlType();
    return Integer.parseInt(t.substring(t.indexOf(',') + 1, t.indexOf(')')));
  }
}
