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

  private static long cachedDay = Long.MIN_VALUE;
  private static String cachedDate = "";

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

  static synchronized String date(long epochDay) {
    if (epochDay != cachedDay) {
      cachedDate = LocalDate.ofEpochDay(epochDay).toString();
      cachedDay = epochDay;
    }
    return cachedDate;
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
    StringBuilder sb = new StringBuilder(26);
    sb.append(date(day)).append('T');
    two(sb, sod / 3600);
    sb.append(':');
    two(sb, (sod / 60) % 60);
    sb.append(':');
    two(sb, sod % 60);
    return sb.append(suffix).toString();
  }

  static String ts(long epochSec) {
    return ts(epochSec, TS_Z);
  }

  private static void two(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** prefix + value left-padded with zeros to width digits. */
  static String id(String prefix, long value, int width) {
    String v = Long.toString(value);
    StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, v.length()));
    sb.append(prefix);
    for (int i = v.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(v).toString();
  }

  /** yyyymmdd of an epoch day, for ids. */
  static String compactDate(long epochDay) {
    String d = date(epochDay);
    return d.substring(0, 4) + d.substring(5, 7) + d.substring(8, 10);
  }
}
