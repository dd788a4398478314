package io.ecompipeline.transforms.schema;

import static io.ecompipeline.transforms.schema.Column.opt;
import static io.ecompipeline.transforms.schema.Column.req;
import static io.ecompipeline.transforms.schema.ColumnType.BOOLEAN;
import static io.ecompipeline.transforms.schema.ColumnType.DATE;
import static io.ecompipeline.transforms.schema.ColumnType.INT;
import static io.ecompipeline.transforms.schema.ColumnType.LONG;
import static io.ecompipeline.transforms.schema.ColumnType.MONEY;
import static io.ecompipeline.transforms.schema.ColumnType.RATE;
import static io.ecompipeline.transforms.schema.ColumnType.STRING;
import static io.ecompipeline.transforms.schema.ColumnType.TIMESTAMP;

import java.util.List;

/** The gold star schema (contract §4): the same names and columns in Parquet and in the warehouse. */
public final class GoldTables {
  private GoldTables() {}

  private static final List<Column> SCD2 =
      List.of(
          req("valid_from", TIMESTAMP, "Start of this version: the source updated_at of the change (inclusive)").withHighCardinality(),
          req("valid_to", TIMESTAMP, "End of this version (exclusive); 9999-12-31 00:00:00 for the current version"),
          req("is_current", BOOLEAN, "Whether this is the current version"),
          req("version", INT, "Version number of the member, from 1"));

  public static final Table DIM_CUSTOMER =
      Table.of(
          "dim_customer",
          "Customer dimension, SCD Type 2 on email, city, state, region, country and segment; one row per customer version",
          List.of("customer_key"),
          concat(
              List.of(
                  req("customer_key", LONG, "Surrogate key, derived from customer_id and valid_from; -1 is the unknown member").withHighCardinality(),
                  req("customer_id", STRING, "Natural key of the customer").withHighCardinality(),
                  opt("email", STRING, "E-mail address (tracked)").withHighCardinality(),
                  opt("first_name", STRING, "First name (type 1)"),
                  opt("last_name", STRING, "Last name (type 1)"),
                  opt("phone", STRING, "Phone number (type 1)").withHighCardinality(),
                  opt("city", STRING, "City (tracked)"),
                  opt("state", STRING, "State or province (tracked)"),
                  opt("region", STRING, "Sales region (tracked)"),
                  opt("country", STRING, "ISO country code (tracked)"),
                  opt("segment", STRING, "standard, silver, gold or platinum (tracked)")),
              SCD2));

  public static final Table DIM_PRODUCT =
      Table.of(
          "dim_product",
          "Product dimension, SCD Type 2 on name, category, subcategory, brand, list_price and is_active; one row per product version",
          List.of("product_key"),
          concat(
              List.of(
                  req("product_key", LONG, "Surrogate key, derived from product_id and valid_from; -1 is the unknown member").withHighCardinality(),
                  req("product_id", STRING, "Natural key of the product").withHighCardinality(),
                  opt("sku", STRING, "Stock keeping unit (type 1)"),
                  opt("name", STRING, "Product name (tracked)"),
                  opt("category", STRING, "Product category (tracked)"),
                  opt("subcategory", STRING, "Product subcategory (tracked)"),
                  opt("brand", STRING, "Brand (tracked)"),
                  opt("list_price", MONEY, "List price (tracked)"),
                  opt("cost", MONEY, "Unit cost (type 1)"),
                  opt("is_active", BOOLEAN, "Whether the product is sold (tracked)")),
              SCD2));

  public static final Table DIM_DATE =
      Table.of(
          "dim_date",
          "Calendar and fiscal calendar, one row per date, whole years around the dates the facts use",
          List.of("date_key"),
          List.of(
              req("date_key", INT, "Date as yyyymmdd"),
              req("date", DATE, "The date"),
              req("day_of_week", INT, "ISO day of week, 1 = Monday … 7 = Sunday"),
              req("day_name", STRING, "Name of the day, e.g. Monday"),
              req("iso_week", INT, "ISO-8601 week number"),
              req("iso_year", INT, "ISO-8601 week-based year the ISO week belongs to"),
              req("month", INT, "Month, 1–12"),
              req("month_name", STRING, "Name of the month, e.g. January"),
              req("quarter", INT, "Calendar quarter, 1–4"),
              req("year", INT, "Calendar year"),
              req("is_weekend", BOOLEAN, "Saturday or Sunday"),
              req("fiscal_year", INT, "Fiscal year, named after the calendar year in which it ends"),
              req("fiscal_quarter", INT, "Fiscal quarter, 1–4"),
              req("fiscal_month", INT, "Fiscal month, 1–12 (1 is the configured fiscal start month)")));

  public static final Table FACT_ORDER_LINE =
      Table.of(
          "fact_order_line",
          "One row per order line (latest version of the line and of its order)",
          List.of("order_id", "line_number"),
          List.of(
              req("order_id", STRING, "Order").withHighCardinality(),
              req("line_number", INT, "Line number within the order"),
              req("order_date_key", INT, "UTC date of order_ts as yyyymmdd"),
              req("order_ts", TIMESTAMP, "When the order was placed (UTC)"),
              req("customer_key", LONG, "Customer version valid at order_ts; -1 when unknown"),
              req("product_key", LONG, "Product version valid at order_ts; -1 when unknown"),
              req("customer_id", STRING, "Natural key of the customer"),
              req("product_id", STRING, "Natural key of the product"),
              req("quantity", INT, "Units"),
              req("unit_price", MONEY, "Price per unit"),
              req("discount_amount", MONEY, "Discount on the line"),
              req("line_total", MONEY, "quantity × unit_price − discount_amount"),
              req("order_status", STRING, "Latest status of the order"),
              opt("channel", STRING, "web, mobile or marketplace"),
              req("currency", STRING, "ISO 4217 currency code")));

