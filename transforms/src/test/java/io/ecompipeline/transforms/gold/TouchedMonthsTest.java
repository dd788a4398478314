package io.ecompipeline.transforms.gold;

import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.ts;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.dimensions.BuildScd2Dimension;
import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Fx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class TouchedMonthsTest {
  static final LocalDate RUN_DATE = LocalDate.parse("2026-01-10");
  /** updated_at of the rows that changed in today's bronze. */
  static final String CHANGED_AT = "2026-01-10T06:00:00Z";

  // ---- silver rows with an explicit lineage ingest_date (RUN_DATE: the row won today) ----

  static Row order(String id, String customerId, String orderTs, String status, String updatedAt, LocalDate ingest) {
    return Row.fromRow(Fx.order(id, customerId, orderTs, status))
        .withFieldValue("updated_at", ts(updatedAt))
        .withFieldValue("ingest_date", ingest)
        .build();
  }

  /** An order as it arrived on its own date and never changed since. */
  static Row oldOrder(String id, String customerId, String orderTs) {
    return order(id, customerId, orderTs, "delivered", orderTs, LocalDate.ofInstant(ts(orderTs), java.time.ZoneOffset.UTC));
  }

  static Row line(String orderId, int lineNumber, String productId, int quantity, LocalDate ingest) {
    return Fx.row(SilverTables.ORDER_ITEMS)
        .with("order_id", orderId)
        .with("line_number", lineNumber)
        .with("product_id", productId)
        .with("quantity", quantity)
        .with("unit_price", money("10.00"))
        .with("discount_amount", money("0.00"))
        .with("ingest_date", ingest)
        .build();
  }

  static Row payment(String id, String orderId, String paymentTs, LocalDate ingest) {
    return Fx.row(SilverTables.PAYMENTS)
        .with("payment_id", id)
        .with("order_id", orderId)
        .with("payment_ts", ts(paymentTs))
        .with("method", "credit_card")
        .with("installments", 1)
        .with("amount", money("10.00"))
        .with("status", "captured")
        .with("ingest_date", ingest)
        .build();
  }

  static Row review(String id, String productId, String reviewTs, LocalDate ingest) {
    return Fx.row(SilverTables.REVIEWS)
        .with("review_id", id)
        .with("product_id", productId)
        .with("rating", 4)
        .with("review_ts", ts(reviewTs))
        .with("ingest_date", ingest)
        .build();
  }

  // ---- gold dimension versions, keyed as BuildScd2Dimension keys them ----

  static long key(String id, String validFrom) {
    return SurrogateKeys.of(id, ts(validFrom));
  }

  static Row customerVersion(String id, String validFrom, Instant validTo, int version, String city, String firstName) {
    return GoldTables.DIM_CUSTOMER.row()
        .withFieldValue("customer_key", key(id, validFrom))
        .withFieldValue("customer_id", id)
        .withFieldValue("first_name", firstName)
        .withFieldValue("city", city)
        .withFieldValue("region", "southeast")
        .withFieldValue("country", "BR")
        .withFieldValue("segment", "standard")
        .withFieldValue("valid_from", ts(validFrom))
        .withFieldValue("valid_to", validTo)
        .withFieldValue("is_current", validTo.equals(BuildScd2Dimension.OPEN_END))
        .withFieldValue("version", version)
        .build();
  }

  static Row onlyCustomerVersion(String id) {
    return customerVersion(id, "2024-01-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 1, "Rio", "Ana");
  }

  static Row productVersion(String id, String validFrom, String category) {
    return GoldTables.DIM_PRODUCT.row()
        .withFieldValue("product_key", key(id, validFrom))
        .withFieldValue("product_id", id)
        .withFieldValue("category", category)
        .withFieldValue("is_active", true)
        .withFieldValue("valid_from", ts(validFrom))
        .withFieldValue("valid_to", BuildScd2Dimension.OPEN_END)
        .withFieldValue("is_current", true)
        .withFieldValue("version", 1)
        .build();
  }

  /** The -1 member every built dimension holds (TouchedMonths must ignore it). */
  static Row unknownMember(Table dim, String keyColumn, String naturalKey) {
    return dim.row()
        .withFieldValue(keyColumn, SurrogateKeys.UNKNOWN)
        .withFieldValue(naturalKey, BuildScd2Dimension.UNKNOWN_TEXT)
        .withFieldValue("valid_from", BuildScd2Dimension.UNKNOWN_FROM)
        .withFieldValue("valid_to", BuildScd2Dimension.OPEN_END)
        .withFieldValue("is_current", true)
        .withFieldValue("version", 1)
        .build();
  }

  /**
   * One case per month (see the comment of each row): every month in which a full rebuild of
   * gold from today's silver would differ from the previous gold is reported, and no other.
   */
  @Test
  void reportsExactlyTheMonthsWhoseGoldDependsOnWhatChanged() {
    LocalDate old = LocalDate.parse("2025-01-01");

    // Silver rows identical in the previous and today's silver.
    Row o2 = oldOrder("O2", "C2", "2025-03-10T10:00:00Z"); // 2: unchanged order, line and payment
    Row o3 = oldOrder("O3", "C3", "2025-04-12T10:00:00Z"); // 3: unchanged order whose line won today
    Row o6a = oldOrder("O6A", "C6", "2025-07-20T10:00:00Z"); // 6: before the customer's new version
    Row o6b = oldOrder("O6B", "C6", "2025-09-05T10:00:00Z"); // 6: after it
    Row o7 = oldOrder("O7", "C7", "2025-10-08T10:00:00Z"); // 7: line of a product new to the dimension
    Row o8 = oldOrder("O8", "C8", "2024-11-20T10:00:00Z"); // 8: line of a product recategorised in place
    Row o9b = oldOrder("O9B", "C9", "2025-12-01T10:00:00Z"); // 9: now C9's first counted order
    Row o11 = oldOrder("O11", "C11", "2024-05-14T10:00:00Z"); // 11: customer with a type-1 change only
    Row o12a = oldOrder("O12A", "C12", "2023-04-10T10:00:00Z"); // 12: in the span a late change split off
    Row o12b = oldOrder("O12B", "C12", "2023-07-10T10:00:00Z"); // 12: after it, in the next version
    List<Row> unchangedOrders = List.of(o2, o3, o6a, o6b, o7, o8, o9b, o11, o12a, o12b);

    List<Row> previousOrders = new ArrayList<>(unchangedOrders);
    previousOrders.add(oldOrder("O1", "C1", "2025-01-15T10:00:00Z")); // 1: before it moved
    previousOrders.add(oldOrder("O9A", "C9", "2025-11-05T10:00:00Z")); // 9: counted, C9's first
    List<Row> todaysOrders = new ArrayList<>(unchangedOrders);
    todaysOrders.add(order("O1", "C1", "2025-02-03T10:00:00Z", "delivered", CHANGED_AT, RUN_DATE)); // 1: moved to 2025-02
    todaysOrders.add(order("O9A", "C9", "2025-11-05T10:00:00Z", "cancelled", CHANGED_AT, RUN_DATE)); // 9: cancelled today

    List<Row> todaysLines = List.of(
        line("O1", 1, "P0", 1, old),
        line("O2", 1, "P0", 1, old),
        line("O3", 1, "P0", 2, RUN_DATE), // 3: quantity changed today
        line("O6A", 1, "P0", 1, old),
        line("O6B", 1, "P0", 1, old),
        line("O7", 1, "P7", 1, old),
        line("O8", 1, "P8", 1, old),
        line("O9A", 1, "P0", 1, old),
        line("O9B", 1, "P0", 1, old),
        line("O11", 1, "P0", 1, old),
        line("O12A", 1, "P0", 1, old),
        line("O12B", 1, "P0", 1, old));
    List<Row> todaysPayments = List.of(
        payment("PAY2A", "O2", "2025-03-10T10:05:00Z", old), // 2: unchanged
        payment("PAY2B", "O2", "2025-05-02T09:00:00Z", RUN_DATE), // 4: won today, of the unchanged O2
        payment("PAY6A", "O6A", "2025-07-20T10:05:00Z", old)); // 6: before C6's new version: same key

    Row r0 = review("R0", "P0", "2024-03-03T12:00:00Z", old); // unchanged
    List<Row> previousReviews = List.of(r0, review("R10", "P0", "2024-01-20T12:00:00Z", old));
    List<Row> todaysReviews = List.of(r0, review("R10", "P0", "2024-02-02T12:00:00Z", RUN_DATE)); // 10: moved

    Row unknownCustomer = unknownMember(GoldTables.DIM_CUSTOMER, "customer_key", "customer_id");
    List<Row> unchangedCustomers = List.of(unknownCustomer,
        onlyCustomerVersion("C1"), onlyCustomerVersion("C2"), onlyCustomerVersion("C3"),
        onlyCustomerVersion("C7"), onlyCustomerVersion("C8"), onlyCustomerVersion("C9"));
    List<Row> previousDimCustomer = new ArrayList<>(unchangedCustomers);
    previousDimCustomer.add(customerVersion("C6", "2025-01-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 1, "Rio", "Bia"));
    previousDimCustomer.add(customerVersion("C11", "2024-01-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 1, "Rio", "Ana"));
    previousDimCustomer.add(customerVersion("C12", "2023-01-01T00:00:00Z", ts("2023-06-01T00:00:00Z"), 1, "Rio", "Cid"));
    previousDimCustomer.add(customerVersion("C12", "2023-06-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 2, "Niteroi", "Cid"));
    List<Row> todaysDimCustomer = new ArrayList<>(unchangedCustomers);
    // 6: a new version from 2025-08-01; the first keeps its key but now ends there.
    todaysDimCustomer.add(customerVersion("C6", "2025-01-01T00:00:00Z", ts("2025-08-01T00:00:00Z"), 1, "Rio", "Bia"));
    todaysDimCustomer.add(customerVersion("C6", "2025-08-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 2, "Niteroi", "Bia"));
    // 11: first_name is type 1: same key and span, another value.
    todaysDimCustomer.add(customerVersion("C11", "2024-01-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 1, "Rio", "Anna"));
    // 12: a late change from 2023-03-01 splits the first version; the second keeps key and span.
    todaysDimCustomer.add(customerVersion("C12", "2023-01-01T00:00:00Z", ts("2023-03-01T00:00:00Z"), 1, "Rio", "Cid"));
    todaysDimCustomer.add(customerVersion("C12", "2023-03-01T00:00:00Z", ts("2023-06-01T00:00:00Z"), 2, "Santos", "Cid"));
    todaysDimCustomer.add(customerVersion("C12", "2023-06-01T00:00:00Z", BuildScd2Dimension.OPEN_END, 3, "Niteroi", "Cid"));

    Row unknownProduct = unknownMember(GoldTables.DIM_PRODUCT, "product_key", "product_id");
    Row p0 = productVersion("P0", "2024-01-01T00:00:00Z", "books");
    List<Row> previousDimProduct = List.of(unknownProduct, p0,
        productVersion("P8", "2024-01-01T00:00:00Z", "toys"));
    List<Row> todaysDimProduct = List.of(unknownProduct, p0,
        productVersion("P7", "2025-01-01T00:00:00Z", "garden"), // 7: unknown before
        productVersion("P8", "2024-01-01T00:00:00Z", "games")); // 8: same key and valid_from, other category

    Pipeline p = Fx.pipeline();
    PCollection<Row> orders = Fx.create(p, "TodaysOrders", SilverTables.ORDERS, todaysOrders);
    PCollection<KV<String, CoGbkResult>> joined = PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
        .and(SilverTables.ORDER_ITEMS.tag(), Fx.create(p, "TodaysLines", SilverTables.ORDER_ITEMS, todaysLines))
        .and(SilverTables.PAYMENTS.tag(), Fx.create(p, "TodaysPayments", SilverTables.PAYMENTS, todaysPayments))
        .apply("JoinByOrderId", JoinByOrderId.create());
    PCollectionTuple previous = PCollectionTuple
        .of(TouchedMonths.PREVIOUS_ORDERS, Fx.create(p, "PreviousOrders", SilverTables.ORDERS, previousOrders))
        .and(TouchedMonths.PREVIOUS_REVIEWS, Fx.create(p, "PreviousReviews", SilverTables.REVIEWS, previousReviews))
        .and(TouchedMonths.PREVIOUS_DIM_CUSTOMER,
            Fx.create(p, "PreviousDimCustomer", GoldTables.DIM_CUSTOMER, previousDimCustomer))
        .and(TouchedMonths.PREVIOUS_DIM_PRODUCT,
            Fx.create(p, "PreviousDimProduct", GoldTables.DIM_PRODUCT, previousDimProduct))
        .and(TouchedMonths.REPLACED_PAYMENT_FILES, p.apply("ReplacedPaymentFiles",
            // 5: where a payment that moved was
            Create.of("payment_date=2025-06-03/part-2025-06-01.parquet").withCoder(StringUtf8Coder.of())));
    PCollection<String> touched = PCollectionTuple.of(SilverTables.ORDERS.tag(), orders)
        .and(SilverTables.REVIEWS.tag(), Fx.create(p, "TodaysReviews", SilverTables.REVIEWS, todaysReviews))
        .and(GoldTables.DIM_CUSTOMER.tag(), Fx.create(p, "TodaysDimCustomer", GoldTables.DIM_CUSTOMER, todaysDimCustomer))
        .and(GoldTables.DIM_PRODUCT.tag(), Fx.create(p, "TodaysDimProduct", GoldTables.DIM_PRODUCT, todaysDimProduct))
        .apply("TouchedMonths", TouchedMonths.since(RUN_DATE, previous).withOrdersJoined(joined));

    PAssert.that(touched).containsInAnyOrder(
        "2025-01", "2025-02", // 1: the order's old and new month
        // 2025-03 not: 2: the unchanged O2, its line and PAY2A
        "2025-04", // 3: a line that won today
        "2025-05", // 4: a payment that won today
        "2025-06", // 5: a replaced payment file
        // 2025-07 not: 6: C6's facts before 2025-08-01 keep their key
        "2025-09", // 6: C6's facts from 2025-08-01 take the new key
        "2025-10", // 7: a product new to the dimension
        "2024-11", // 8: a product's category changed in place
        "2025-11", "2025-12", // 9: O9A cancelled, C9's first counted order moved to 2025-12
        "2024-01", "2024-02", // 10: a review that moved
        "2023-04"); // 12: in the span a late change split off
        // 2024-03 not: the unchanged review R0; 2024-05 not: 11: a type-1 change;
        // 2023-07 not: 12: after the split span, the version (and key) is the same
    p.run().waitUntilFinish();
  }

  @Test
  void monthOfAPaymentFileIsThatOfItsDatePartition() {
    assertThat(TouchedMonths.monthOfPaymentFile("payment_date=2025-06-03/part-2025-06-01.parquet"), equalTo("2025-06"));
  }
}
