package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class ValidateRecordsTest {
  static final LocalDate RUN = LocalDate.of(2024, 3, 1);
  static final String FILE = "/lake/bronze/x/ingest_date=2024-03-01/f.csv";
  static final QualityRules RULES = QualityRules.defaults();

  static BronzeRecord rec(Table t, long line, String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return BronzeRecord.of(t.name(), m, "raw " + line, FILE, line, RUN);
  }

  static BronzeRecord item(long line, String quantity, String price, String discount) {
    return rec(SilverTables.ORDER_ITEMS, line, "order_id", "o1", "line_number", "1", "product_id", "p1",
        "quantity", quantity, "unit_price", price, "discount_amount", discount);
  }

  static BronzeRecord order(long line, String status, String currency, String ts) {
    return rec(SilverTables.ORDERS, line, "order_id", "o" + line, "customer_id", "c1", "order_ts", ts,
        "status", status, "channel", "Web", "currency", currency, "updated_at", ts);
  }

  private static RecordValidator.Outcome check(Table t, BronzeRecord r) {
    return new RecordValidator(t, RULES, RUN).validate(r);
  }

  private static String failure(Table t, BronzeRecord r) {
    RecordValidator.Outcome o = check(t, r);
    return o.isValid() ? "valid" : o.rule() + " | " + o.message();
  }

  @Test
  void everyRuleCodeFiresWithAMessageNamingColumnAndValue() {
    assertThat(failure(SilverTables.ORDERS, BronzeRecord.failed("orders", "x", FILE, 3, RUN, "malformed_record", "bad")),
        equalTo("malformed_record | bad"));
    assertThat(failure(SilverTables.ORDERS, BronzeRecord.failed("orders", "x", FILE, 3, RUN, "missing_column", "no region")),
        equalTo("missing_column | no region"));
    assertThat(failure(SilverTables.ORDER_ITEMS, rec(SilverTables.ORDER_ITEMS, 2, "order_id", "o1", "line_number", "1",
        "product_id", "", "quantity", "1", "unit_price", "1.00")), equalTo("required_missing | product_id: required but empty"));
    assertThat(failure(SilverTables.ORDER_ITEMS, item(2, "two", "1.00", "")),
        equalTo("invalid_type | quantity: 'two' is not an integer"));
    assertThat(failure(SilverTables.ORDER_ITEMS, item(2, "1", "1.234", "")),
        equalTo("invalid_type | unit_price: '1.234' is not a decimal with at most 2 places"));
    assertThat(failure(SilverTables.ORDERS, order(2, "lost", "BRL", "2024-03-01T10:00:00Z")),
        equalTo("invalid_enum | status: 'lost' is not one of placed, paid, shipped, delivered, cancelled, returned"));
    assertThat(failure(SilverTables.ORDERS, order(2, "paid", "REAL", "2024-03-01T10:00:00Z")),
        equalTo("invalid_enum | currency: 'REAL' does not match ^[A-Z]{3}$"));
    assertThat(failure(SilverTables.ORDER_ITEMS, item(2, "0", "1.00", "")),
        equalTo("out_of_range | quantity: 0 is below the minimum 1"));
    assertThat(failure(SilverTables.ORDER_ITEMS, item(2, "2", "10.00", "20.01")),
        equalTo("out_of_range | discount_amount: 20.01 exceeds quantity × unit_price = 20.00"));
    assertThat(failure(SilverTables.REVIEWS, rec(SilverTables.REVIEWS, 2, "review_id", "r1", "rating", "6",
        "review_ts", "2024-03-01T10:00:00Z")), equalTo("out_of_range | rating: 6 is above the maximum 5"));
    assertThat(failure(SilverTables.ORDERS, order(2, "paid", "BRL", "2024-03-04T00:00:00Z")),
        equalTo("future_timestamp | order_ts: 2024-03-04T00:00:00Z is more than 1 day after the run date 2024-03-01"
            + " (must be before 2024-03-03T00:00:00Z)"));
  }

  @Test
  void theFirstFailingRuleInTheFixedOrderWins() {
    // Both a type error (quantity) and a missing product: required_missing comes first.
    BronzeRecord r = rec(SilverTables.ORDER_ITEMS, 2, "order_id", "o1", "line_number", "1", "quantity", "x", "unit_price", "1");
    assertThat(check(SilverTables.ORDER_ITEMS, r).rule(), equalTo(RuleCodes.REQUIRED_MISSING));
    // An enum error and a range error: invalid_enum first.
    BronzeRecord p = rec(SilverTables.PAYMENTS, 2, "payment_id", "p1", "order_id", "o1", "payment_ts", "2024-03-01T00:00:00Z",
        "method", "cash", "amount", "-1.00", "status", "captured");
    assertThat(check(SilverTables.PAYMENTS, p).rule(), equalTo(RuleCodes.INVALID_ENUM));
  }

  /** The hand-written reader of the common timestamp shape agrees with java.time's ISO formatters. */
  @Test
  void commonTimestampsReadExactlyAsTheIsoFormattersReadThem() {
    List<String> samples = List.of(
        "2025-01-01T00:35:59Z", "2025-01-01 00:35:59Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z",
        "2024-12-31T23:59:59.999999999Z", "2024-06-01T10:00:00.5Z", "2024-06-01T10:00:00.1234567Z",
        "2024-06-01T10:00:00", "2024-06-01 10:00:00.25", "2024-06-01T10:00:00+05:30", "2024-06-01T01:00:00-03:00",
        "2024-06-01T10:00:00+18:00", "2024-06-01T10:00:00-18:00", "1969-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z");
    for (String v : samples) {
      assertThat(v, RecordValidator.parseCommonTimestamp(v), equalTo(viaFormatters(v)));
    }
    // out of range or another shape: left to the formatters, which refuse or read them as before
    List<String> others = List.of(
        "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-06-01T24:00:00Z",
        "2024-06-01T10:60:00Z", "2024-06-01T10:00:60Z", "2024-06-01T10:00Z", "2024-06-01t10:00:00z",
        "2024-06-01T10:00:00.Z", "2024-06-01T10:00:00.1234567890Z", "2024-06-01T10:00:00+19:00",
        "2024-06-01T10:00:00+05", "2024-06-01T10:00:00+05:30:15", "+2024-06-01T10:00:00Z", "2024-6-01T10:00:00Z");
    for (String v : others) {
      assertThat(v, RecordValidator.parseCommonTimestamp(v), nullValue());
      Object either;
      try {
        either = viaFormatters(v);
      } catch (java.time.format.DateTimeParseException e) {
        either = null;
      }
      assertThat(v, RecordValidator.parse(io.ecompipeline.transforms.schema.ColumnType.TIMESTAMP, v), equalTo(either));
    }
  }

  private static Instant viaFormatters(String v) {
    String t = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    try {
      return java.time.OffsetDateTime.parse(t, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
          .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.LocalDateTime.parse(t, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
  }

  @Test
  void futureBoundIsTheEndOfTheDayAfterTheRunDate() {
    assertThat(failure(SilverTables.ORDERS, order(2, "paid", "BRL", "2024-03-02T23:59:59.999Z")), equalTo("valid"));
    assertThat(check(SilverTables.ORDERS, order(2, "paid", "BRL", "2024-03-03T00:00:00Z")).rule(),
        equalTo(RuleCodes.FUTURE_TIMESTAMP));
  }

  @Test
  void valuesAreTypedNormalisedAndDefaulted() {
    Row o = check(SilverTables.ORDERS, order(7, "PAID", "brl", "2024-03-01 10:00:00+02:00")).row();
    assertThat(o.getString("status"), equalTo("paid"));
    assertThat(o.getString("channel"), equalTo("web"));
    assertThat(o.getString("currency"), equalTo("BRL"));
    assertThat(o.<Instant>getValue("order_ts"), equalTo(Instant.parse("2024-03-01T08:00:00Z")));
    assertThat(o.getString("source_file"), equalTo(FILE));
    assertThat(o.getInt64("source_line"), equalTo(7L));
    assertThat(o.<LocalDate>getValue("ingest_date"), equalTo(RUN));
    assertThat(o.getDecimal("shipping_amount"), nullValue());
    Row noOffset = check(SilverTables.ORDERS, order(8, "paid", "BRL", "2024-03-01T10:00:00")).row();
    assertThat(noOffset.<Instant>getValue("order_ts"), equalTo(Instant.parse("2024-03-01T10:00:00Z")));

    Row line = check(SilverTables.ORDER_ITEMS, item(2, "3", "5", "")).row();
    assertThat(line.getDecimal("unit_price"), equalTo(new BigDecimal("5.00")));
    assertThat(line.getDecimal("discount_amount"), equalTo(new BigDecimal("0.00")));
    Row customer = check(SilverTables.CUSTOMERS, rec(SilverTables.CUSTOMERS, 2, "customer_id", "c1", "region", "north",
        "country", "BR", "updated_at", "2024-03-01T00:00:00Z")).row();
    assertThat(customer.getString("segment"), equalTo("standard"));
    Row product = check(SilverTables.PRODUCTS, rec(SilverTables.PRODUCTS, 2, "product_id", "p1", "category", "toys",
        "is_active", "", "updated_at", "2024-03-01T00:00:00Z")).row();
    assertThat(product.getBoolean("is_active"), equalTo(true));
    Row payment = check(SilverTables.PAYMENTS, rec(SilverTables.PAYMENTS, 2, "payment_id", "p1", "order_id", "o1",
        "payment_ts", "2024-03-01T00:00:00Z", "method", "PayPal", "amount", "10", "status", "CAPTURED")).row();
    assertThat(payment.getInt32("installments"), equalTo(1));
    assertThat(payment.getString("method"), equalTo("paypal"));
  }

  @Test
  void validRowsAndQuarantineComeOutOfThePipelineWithCounters() {
    Pipeline p = Pipelines.create();
    BronzeRecord good = order(2, "PAID", "BRL", "2024-03-01T10:00:00Z");
    BronzeRecord badEnum = order(3, "lost", "BRL", "2024-03-01T10:00:00Z");
    BronzeRecord future = order(4, "paid", "BRL", "2024-03-05T10:00:00Z");
    ValidationResult v = p.apply(Create.of(List.of(good, badEnum, future)))
        .apply(ValidateRecords.of(SilverTables.ORDERS, RULES, RUN));
    Row expected = check(SilverTables.ORDERS, good).row();
    PAssert.that(v.valid()).containsInAnyOrder(expected);
    PAssert.that(v.quarantined()).satisfies(it -> {
      List<QuarantineRecord> q = Pipelines.list(it);
      q.sort(java.util.Comparator.comparing(QuarantineRecord::line));
      assertThat(q.get(0).rule(), equalTo("invalid_enum"));
      assertThat(q.get(0).sourceFile(), equalTo(FILE));
      assertThat(q.get(0).rawRecord(), equalTo("raw 3"));
      assertThat(q.get(1).rule(), equalTo("future_timestamp"));
      assertThat(q.get(1).toJson(), containsString("\"rule\":\"future_timestamp\""));
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = SilverCounters.collect(result);
    assertThat(c.get("silver.orders.read"), equalTo(3L));
    assertThat(c.get("silver.orders.quarantined"), equalTo(2L));
    assertThat(c.get("silver.orders.quarantined.invalid_enum"), equalTo(1L));
    assertThat(c.get("silver.orders.quarantined.future_timestamp"), equalTo(1L));
  }

  @Test
  void quarantineJsonIsOneLine() {
    QuarantineRecord q = new QuarantineRecord("orders", "a,\"b\nc\"", FILE, 4, RUN, "malformed_record", "bad");
    assertThat(q.toJson(), equalTo("{\"entity\":\"orders\",\"ingest_date\":\"2024-03-01\",\"source_file\":\"" + FILE
        + "\",\"line\":4,\"rule\":\"malformed_record\",\"message\":\"bad\",\"raw_record\":\"a,\\\"b\\nc\\\"\"}"));
  }
}
