package io.ecompipeline.pipelines.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  private byte[] buf = new byte[1 << 17];
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
    this.keys = new byte[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      keys[i] = ((i == 0 ? "{\"" : ",\"") + columns[i] + "\":").getBytes(StandardCharsets.UTF_8);
    }
    if (variation == Variation.BOM) {
      text("\uFEFF");
    }
    if (!entity.jsonLines) {
      for (int i = 0; i < order.length; i++) {
        if (i > 0) {
          put((byte) ',');
        }
        String name = order[i] < 0 ? "loyalty_tier" : columns[order[i]];
        text(variation == Variation.UPPER_CASE_HEADER ? name.toUpperCase(Locale.ROOT) : name);
      }
      eol();
    }
  }

  private final byte[][] keys;

  /** Writes one record; fields are in canonical order, null means empty (JSON: null). */
  void write(String[] f) {
    if (entity.jsonLines) {
      json(f, Integer.MAX_VALUE);
    } else {
      csv(f, order.length);
    }
    eol();
    rows++;
  }

  /** Writes a record that no parser can accept: two fields short, or a JSON object cut off mid-way. */
  void writeMalformed(String[] f) {
    if (entity.jsonLines) {
      json(f, columns.length / 2);
    } else {
      csv(f, order.length - 2);
    }
    eol();
    rows++;
  }

  private void csv(String[] f, int count) {
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        put((byte) ',');
      }
      int c = order[i];
      String v = c < 0 ? LOYALTY[(int) (rows % LOYALTY.length)] : f[c];
      if (v != null) {
        csvField(v);
      }
    }
  }

  /** ASCII chars that force a CSV field into quotes. */
  private static final boolean[] CSV_SPECIAL = new boolean[128];
  /** ASCII chars a JSON string holds as they are. */
  private static final boolean[] JSON_PLAIN = new boolean[128];

  static {
    CSV_SPECIAL[','] = CSV_SPECIAL['"'] = CSV_SPECIAL['\n'] = CSV_SPECIAL['\r'] = true;
    for (int c = 0x20; c < 0x80; c++) {
      JSON_PLAIN[c] = c != '"' && c != '\\';
    }
  }

  /** One optimistic pass without quotes; starts over quoted at the first char that needs them. */
  private void csvField(String v) {
    int n = chars(v);
    char[] cs = cbuf;
    ensure(n * 6 + 2);
    byte[] b = buf;
    int start = pos;
    int p = pos;
    for (int i = 0; i < n; i++) {
      char ch = cs[i];
      if (ch < 0x80) {
        if (CSV_SPECIAL[ch]) {
          pos = start;
          quoted(cs, n);
          return;
        }
        b[p++] = (byte) ch;
      } else {
        pos = p;
        i = encode(cs, n, i, ch);
        p = pos;
      }
    }
    pos = p;
  }

  private void quoted(char[] cs, int n) {
    byte[] b = buf;
    b[pos++] = '"';
    for (int i = 0; i < n; i++) {
      char ch = cs[i];
      if (ch == '"') {
        b[pos++] = '"';
      }
      i = encode(cs, n, i, ch);
    }
    b[pos++] = '"';
  }

  private char[] cbuf = new char[256];

  /** Copies the string's chars into cbuf (one bulk copy beats charAt in the loops). */
  private int chars(String v) {
    int n = v.length();
    if (n > cbuf.length) {
      cbuf = new char[Math.max(n, cbuf.length * 2)];
    }
    v.getChars(0, n, cbuf, 0);
    return n;
  }

  /** The first {@code count} fields as JSON; a count short of the columns leaves the object unclosed. */
  private void json(String[] f, int count) {
    int n = Math.min(count, columns.length);
    for (int i = 0; i < n; i++) {
      byte[] k = keys[i];
      ensure(k.length);
      System.arraycopy(k, 0, buf, pos, k.length);
      pos += k.length;
      jsonValue(f[i]);
    }
    if (n == columns.length) {
      put((byte) '}');
    }
  }

  /**
   * Writes one clickstream event straight from its parts, byte for byte what {@link #write} would
   * write for the same fields, without building the strings of the id and the timestamp.
   */
  void writeEvent(String idPrefix, long seq, String session, String customer, String type, String product,
      String page, long epochSec, String device) {
    key(0);
    ensure(idPrefix.length() + 24);
    buf[pos++] = '"';
    for (int i = 0; i < idPrefix.length(); i++) {
      buf[pos++] = (byte) idPrefix.charAt(i);
    }
    pos = Fmt.digits(seq, 8, buf, pos);
    buf[pos++] = '"';
    key(1);
    jsonValue(session);
    key(2);
    jsonValue(customer);
    key(3);
    jsonValue(type);
    key(4);
    jsonValue(product);
    key(5);
    jsonValue(page);
    key(6);
    ensure(24);
    buf[pos++] = '"';
    pos = Fmt.tsBytes(epochSec, buf, pos);
    buf[pos++] = '"';
    key(7);
    jsonValue(device);
    put((byte) '}');
    eol();
    rows++;
  }

  private void key(int i) {
    byte[] k = keys[i];
    ensure(k.length);
    System.arraycopy(k, 0, buf, pos, k.length);
    pos += k.length;
  }

  private void jsonValue(String v) {
    if (v == null) {
      text("null");
      return;
    }
    {
      int len = chars(v);
      char[] cs = cbuf;
      ensure(len * 6 + 2);
      buf[pos++] = '"';
      for (int j = 0; j < len; j++) {
        char ch = cs[j];
        if (ch < 0x80 && JSON_PLAIN[ch]) {
          buf[pos++] = (byte) ch;
        } else if (ch == '"' || ch == '\\') {
          buf[pos++] = '\\';
          buf[pos++] = (byte) ch;
        } else if (ch == '\n') {
          buf[pos++] = '\\';
          buf[pos++] = 'n';
        } else if (ch < 0x20) {
          buf[pos++] = '\\';
          buf[pos++] = 'u';
          buf[pos++] = '0';
          buf[pos++] = '0';
          buf[pos++] = (byte) Character.forDigit(ch >> 4, 16);
          buf[pos++] = (byte) Character.forDigit(ch & 15, 16);
        } else {
          j = encode(cs, len, j, ch);
        }
      }
      buf[pos++] = '"';
    }
  }

  private void eol() {
    ensure(2);
    if (crlf) {
      buf[pos++] = '\r';
    }
    buf[pos++] = '\n';
  }

  private void put(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  /** UTF-8 encodes a string as is. */
  private void text(String v) {
    int n = chars(v);
    ensure(n * 3);
    for (int i = 0; i < n; i++) {
      i = encode(cbuf, n, i, cbuf[i]);
    }
  }

  /** UTF-8 encodes the char at i (a surrogate pair takes i + 1 too); returns the last index consumed. */
  private int encode(char[] s, int n, int i, char c) {
    byte[] b = buf;
    if (c < 0x80) {
      b[pos++] = (byte) c;
    } else if (c < 0x800) {
      b[pos++] = (byte) (0xC0 | (c >> 6));
      b[pos++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
      int cp = Character.toCodePoint(c, s[++i]);
      b[pos++] = (byte) (0xF0 | (cp >> 18));
      b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      b[pos++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      b[pos++] = (byte) (0xE0 | (c >> 12));
      b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[pos++] = (byte) (0x80 | (c & 0x3F));
    }
    return i;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      drain();
      if (n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, n);
      }
    }
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
