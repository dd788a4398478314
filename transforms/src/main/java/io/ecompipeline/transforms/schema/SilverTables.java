package io.ecompipeline.transforms.schema;

import static io.ecompipeline.transforms.schema.Column.opt;
import static io.ecompipeline.transforms.schema.Column.req;
import static io.ecompipeline.transforms.schema.ColumnType.BOOLEAN;
import static io.ecompipeline.transforms.schema.ColumnType.DATE;
import static io.ecompipeline.transforms.schema.ColumnType.INT;
import static io.ecompipeline.transforms.schema.ColumnType.LONG;
import static io.ecompipeline.transforms.schema.ColumnType.MONEY;
import static io.ecompipeline.transforms.schema.ColumnType.STRING;
import static io.ecompipeline.transforms.schema.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The silver tables: one per source entity (contract §2), typed and cleaned, each row carrying
 * its lineage. Columns that the contract gives a default for (segment, is_active,
 * discount_amount, installments) are never null in silver.
 */
public final class SilverTables {
  private SilverTables() {}

  /** Lineage every silver row keeps: where it was read from. */
  public static final List<Column> LINEAGE =
      List.of(
          req("source_file", STRING, "Bronze file the record was read from"),
          req("source_line", LONG, "Line number (1-based, header is line 1) in the source file").withHighCardinality(),
          req("ingest_date", DATE, "Ingest date folder of the source file"));

  public static final Table CUSTOMERS =
      Table.of(
              "customers",
              "Latest version of every customer",
              List.of("customer_id"),
              List.of(
                  req("customer_id", STRING, "Natural key of the customer").withHighCardinality(),
                  opt("email", STRING, "E-mail address").withHighCardinality(),
                  opt("first_name", STRING, "First name"),
                  opt("last_name", STRING, "Last name"),
                  opt("phone", STRING, "Phone number").withHighCardinality(),
                  opt("city", STRING, "City"),
                  opt("state", STRING, "State or province"),
                  req("region", STRING, "Sales region"),
                  req("country", STRING, "ISO country code"),
                  req("segment", STRING, "standard, silver, gold or platinum"),
                  req("updated_at", TIMESTAMP, "When the source last changed the customer (UTC)").withHighCardinality()))
          .plus(LINEAGE);

  /** Every accepted version of every customer: the input of the SCD2 customer dimension. */
  public static final Table CUSTOMERS_HISTORY =
      Table.of("customers_history", "Every accepted version of every customer",
              List.of("customer_id", "updated_at"), CUSTOMERS.columns());

  public static final Table PRODUCTS =
      Table.of(
              "products",
              "Latest version of every product",
              List.of("product_id"),
              List.of(
                  req("product_id", STRING, "Natural key of the product").withHighCardinality(),
                  opt("sku", STRING, "Stock keeping unit"),
                  opt("name", STRING, "Product name"),
                  req("category", STRING, "Product category"),
                  opt("subcategory", STRING, "Product subcategory"),
                  opt("brand", STRING, "Brand"),
                  opt("list_price", MONEY, "List price"),
                  opt("cost", MONEY, "Unit cost"),
                  req("is_active", BOOLEAN, "Whether the product is sold"),
                  req("updated_at", TIMESTAMP, "When the source last changed the product (UTC)").withHighCardinality()))
          .plus(LINEAGE);

  /** Every accepted version of every product: the input of the SCD2 product dimension. */
  public static final Table PRODUCTS_HISTORY =
      Table.of("products_history", "Every accepted version of every product",
              List.of("product_id", "updated_at"), PRODUCTS.columns());

  public static final Table ORDERS =
      Table.of(
              "orders",
              "Latest version of every order",
              List.of("order_id"),
              List.of(
                  req("order_id", STRING, "Natural key of the order").withHighCardinality(),
                  req("customer_id", STRING, "Customer who placed the order"),
                  req("order_ts", TIMESTAMP, "When the order was placed (UTC)").withHighCardinality(),
                  req("status", STRING, "placed, paid, shipped, delivered, cancelled or returned"),
                  opt("channel", STRING, "web, mobile or marketplace"),
                  req("currency", STRING, "ISO 4217 currency code"),
                  opt("shipping_amount", MONEY, "Shipping charged"),
                  req("updated_at", TIMESTAMP, "When the source last changed the order (UTC)").withHighCardinality()))
          .plus(LINEAGE);

  public static final Table ORDER_ITEMS =
      Table.of(
              "order_items",
              "Latest version of every order line",
              List.of("order_id", "line_number"),
              List.of(
                  req("order_id", STRING, "Order the line belongs to").withHighCardinality(),
                  req("line_number", INT, "Line number within the order, from 1"),
                  req("product_id", STRING, "Product sold"),
                  req("quantity", INT, "Units sold, at least 1"),
                  req("unit_price", MONEY, "Price per unit"),
                  req("discount_amount", MONEY, "Discount on the line, 0 when none")))
          .plus(LINEAGE);

  public static final Table PAYMENTS =
      Table.of(
              "payments",
              "Latest version of every payment",
              List.of("payment_id"),
              List.of(
                  req("payment_id", STRING, "Natural key of the payment").withHighCardinality(),
                  req("order_id", STRING, "Order paid").withHighCardinality(),
                  req("payment_ts", TIMESTAMP, "When the payment happened (UTC)").withHighCardinality(),
                  req("method", STRING, "Payment method"),
                  req("installments", INT, "Number of installments, 1 when none"),
                  req("amount", MONEY, "Amount"),
                  req("status", STRING, "authorized, captured, refunded or failed")))
          .plus(LINEAGE);

  public static final Table REVIEWS =
      Table.of(
              "reviews",
              "Latest version of every review",
              List.of("review_id"),
              List.of(
                  req("review_id", STRING, "Natural key of the review").withHighCardinality(),
                  opt("order_id", STRING, "Order reviewed"),
                  opt("product_id", STRING, "Product reviewed"),
                  opt("customer_id", STRING, "Reviewer"),
                  req("rating", INT, "Rating from 1 to 5"),
                  opt("review_text", STRING, "Review text"),
                  req("review_ts", TIMESTAMP, "When the review was written (UTC)").withHighCardinality()))
          .plus(LINEAGE);

  public static final Table CLICKSTREAM =
      Table.of(
              "clickstream",
              "Every clickstream event",
              List.of("event_id"),
              List.of(
                  req("event_id", STRING, "Natural key of the event").withHighCardinality(),
                  req("session_id", STRING, "Session the event belongs to").withHighCardinality(),
                  opt("customer_id", STRING, "Customer, null when anonymous").withHighCardinality(),
                  req("event_type", STRING, "page_view, product_view, add_to_cart, remove_from_cart, checkout_start or purchase"),
                  opt("product_id", STRING, "Product concerned"),
                  opt("page", STRING, "Page"),
                  req("event_ts", TIMESTAMP, "When the event happened (UTC)").withHighCardinality(),
                  opt("device", STRING, "desktop, mobile or tablet")))
          .plus(LINEAGE);

  /** The seven source entities in the order the pipeline processes them. */
  public static final List<Table> ENTITIES =
      List.of(CUSTOMERS, PRODUCTS, ORDERS, ORDER_ITEMS, PAYMENTS, REVIEWS, CLICKSTREAM);
}