  public static final Table FACT_PAYMENT =
      Table.of(
          "fact_payment",
          "One row per payment (latest version)",
          List.of("payment_id"),
          List.of(
              req("payment_id", STRING, "Payment").withHighCardinality(),
              req("order_id", STRING, "Order paid").withHighCardinality(),
              req("payment_date_key", INT, "UTC date of payment_ts as yyyymmdd"),
              req("payment_ts", TIMESTAMP, "When the payment happened (UTC)").withHighCardinality(),
              req("customer_key", LONG, "Version of the order's customer valid at payment_ts; -1 when unknown").withHighCardinality(),
              req("method", STRING, "Payment method"),
              req("installments", INT, "Number of installments"),
              req("amount", MONEY, "Amount"),
              req("status", STRING, "authorized, captured, refunded or failed")));

  public static final Table AGG_DAILY_SALES =
      Table.of(
          "agg_daily_sales",
          "Sales per UTC order date and product category (category of the product version the fact points to)",
          List.of("date_key", "category"),
          List.of(
              req("date_key", INT, "UTC order date as yyyymmdd"),
              req("category", STRING, "Product category; unknown for the unknown product"),
              req("orders", LONG, "Distinct counted orders with a line in the category"),
              req("units", LONG, "Σ quantity"),
              req("gross_revenue", MONEY, "Σ quantity × unit_price"),
              req("discount_total", MONEY, "Σ discount_amount"),
              req("net_revenue", MONEY, "gross_revenue − discount_total"),
              req("avg_order_value", MONEY, "net_revenue / orders, half-up; 0 when no orders"),
              req("returned_revenue", MONEY, "Σ line_total of lines whose order is returned")));

  public static final Table DAILY_KPIS =
      Table.of(
          "daily_kpis",
          "Business KPIs per UTC date",
          List.of("date_key"),
          List.of(
              req("date_key", INT, "UTC date as yyyymmdd"),
              req("orders", LONG, "Counted orders placed that date (latest status not cancelled)"),
              req("net_revenue", MONEY, "Σ line_total of the counted orders' lines"),
              req("avg_order_value", MONEY, "net_revenue / orders, half-up; 0 when no orders"),
              req("new_customers", LONG, "Customers whose first counted order ever falls on that date"),
              req("returning_customers", LONG, "Other customers with a counted order that date"),
              req("payments_captured_amount", MONEY, "Σ amount of captured payments that date"),
              req("payment_failure_rate", RATE, "Failed payments / all payments that date; 0 when none"),
              req("refunded_amount", MONEY, "Σ amount of refunded payments that date"),
              req("return_rate", RATE, "Counted orders whose status is returned / counted orders; 0 when none")));

  public static final Table CUSTOMER_LTV =
      Table.of(
          "customer_ltv",
          "Lifetime value of every customer with a counted order",
          List.of("customer_id"),
          List.of(
              req("customer_id", STRING, "Natural key of the customer").withHighCardinality(),
              req("first_order_date", DATE, "UTC date of the first counted order"),
              req("last_order_date", DATE, "UTC date of the last counted order"),
              req("order_count", LONG, "Counted orders"),
              req("lifetime_revenue", MONEY, "Σ line_total of the counted orders"),
              req("avg_order_value", MONEY, "lifetime_revenue / order_count, half-up"),
              req("value_segment", STRING, "high (top ⌈0.2·n⌉ by revenue, then customer_id), medium (up to ⌈0.5·n⌉) or low")));

  public static final Table CONVERSION_FUNNEL_DAILY =
      Table.of(
          "conversion_funnel_daily",
          "Sessions per UTC date and device (of each session's earliest event) and how far they went",
          List.of("date_key", "device"),
          List.of(
              req("date_key", INT, "UTC date of the session's earliest event as yyyymmdd"),
              req("device", STRING, "Device of the session's earliest event; unknown when absent"),
              req("sessions", LONG, "Sessions"),
              req("product_view_sessions", LONG, "Sessions with at least one product_view"),
              req("add_to_cart_sessions", LONG, "Sessions with at least one add_to_cart"),
              req("checkout_sessions", LONG, "Sessions with at least one checkout_start"),
              req("purchase_sessions", LONG, "Sessions with at least one purchase"),
              req("conversion_rate", RATE, "purchase_sessions / sessions, half-up; 0 when no sessions")));

  public static final Table PRODUCT_PERFORMANCE =
      Table.of(
          "product_performance",
          "Sales, returns and reviews per month and product",
          List.of("month", "product_id"),
          List.of(
              req("month", STRING, "Month as YYYY-MM (UTC)"),
              req("product_id", STRING, "Natural key of the product"),
              req("units", LONG, "Σ quantity of counted orders' lines"),
              req("net_revenue", MONEY, "Σ line_total of counted orders' lines"),
              req("returned_units", LONG, "Units of lines whose order is returned"),
              req("return_rate", RATE, "returned_units / units, half-up; 0 when no units"),
              req("review_count", LONG, "Reviews naming the product written that month"),
              req("avg_rating", RATE, "Average rating of those reviews, half-up; 0 when none")));

  public static final List<Table> ALL =
      List.of(
          DIM_CUSTOMER, DIM_PRODUCT, DIM_DATE, FACT_ORDER_LINE, FACT_PAYMENT, AGG_DAILY_SALES,
          DAILY_KPIS, CUSTOMER_LTV, CONVERSION_FUNNEL_DAILY, PRODUCT_PERFORMANCE);

  private static List<Column> concat(List<Column> a, List<Column> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
