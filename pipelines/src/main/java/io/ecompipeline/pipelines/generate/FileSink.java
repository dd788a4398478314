package io.ecompipeline.pipelines.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One bronze file: CSV (RFC 4180) or JSON Lines, encoded to UTF-8 by hand into a byte buffer
 * because the JDK writers cost more than the generation itself.
 */
final class FileSink implements Closeable {

  /** How this file departs from the plain layout; each is valid input. */
  enum Variation { NONE, BOM, CRLF, GZIP, UPPER_CASE_HEADER, REORDERED_COLUMNS, EXTRA_COLUMN }

  private static final String[] LOYALTY = {"bronze", "", "silver", "gold", ""};

  final BronzeEntity entity;
  final Path path;
  final Variation variation;
  private final String[] columns;
  /** File column -> canonical field index; -1 is the extra unknown column. */
  private final int[] order;
  private final boolean crlf;
  private final OutputStream out;
  private final StringBuilder sb = new StringBuilder(1024);
  private final byte[] buf = new byte[1 << 17];
  private int pos;
  long rows;

  /**
   * @param dropColumn canonical index of a column the file lacks (a partner file with a defect), or -1
   */
  FileSink(Path path, BronzeEntity entity, Variation variation, int dropColumn) {
    this.entity = entity;
    this.path = path;
    this.variation = variation;
    this.columns = entity.columnArray();
    this.crlf = variation == Variation.CRLF;
    int n = columns.length;
    int[] o;
    if (variation == Variation.REORDERED_COLUMNS) {
      // Rotate by half and swap the ends: still deterministic, clearly not the contract order.
      o = new int[n];
      for (int i = 0; i < n; i++) {
        o[i] = (i + n / 2) % n;
      }
    } else if (variation == Variation.EXTRA_COLUMN) {
      o = new int[n + 1];
      for (int i = 0; i < n; i++) {
        o[i] = i;
      }
      o[n] = -1;
      // Put the unknown column in the middle, where a positional reader would trip.
      int mid = n / 2;
      System.arraycopy(o, mid, o, mid + 1, n - mid);
      o[mid] = -1;
    } else {
      o = new int[n];
      for (int i = 0; i < n; i++) {
        o[i] = i;
      }
    }
    if (dropColumn >= 0) {
      int[] p = new int[o.length - 1];
      int k = 0;
      for (int c : o) {
        if (c != dropColumn) {
          p[k++] = c;
        }
      }
      o = p;
    }
    this.order = o;
    try {
      Files.createDirectories(path.getParent());
      OutputStream os = Files.newOutputStream(path);
      this.out = variation == Variation.GZIP ? new GZIPOutputStream(os, 1 << 16) : os;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
    }
    if (variation == Variation.BOM) {
      sb.append('\uFEFF');
    }
    if (!entity.jsonLines) {
      for (int i = 0; i < order.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        String name = order[i] < 0 ? "loyalty_tier" : columns[order[i]];
        sb.append(variation == Variation.UPPER_CASE_HEADER ? name.toUpperCase(Locale.ROOT) : name);
      }
      eol();
    }
    flushLine();
  }

  /** Writes one record; fields are in canonical order, null means empty (JSON: null). */
  void write(String[] f) {
    if (entity.jsonLines) {
      json(f);
    } else {
      csv(f, order.length);
    }
    eol();
    flushLine();
    rows++;
  }

  /** Writes a record that no parser can accept: two fields short, or a JSON object cut in half. */
  void writeMalformed(String[] f) {
    if (entity.jsonLines) {
      json(f);
      sb.setLength(sb.length() / 2);
    } else {
      csv(f, order.length - 2);
    }
    eol();
    flushLine();
    rows++;
  }

  private void csv(String[] f, int count) {
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(',');
      }
      int c = order[i];
      String v = c < 0 ? LOYALTY[(int) (rows % LOYALTY.length)] : f[c];
      if (v != null) {
        appendCsv(v);
      }
    }
  }

  private void appendCsv(String v) {
    boolean quote = false;
    for (int i = 0, n = v.length(); i < n; i++) {
      char ch = v.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0, n = v.length(); i < n; i++) {
      char ch = v.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

  private void json(String[] f) {
    sb.append('{');
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(columns[i]).append("\":");
      String v = f[i];
      if (v == null) {
        sb.append("null");
      } else {
        sb.append('"');
        for (int k = 0, n = v.length(); k < n; k++) {
          char ch = v.charAt(k);
          if (ch == '"' || ch == '\\') {
            sb.append('\\').append(ch);
          } else if (ch == '\n') {
            sb.append("\\n");
          } else if (ch < 0x20) {
            sb.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
          } else {
            sb.append(ch);
          }
        }
        sb.append('"');
      }
    }
    sb.append('}');
  }

  private void eol() {
    if (crlf) {
      sb.append('\r');
    }
    sb.append('\n');
  }

  /** UTF-8 encodes the line buffer into the byte buffer. */
  private void flushLine() {
    StringBuilder s = sb;
    int n = s.length();
    if (pos + n * 3 + 4 > buf.length) {
      drain();
      if (n * 3 + 4 > buf.length) {
        byte[] b = s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
          out.write(b);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        s.setLength(0);
        return;
      }
    }
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    pos = p;
    s.setLength(0);
  }

  private void drain() {
    try {
      out.write(buf, 0, pos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
    pos = 0;
  }

  @Override
  public void close() {
    drain();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }
}
