-- Star schema of the gold layer (CONTRACT.md §4), Amazon Redshift dialect.
-- THE source of truth: the DuckDB and PostgreSQL DDL are derived from this file by
-- io.ecompipeline.warehouse.ddl.DdlTranslator; never write them by hand.
-- Columns are in exactly the order of the gold Parquet files: Redshift COPY … FORMAT AS PARQUET
-- maps columns by position. ${schema} is replaced by the validated target schema name.
-- PRIMARY KEYs are informational on Redshift (used by the planner) and enforced by PostgreSQL
-- and DuckDB.

-- DISTSTYLE ALL: a copy on every node, so fact joins on customer_key never move data. At
-- e-commerce sizes (up to a few million versions) the copies are cheap; past ~10M rows switch
-- to DISTKEY (customer_key) and accept redistribution of the smaller side.
CREATE TABLE ${schema}.dim_customer (
  customer_key BIGINT NOT NULL,
  customer_id VARCHAR(64) NOT NULL,
  email VARCHAR(256),
  first_name VARCHAR(128),
  last_name VARCHAR(128),
  phone VARCHAR(64),
  city VARCHAR(128),
  state VARCHAR(128),
  region VARCHAR(64),
  country VARCHAR(8),
  segment VARCHAR(32),
  valid_from TIMESTAMP NOT NULL,
  valid_to TIMESTAMP NOT NULL,
  is_current BOOLEAN NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (customer_key)
)
DISTSTYLE ALL
SORTKEY (customer_id, valid_from);
COMMENT ON TABLE ${schema}.dim_customer IS 'Customer dimension, SCD Type 2 on email, city, state, region, country and segment; one row per customer version';
COMMENT ON COLUMN ${schema}.dim_customer.customer_key IS 'Surrogate key, derived from customer_id and valid_from; -1 is the unknown member';
COMMENT ON COLUMN ${schema}.dim_customer.customer_id IS 'Natural key of the customer';
COMMENT ON COLUMN ${schema}.dim_customer.email IS 'E-mail address (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.first_name IS 'First name (type 1)';
COMMENT ON COLUMN ${schema}.dim_customer.last_name IS 'Last name (type 1)';
COMMENT ON COLUMN ${schema}.dim_customer.phone IS 'Phone number (type 1)';
COMMENT ON COLUMN ${schema}.dim_customer.city IS 'City (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.state IS 'State or province (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.region IS 'Sales region (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.country IS 'ISO country code (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.segment IS 'standard, silver, gold or platinum (tracked)';
COMMENT ON COLUMN ${schema}.dim_customer.valid_from IS 'Start of this version: the source updated_at of the change (inclusive)';
COMMENT ON COLUMN ${schema}.dim_customer.valid_to IS 'End of this version (exclusive); 9999-12-31 00:00:00 for the current version';
COMMENT ON COLUMN ${schema}.dim_customer.is_current IS 'Whether this is the current version';
COMMENT ON COLUMN ${schema}.dim_customer.version IS 'Version number of the member, from 1';

-- DISTSTYLE ALL: small and joined by every sales query.
CREATE TABLE ${schema}.dim_product (
  product_key BIGINT NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  sku VARCHAR(64),
  name VARCHAR(512),
  category VARCHAR(128),
  subcategory VARCHAR(128),
  brand VARCHAR(128),
  list_price DECIMAL(18,2),
  cost DECIMAL(18,2),
  is_active BOOLEAN,
  valid_from TIMESTAMP NOT NULL,
  valid_to TIMESTAMP NOT NULL,
  is_current BOOLEAN NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (product_key)
)
DISTSTYLE ALL
SORTKEY (product_id, valid_from);
COMMENT ON TABLE ${schema}.dim_product IS 'Product dimension, SCD Type 2 on name, category, subcategory, brand, list_price and is_active; one row per product version';
COMMENT ON COLUMN ${schema}.dim_product.product_key IS 'Surrogate key, derived from product_id and valid_from; -1 is the unknown member';
COMMENT ON COLUMN ${schema}.dim_product.product_id IS 'Natural key of the product';
COMMENT ON COLUMN ${schema}.dim_product.sku IS 'Stock keeping unit (type 1)';
COMMENT ON COLUMN ${schema}.dim_product.name IS 'Product name (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.category IS 'Product category (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.subcategory IS 'Product subcategory (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.brand IS 'Brand (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.list_price IS 'List price (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.cost IS 'Unit cost (type 1)';
COMMENT ON COLUMN ${schema}.dim_product.is_active IS 'Whether the product is sold (tracked)';
COMMENT ON COLUMN ${schema}.dim_product.valid_from IS 'Start of this version: the source updated_at of the change (inclusive)';
COMMENT ON COLUMN ${schema}.dim_product.valid_to IS 'End of this version (exclusive); 9999-12-31 00:00:00 for the current version';
COMMENT ON COLUMN ${schema}.dim_product.is_current IS 'Whether this is the current version';
COMMENT ON COLUMN ${schema}.dim_product.version IS 'Version number of the member, from 1';

-- DISTSTYLE ALL: a few thousand rows joined by every dated query.
CREATE TABLE ${schema}.dim_date (
  date_key INTEGER NOT NULL,
  date DATE NOT NULL,
  day_of_week INTEGER NOT NULL,
  day_name VARCHAR(16) NOT NULL,
  iso_week INTEGER NOT NULL,
  iso_year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  month_name VARCHAR(16) NOT NULL,
  quarter INTEGER NOT NULL,
  year INTEGER NOT NULL,
  is_weekend BOOLEAN NOT NULL,
  fiscal_year INTEGER NOT NULL,
  fiscal_quarter INTEGER NOT NULL,
  fiscal_month INTEGER NOT NULL,
  PRIMARY KEY (date_key)
)
DISTSTYLE ALL
SORTKEY (date_key);
COMMENT ON TABLE ${schema}.dim_date IS 'Calendar and fiscal calendar, one row per date, whole years around the dates the facts use';
COMMENT ON COLUMN ${schema}.dim_date.date_key IS 'Date as yyyymmdd';
COMMENT ON COLUMN ${schema}.dim_date.date IS 'The date';
COMMENT ON COLUMN ${schema}.dim_date.day_of_week IS 'ISO day of week, 1 = Monday … 7 = Sunday';
COMMENT ON COLUMN ${schema}.dim_date.day_name IS 'Name of the day, e.g. Monday';
COMMENT ON COLUMN ${schema}.dim_date.iso_week IS 'ISO-8601 week number';
COMMENT ON COLUMN ${schema}.dim_date.iso_year IS 'ISO-8601 week-based year the ISO week belongs to';
COMMENT ON COLUMN ${schema}.dim_date.month IS 'Month, 1–12';
COMMENT ON COLUMN ${schema}.dim_date.month_name IS 'Name of the month, e.g. January';
COMMENT ON COLUMN ${schema}.dim_date.quarter IS 'Calendar quarter, 1–4';
COMMENT ON COLUMN ${schema}.dim_date.year IS 'Calendar year';
COMMENT ON COLUMN ${schema}.dim_date.is_weekend IS 'Saturday or Sunday';
COMMENT ON COLUMN ${schema}.dim_date.fiscal_year IS 'Fiscal year, named after the calendar year in which it ends';
COMMENT ON COLUMN ${schema}.dim_date.fiscal_quarter IS 'Fiscal quarter, 1–4';
COMMENT ON COLUMN ${schema}.dim_date.fiscal_month IS 'Fiscal month, 1–12 (1 is the configured fiscal start month)';

-- Every dimension is DISTSTYLE ALL, so the star joins (customer_key, product_key, date keys)
-- are node-local whatever this table's distribution. The distribution key is therefore chosen
-- for an even spread and the one fact-to-fact join: order_id (high cardinality, no hot value)
-- collocates lines with fact_payment. customer_key and product_key would skew: -1 (unknown
-- member) and best-selling products pile up on one slice.
-- SORTKEY on the date key: dashboards filter by date range and the loader deletes by month,
-- both become zone-map range scans.
CREATE TABLE ${schema}.fact_order_line (
  order_id VARCHAR(64) NOT NULL,
  line_number INTEGER NOT NULL,
  order_date_key INTEGER NOT NULL,
  order_ts TIMESTAMP NOT NULL,
  customer_key BIGINT NOT NULL,
  product_key BIGINT NOT NULL,
  customer_id VARCHAR(64) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price DECIMAL(18,2) NOT NULL,
  discount_amount DECIMAL(18,2) NOT NULL,
  line_total DECIMAL(18,2) NOT NULL,
  order_status VARCHAR(32) NOT NULL,
  channel VARCHAR(32),
  currency VARCHAR(8) NOT NULL,
  PRIMARY KEY (order_id, line_number)
)
DISTKEY (order_id)
SORTKEY (order_date_key);
COMMENT ON TABLE ${schema}.fact_order_line IS 'One row per order line (latest version of the line and of its order)';
COMMENT ON COLUMN ${schema}.fact_order_line.order_id IS 'Order';
COMMENT ON COLUMN ${schema}.fact_order_line.line_number IS 'Line number within the order';
COMMENT ON COLUMN ${schema}.fact_order_line.order_date_key IS 'UTC date of order_ts as yyyymmdd';
COMMENT ON COLUMN ${schema}.fact_order_line.order_ts IS 'When the order was placed (UTC)';
COMMENT ON COLUMN ${schema}.fact_order_line.customer_key IS 'Customer version valid at order_ts; -1 when unknown';
COMMENT ON COLUMN ${schema}.fact_order_line.product_key IS 'Product version valid at order_ts; -1 when unknown';
COMMENT ON COLUMN ${schema}.fact_order_line.customer_id IS 'Natural key of the customer';
COMMENT ON COLUMN ${schema}.fact_order_line.product_id IS 'Natural key of the product';
COMMENT ON COLUMN ${schema}.fact_order_line.quantity IS 'Units';
COMMENT ON COLUMN ${schema}.fact_order_line.unit_price IS 'Price per unit';
COMMENT ON COLUMN ${schema}.fact_order_line.discount_amount IS 'Discount on the line';
COMMENT ON COLUMN ${schema}.fact_order_line.line_total IS 'quantity × unit_price − discount_amount';
COMMENT ON COLUMN ${schema}.fact_order_line.order_status IS 'Latest status of the order';
COMMENT ON COLUMN ${schema}.fact_order_line.channel IS 'web, mobile or marketplace';
COMMENT ON COLUMN ${schema}.fact_order_line.currency IS 'ISO 4217 currency code';

-- DISTKEY (order_id) like fact_order_line, so payment-to-line joins are collocated;
-- SORTKEY on the date key for date-range scans and the loader's month deletes.
CREATE TABLE ${schema}.fact_payment (
  payment_id VARCHAR(64) NOT NULL,
  order_id VARCHAR(64) NOT NULL,
  payment_date_key INTEGER NOT NULL,
  payment_ts TIMESTAMP NOT NULL,
  customer_key BIGINT NOT NULL,
  method VARCHAR(32) NOT NULL,
  installments INTEGER NOT NULL,
  amount DECIMAL(18,2) NOT NULL,
  status VARCHAR(32) NOT NULL,
  PRIMARY KEY (payment_id)
)
DISTKEY (order_id)
SORTKEY (payment_date_key);
COMMENT ON TABLE ${schema}.fact_payment IS 'One row per payment (latest version)';
COMMENT ON COLUMN ${schema}.fact_payment.payment_id IS 'Payment';
COMMENT ON COLUMN ${schema}.fact_payment.order_id IS 'Order paid';
COMMENT ON COLUMN ${schema}.fact_payment.payment_date_key IS 'UTC date of payment_ts as yyyymmdd';
COMMENT ON COLUMN ${schema}.fact_payment.payment_ts IS 'When the payment happened (UTC)';
COMMENT ON COLUMN ${schema}.fact_payment.customer_key IS 'Version of the order''s customer valid at payment_ts; -1 when unknown';
COMMENT ON COLUMN ${schema}.fact_payment.method IS 'Payment method';
COMMENT ON COLUMN ${schema}.fact_payment.installments IS 'Number of installments';
COMMENT ON COLUMN ${schema}.fact_payment.amount IS 'Amount';
COMMENT ON COLUMN ${schema}.fact_payment.status IS 'authorized, captured, refunded or failed';

-- Small (days × categories): DISTSTYLE ALL so joins to dim_date stay local.
CREATE TABLE ${schema}.agg_daily_sales (
  date_key INTEGER NOT NULL,
  category VARCHAR(128) NOT NULL,
  orders BIGINT NOT NULL,
  units BIGINT NOT NULL,
  gross_revenue DECIMAL(18,2) NOT NULL,
  discount_total DECIMAL(18,2) NOT NULL,
  net_revenue DECIMAL(18,2) NOT NULL,
  avg_order_value DECIMAL(18,2) NOT NULL,
  returned_revenue DECIMAL(18,2) NOT NULL,
  PRIMARY KEY (date_key, category)
)
DISTSTYLE ALL
SORTKEY (date_key);
COMMENT ON TABLE ${schema}.agg_daily_sales IS 'Sales per UTC order date and product category (category of the product version the fact points to)';
COMMENT ON COLUMN ${schema}.agg_daily_sales.date_key IS 'UTC order date as yyyymmdd';
COMMENT ON COLUMN ${schema}.agg_daily_sales.category IS 'Product category; unknown for the unknown product';
COMMENT ON COLUMN ${schema}.agg_daily_sales.orders IS 'Distinct counted orders with a line in the category';
COMMENT ON COLUMN ${schema}.agg_daily_sales.units IS 'Σ quantity';
COMMENT ON COLUMN ${schema}.agg_daily_sales.gross_revenue IS 'Σ quantity × unit_price';
COMMENT ON COLUMN ${schema}.agg_daily_sales.discount_total IS 'Σ discount_amount';
COMMENT ON COLUMN ${schema}.agg_daily_sales.net_revenue IS 'gross_revenue − discount_total';
COMMENT ON COLUMN ${schema}.agg_daily_sales.avg_order_value IS 'net_revenue / orders, half-up; 0 when no orders';
COMMENT ON COLUMN ${schema}.agg_daily_sales.returned_revenue IS 'Σ line_total of lines whose order is returned';

-- One row per date: DISTSTYLE ALL.
CREATE TABLE ${schema}.daily_kpis (
  date_key INTEGER NOT NULL,
  orders BIGINT NOT NULL,
  net_revenue DECIMAL(18,2) NOT NULL,
  avg_order_value DECIMAL(18,2) NOT NULL,
  new_customers BIGINT NOT NULL,
  returning_customers BIGINT NOT NULL,
  payments_captured_amount DECIMAL(18,2) NOT NULL,
  payment_failure_rate DECIMAL(9,4) NOT NULL,
  refunded_amount DECIMAL(18,2) NOT NULL,
  return_rate DECIMAL(9,4) NOT NULL,
  PRIMARY KEY (date_key)
)
DISTSTYLE ALL
SORTKEY (date_key);
COMMENT ON TABLE ${schema}.daily_kpis IS 'Business KPIs per UTC date';
COMMENT ON COLUMN ${schema}.daily_kpis.date_key IS 'UTC date as yyyymmdd';
COMMENT ON COLUMN ${schema}.daily_kpis.orders IS 'Counted orders placed that date (latest status not cancelled)';
COMMENT ON COLUMN ${schema}.daily_kpis.net_revenue IS 'Σ line_total of the counted orders'' lines';
COMMENT ON COLUMN ${schema}.daily_kpis.avg_order_value IS 'net_revenue / orders, half-up; 0 when no orders';
COMMENT ON COLUMN ${schema}.daily_kpis.new_customers IS 'Customers whose first counted order ever falls on that date';
COMMENT ON COLUMN ${schema}.daily_kpis.returning_customers IS 'Other customers with a counted order that date';
COMMENT ON COLUMN ${schema}.daily_kpis.payments_captured_amount IS 'Σ amount of captured payments that date';
COMMENT ON COLUMN ${schema}.daily_kpis.payment_failure_rate IS 'Failed payments / all payments that date; 0 when none';
COMMENT ON COLUMN ${schema}.daily_kpis.refunded_amount IS 'Σ amount of refunded payments that date';
COMMENT ON COLUMN ${schema}.daily_kpis.return_rate IS 'Counted orders whose status is returned / counted orders; 0 when none';

-- One row per customer, not joined to facts by key: spread evenly.
CREATE TABLE ${schema}.customer_ltv (
  customer_id VARCHAR(64) NOT NULL,
  first_order_date DATE NOT NULL,
  last_order_date DATE NOT NULL,
  order_count BIGINT NOT NULL,
  lifetime_revenue DECIMAL(18,2) NOT NULL,
  avg_order_value DECIMAL(18,2) NOT NULL,
  value_segment VARCHAR(16) NOT NULL,
  PRIMARY KEY (customer_id)
)
DISTSTYLE EVEN
SORTKEY (customer_id);
COMMENT ON TABLE ${schema}.customer_ltv IS 'Lifetime value of every customer with a counted order';
COMMENT ON COLUMN ${schema}.customer_ltv.customer_id IS 'Natural key of the customer';
COMMENT ON COLUMN ${schema}.customer_ltv.first_order_date IS 'UTC date of the first counted order';
COMMENT ON COLUMN ${schema}.customer_ltv.last_order_date IS 'UTC date of the last counted order';
COMMENT ON COLUMN ${schema}.customer_ltv.order_count IS 'Counted orders';
COMMENT ON COLUMN ${schema}.customer_ltv.lifetime_revenue IS 'Σ line_total of the counted orders';
COMMENT ON COLUMN ${schema}.customer_ltv.avg_order_value IS 'lifetime_revenue / order_count, half-up';
COMMENT ON COLUMN ${schema}.customer_ltv.value_segment IS 'high (top ⌈0.2·n⌉ by revenue, then customer_id), medium (up to ⌈0.5·n⌉) or low';

-- Small (days × devices): DISTSTYLE ALL.
CREATE TABLE ${schema}.conversion_funnel_daily (
  date_key INTEGER NOT NULL,
  device VARCHAR(64) NOT NULL,
  sessions BIGINT NOT NULL,
  product_view_sessions BIGINT NOT NULL,
  add_to_cart_sessions BIGINT NOT NULL,
  checkout_sessions BIGINT NOT NULL,
  purchase_sessions BIGINT NOT NULL,
  conversion_rate DECIMAL(9,4) NOT NULL,
  PRIMARY KEY (date_key, device)
)
DISTSTYLE ALL
SORTKEY (date_key);
COMMENT ON TABLE ${schema}.conversion_funnel_daily IS 'Sessions per UTC date and device (of each session''s earliest event) and how far they went';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.date_key IS 'UTC date of the session''s earliest event as yyyymmdd';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.device IS 'Device of the session''s earliest event; unknown when absent';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.sessions IS 'Sessions';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.product_view_sessions IS 'Sessions with at least one product_view';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.add_to_cart_sessions IS 'Sessions with at least one add_to_cart';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.checkout_sessions IS 'Sessions with at least one checkout_start';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.purchase_sessions IS 'Sessions with at least one purchase';
COMMENT ON COLUMN ${schema}.conversion_funnel_daily.conversion_rate IS 'purchase_sessions / sessions, half-up; 0 when no sessions';

-- Months × products can reach millions of rows: spread evenly, sorted by month for the
-- loader's month deletes and month filters.
CREATE TABLE ${schema}.product_performance (
  month VARCHAR(7) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  units BIGINT NOT NULL,
  net_revenue DECIMAL(18,2) NOT NULL,
  returned_units BIGINT NOT NULL,
  return_rate DECIMAL(9,4) NOT NULL,
  review_count BIGINT NOT NULL,
  avg_rating DECIMAL(9,4) NOT NULL,
  PRIMARY KEY (month, product_id)
)
DISTSTYLE EVEN
SORTKEY (month);
COMMENT ON TABLE ${schema}.product_performance IS 'Sales, returns and reviews per month and product';
COMMENT ON COLUMN ${schema}.product_performance.month IS 'Month as YYYY-MM (UTC)';
COMMENT ON COLUMN ${schema}.product_performance.product_id IS 'Natural key of the product';
COMMENT ON COLUMN ${schema}.product_performance.units IS 'Σ quantity of counted orders'' lines';
COMMENT ON COLUMN ${schema}.product_performance.net_revenue IS 'Σ line_total of counted orders'' lines';
COMMENT ON COLUMN ${schema}.product_performance.returned_units IS 'Units of lines whose order is returned';
COMMENT ON COLUMN ${schema}.product_performance.return_rate IS 'returned_units / units, half-up; 0 when no units';
COMMENT ON COLUMN ${schema}.product_performance.review_count IS 'Reviews naming the product written that month';
COMMENT ON COLUMN ${schema}.product_performance.avg_rating IS 'Average rating of those reviews, half-up; 0 when none';

-- One row per (run, table) the loader wrote; re-loading a run replaces its row.
CREATE TABLE ${schema}.load_audit (
  run_id VARCHAR(128) NOT NULL,
  table_name VARCHAR(128) NOT NULL,
  rows_loaded BIGINT NOT NULL,
  source VARCHAR(1024) NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  PRIMARY KEY (run_id, table_name)
)
DISTSTYLE ALL
SORTKEY (loaded_at);
COMMENT ON TABLE ${schema}.load_audit IS 'One row per run and table loaded into the warehouse; a re-load of the same run replaces it';
COMMENT ON COLUMN ${schema}.load_audit.run_id IS 'Pipeline run identifier';
COMMENT ON COLUMN ${schema}.load_audit.table_name IS 'Table loaded';
COMMENT ON COLUMN ${schema}.load_audit.rows_loaded IS 'Rows bulk-loaded from the run''s gold files';
COMMENT ON COLUMN ${schema}.load_audit.source IS 'Where the rows came from: gold location, months and file count';
COMMENT ON COLUMN ${schema}.load_audit.loaded_at IS 'When the load committed (UTC)';
