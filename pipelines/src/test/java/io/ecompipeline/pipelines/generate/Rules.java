package io.ecompipeline.pipelines.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The contract's record rules (section 2 and 3) as a test oracle: which rule, if any, a record breaks. */
final class Rules {
  private Rules() {}

  static final Pattern MONEY = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
  static final Pattern INT = Pattern.compile("-?\\d+");

  static final Map<String, Set<String>> ENUMS = Map.of(
      "segment", Set.of("standard", "silver", "gold", "platinum"),
      "status", Set.of("placed", "paid", "shipped", "delivered", "cancelled", "returned"),
      "channel", Set.of("web", "mobile", "marketplace"),
      "method", Set.of("credit_card", "debit_card", "paypal", "voucher", "bank_transfer", "boleto", "other"),
      "event_type", Set.of("page_view", "product_view", "add_to_cart", "remove_from_cart", "checkout_start",
          "purchase"),
      "device", Set.of("desktop", "mobile", "tablet"),
      "is_active", Set.of("true", "false"));
  static final Set<String> PAYMENT_STATUS = Set.of("authorized", "captured", "refunded", "failed");

  static final Map<String, List<String>> REQUIRED = Map.of(
      "customers", List.of("customer_id", "region", "country", "updated_at"),
      "products", List.of("product_id", "category", "updated_at"),
      "orders", List.of("order_id", "customer_id", "order_ts", "status", "currency", "updated_at"),
      "order_items", List.of("order_id", "line_number", "product_id", "quantity", "unit_price"),
      "payments", List.of("payment_id", "order_id", "payment_ts", "method", "amount", "status"),
      "reviews", List.of("review_id", "rating", "review_ts"),
      "clickstream", List.of("event_id", "session_id", "event_type", "event_ts"));
  static final Set<String> MONEY_COLS = Set.of("list_price", "cost", "shipping_amount", "unit_price",
      "discount_amount", "amount");
  static final Set<String> INT_COLS = Set.of("line_number", "quantity", "installments", "rating");
  static final Set<String> TS_COLS = Set.of("updated_at", "order_ts", "payment_ts", "review_ts", "event_ts");

  static Instant parseTs(String v) {
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    }
  }

  static boolean isEmpty(String v) {
    return v == null || v.isEmpty();
  }

  /** The rule a well-formed record breaks, or null; a record is expected to break at most one. */
  static String check(String entity, Map<String, String> r, String ingestDate) {
    for (String c : REQUIRED.get(entity)) {
      if (isEmpty(r.get(c))) {
        return Defects.REQUIRED_MISSING;
      }
    }
    for (Map.Entry<String, String> e : r.entrySet()) {
      String c = e.getKey();
      String v = e.getValue();
      if (isEmpty(v) || c.startsWith("_")) {
        continue;
      }
      Set<String> dom = c.equals("status") && entity.equals("payments") ? PAYMENT_STATUS : ENUMS.get(c);
      if (dom != null && !dom.contains(v.toLowerCase(Locale.ROOT))) {
        return c.equals("is_active") ? Defects.INVALID_TYPE : Defects.INVALID_ENUM;
      }
      if (MONEY_COLS.contains(c) && !MONEY.matcher(v).matches()) {
        return Defects.INVALID_TYPE;
      }
      if (INT_COLS.contains(c) && !INT.matcher(v).matches()) {
        return Defects.INVALID_TYPE;
      }
      if (TS_COLS.contains(c)) {
        try {
          parseTs(v);
        } catch (DateTimeParseException ex) {
          return Defects.INVALID_TYPE;
        }
      }
    }
    switch (entity) {
      case "order_items" -> {
        long q = Long.parseLong(r.get("line_number"));
        if (q < 1 || Long.parseLong(r.get("quantity")) < 1 || cents(r.get("unit_price")) < 0) {
          return Defects.OUT_OF_RANGE;
        }
        String d = r.get("discount_amount");
        if (!isEmpty(d) && (cents(d) < 0
            || cents(d) > Long.parseLong(r.get("quantity")) * cents(r.get("unit_price")))) {
          return Defects.OUT_OF_RANGE;
        }
      }
      case "payments" -> {
        String inst = r.get("installments");
        if (cents(r.get("amount")) < 0 || (!isEmpty(inst) && Long.parseLong(inst) < 1)) {
          return Defects.OUT_OF_RANGE;
        }
      }
      case "reviews" -> {
        long rating = Long.parseLong(r.get("rating"));
        if (rating < 1 || rating > 5) {
          return Defects.OUT_OF_RANGE;
        }
      }
      default -> { }
    }
    Instant limit = LocalDate.parse(ingestDate).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    for (String c : TS_COLS) {
      String v = r.get(c);
      if (!isEmpty(v) && parseTs(v).isAfter(limit.plusSeconds(86400))) {
        return Defects.FUTURE_TIMESTAMP;
      }
    }
    return null;
  }

  static long cents(String v) {
    return new java.math.BigDecimal(v).movePointRight(2).longValueExact();
  }
}
