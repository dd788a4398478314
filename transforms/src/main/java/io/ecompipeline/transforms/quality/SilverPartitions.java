package io.ecompipeline.transforms.quality;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The silver partition layout of orders and order lines (contract §1):
 * {@code order_date=YYYY-MM-DD/customer_region=XX}, the UTC date of {@code order_ts} and the
 * region of the customer's latest silver version.
 */
public final class SilverPartitions {
  private SilverPartitions() {}

  /** Region of an order whose customer is not in silver. */
  public static final String UNKNOWN_REGION = "unknown";
  /** Partition of an order line whose order has not arrived yet. */
  public static final String PENDING = "order_date=pending/customer_region=pending";

  public static String of(Instant orderTs, String region) {
    return "order_date=" + LocalDate.ofInstant(orderTs, ZoneOffset.UTC) + "/customer_region="
        + escape(region == null || region.isEmpty() ? UNKNOWN_REGION : region);
  }

  /** Hive-style percent-escaping of characters that are unsafe in a path segment (e.g. '/', '=', space). */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
