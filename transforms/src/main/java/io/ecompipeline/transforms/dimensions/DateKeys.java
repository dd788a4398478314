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
    return String.format("%04d-%02d", d.getYear(), d.getMonthValue());
  }
}
