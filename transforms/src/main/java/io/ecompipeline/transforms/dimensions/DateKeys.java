package io.ecompipeline.transforms.dimensions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The one definition of a date key: the UTC date of an instant as the integer yyyymmdd. */
public final class DateKeys {
  private DateKeys() {}

  public static LocalDate utcDate(Instant ts) {
    return LocalDate.ofInstant(ts, ZoneOffset.UTC);
  }

  public static int of(LocalDate date) {
    return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  public static int of(Instant ts) {
    return of(utcDate(ts));
  }

  public static LocalDate toDate(int dateKey) {
    return LocalDate.of(dateKey / 10000, dateKey / 100 % 100, dateKey % 100);
  }

  /** The UTC month of an instant as YYYY-MM. */
  public static String month(Instant ts) {
    LocalDate d = utcDate(ts);
    return month(d.getYear(), d.getMonthValue());
  }

  /** The month of a date key as YYYY-MM. */
  public static String month(int dateKey) {
    return month(dateKey / 10000, dateKey / 100 % 100);
  }

  /** {@code YYYY-MM} (years 1000–9999), built by hand: {@code String.format} per row is costly. */
  public static String month(int year, int month) {
    return year + (month < 10 ? "-0" : "-") + month;
  }
}
