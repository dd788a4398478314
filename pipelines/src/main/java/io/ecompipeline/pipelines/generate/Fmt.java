package io.ecompipeline.pipelines.generate;

import java.time.LocalDate;

/** Allocation-light formatting of money, timestamps and ids (String.format is too slow in the hot loop). */
final class Fmt {
  private Fmt() {}

  /** Offset styles of a rendered timestamp: all ISO-8601, all the same instant. */
  static final int TS_Z = 0;
  static final int TS_NO_OFFSET = 1;
  static final int TS_PLUS2 = 2;
  static final int TS_MINUS3 = 3;

  /** Rendered dates by epoch day modulo 64; immutable entries, so concurrent generators never see a torn one. */
  private record DateCache(long day, String text, byte[] bytes) {}

  private static final java.util.concurrent.atomic.AtomicReferenceArray<DateCache> CACHE =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(64);

  /** Cents as a decimal string with exactly 2 places: 1990 -> "19.90", -5 -> "-0.05". */
  static String money(long cents) {
    StringBuilder sb = new StringBuilder(12);
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append('.');
    int c = (int) (cents % 100);
    sb.append((char) ('0' + c / 10)).append((char) ('0' + c % 10));
    return sb.toString();
  }

  static String date(long epochDay) {
    return entry(epochDay).text;
  }

  private static DateCache entry(long epochDay) {
    int slot = (int) (epochDay & 63);
    DateCache c = CACHE.getPlain(slot);
    if (c == null || c.day != epochDay) {
      String t = LocalDate.ofEpochDay(epochDay).toString();
      c = new DateCache(epochDay, t, t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      CACHE.setPlain(slot, c);
    }
    return c;
  }

  /** An instant (epoch seconds) as ISO-8601 in one of the offset styles. */
  static String ts(long epochSec, int style) {
    long local = epochSec;
    String suffix = "Z";
    if (style == TS_NO_OFFSET) {
      suffix = "";
    } else if (style == TS_PLUS2) {
      local += 7200;
      suffix = "+02:00";
    } else if (style == TS_MINUS3) {
      local -= 10800;
      suffix = "-03:00";
    }
    long day = Math.floorDiv(local, 86400L);
    int sod = (int) (local - day * 86400L);
    byte[] b = new byte[19 + suffix.length()];
    dateBytes(day, b);
    b[10] = 'T';
    two(b, 11, sod / 3600);
    b[13] = ':';
    two(b, 14, (sod / 60) % 60);
    b[16] = ':';
    two(b, 17, sod % 60);
    for (int i = 0; i < suffix.length(); i++) {
      b[19 + i] = (byte) suffix.charAt(i);
    }
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  static String ts(long epochSec) {
    return ts(epochSec, TS_Z);
  }

  /** Writes an instant as {@code YYYY-MM-DDTHH:MM:SSZ} (20 bytes) at {@code at}; returns the next position. */
  static int tsBytes(long epochSec, byte[] b, int at) {
    long day = Math.floorDiv(epochSec, 86400L);
    int sod = (int) (epochSec - day * 86400L);
    System.arraycopy(entry(day).bytes, 0, b, at, 10);
    b[at + 10] = 'T';
    two(b, at + 11, sod / 3600);
    b[at + 13] = ':';
    two(b, at + 14, (sod / 60) % 60);
    b[at + 16] = ':';
    two(b, at + 17, sod % 60);
    b[at + 19] = 'Z';
    return at + 20;
  }

  /** Writes value in decimal, zero-padded to width; returns the next position. */
  static int digits(long value, int width, byte[] b, int at) {
    int n = 1;
    for (long x = value; x >= 10; x /= 10) {
      n++;
    }
    int w = Math.max(width, n);
    long x = value;
    for (int i = at + w - 1; i >= at; i--) {
      b[i] = (byte) ('0' + x % 10);
      x /= 10;
    }
    return at + w;
  }

  private static void dateBytes(long epochDay, byte[] b) {
    System.arraycopy(entry(epochDay).bytes, 0, b, 0, 10);
  }

  private static void two(byte[] b, int at, int v) {
    b[at] = (byte) ('0' + v / 10);
    b[at + 1] = (byte) ('0' + v % 10);
  }

  private static void two(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** prefix + value left-padded with zeros to width digits. */
  static String id(String prefix, long value, int width) {
    if (value < 0 || value >= 1_000_000_000L) {
      String v = Long.toString(value);
      return prefix + "0".repeat(Math.max(0, width - v.length())) + v;
    }
    int digits = 1;
    for (long x = value; x >= 10; x /= 10) {
      digits++;
    }
    int w = Math.max(width, digits);
    int pl = prefix.length();
    byte[] b = new byte[pl + w];
    for (int i = 0; i < pl; i++) {
      b[i] = (byte) prefix.charAt(i);
    }
    long x = value;
    for (int i = pl + w - 1; i >= pl; i--) {
      b[i] = (byte) ('0' + x % 10);
      x /= 10;
    }
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** yyyymmdd of an epoch day, for ids. */
  static String compactDate(long epochDay) {
    String d = date(epochDay);
    return d.substring(0, 4) + d.substring(5, 7) + d.substring(8, 10);
  }
}
