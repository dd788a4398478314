package io.ecompipeline.warehouse.ddl;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements on ';', aware of quoted strings and comments. */
public final class SqlScript {
  private SqlScript() {}

  /** The statements of the script, trimmed, without comments or the closing ';'. */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') i++;
        cur.append('\n');
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
        cur.append(' ');
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == c) {
            if (j + 1 < n && script.charAt(j + 1) == c) j += 2;
            else break;
          } else j++;
        }
        cur.append(script, i, Math.min(j + 1, n));
        i = j;
      } else if (c == ';') {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) out.add(s);
    cur.setLength(0);
  }
}
