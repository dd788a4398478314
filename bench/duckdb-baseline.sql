-- The baseline a user would pick instead of ecom-pipeline: the same bronze -> gold work written as
-- plain DuckDB SQL over the same bronze files. Run by bench/Baseline.java (which substitutes
-- ${lake}, ${date} and ${out} and times every statement); bench/run.sh times it next to our runs.
--
-- What it does, in the same shape as our pipeline's full recompute (docs/architecture.md):
--   * reads every bronze CSV of customers, products, orders, order_items and payments with
--     ingest_date <= ${date} (all columns VARCHAR, headers matched by name, gzip, BOM, CRLF),
--     i.e. it recomputes from all bronze history, which is MORE input than our run reads
--     (our run reads the day's bronze + the previous silver);
--   * validates: required fields, types (timestamps, integers, decimals), enums, ranges,
--     timestamps more than 1 day after the run date; counts rejects per entity;
--   * dedups the latest version per natural key (updated_at, then ingest date, then file name);
--   * SCD2 customer and product dimensions: one version per change of a tracked column,
--     valid_from = updated_at, valid_to = LEAD(valid_from) (9999-12-31 for the current one),
--     deterministic surrogate key = hash(id, valid_from), unknown member -1;
--   * point-in-time join of every order line (latest version) to the customer and product
--     versions valid at order_ts (earlier than the first version -> first version; none -> -1);
--   * agg_daily_sales (per order date and category) and daily_kpis (orders, net revenue, AOV,
--     new/returning customers, payments captured/refunded, failure rate, return rate);
--   * writes dimensions, fact_order_line and both aggregates as Parquet.
--
-- What it skips (so the ratio flatters the baseline a little):
--   * no quarantine files (rejected raw records are counted, not written with rule and message);
--     malformed CSV lines are dropped by the reader (ignore_errors) rather than counted by rule;
--   * no line-number tie-break in dedup; no "file lacks a required column" whole-file rule
--     (such a file's rows are rejected by the required-field check instead);
--   * no reviews, clickstream, fact_payment, customer_ltv, conversion_funnel_daily,
--     product_performance, dim_date; no silver layer written; no type-1 overwrite of
--     non-tracked columns across versions; no partitioned, byte-deterministic output; no diff
--     publish, no warehouse load, no run manifest or quality report.

SET threads = 2;

-- ---------------------------------------------------------------- raw bronze (all VARCHAR)
CREATE OR REPLACE TEMP TABLE raw_customers AS
SELECT * FROM read_csv('${lake}/bronze/customers/ingest_date=*/*.csv*', all_varchar = true,
  union_by_name = true, hive_partitioning = true, filename = true, ignore_errors = true, header = true)
WHERE ingest_date <= '${date}';

CREATE OR REPLACE TEMP TABLE raw_products AS
SELECT * FROM read_csv('${lake}/bronze/products/ingest_date=*/*.csv*', all_varchar = true,
  union_by_name = true, hive_partitioning = true, filename = true, ignore_errors = true, header = true)
WHERE ingest_date <= '${date}';

CREATE OR REPLACE TEMP TABLE raw_orders AS
SELECT * FROM read_csv('${lake}/bronze/orders/ingest_date=*/*.csv*', all_varchar = true,
  union_by_name = true, hive_partitioning = true, filename = true, ignore_errors = true, header = true)
WHERE ingest_date <= '${date}';

CREATE OR REPLACE TEMP TABLE raw_order_items AS
SELECT * FROM read_csv('${lake}/bronze/order_items/ingest_date=*/*.csv*', all_varchar = true,
  union_by_name = true, hive_partitioning = true, filename = true, ignore_errors = true, header = true)
WHERE ingest_date <= '${date}';

CREATE OR REPLACE TEMP TABLE raw_payments AS
SELECT * FROM read_csv('${lake}/bronze/payments/ingest_date=*/*.csv*', all_varchar = true,
  union_by_name = true, hive_partitioning = true, filename = true, ignore_errors = true, header = true)
WHERE ingest_date <= '${date}';

-- ---------------------------------------------------------------- typed + validated
CREATE OR REPLACE TEMP TABLE v_customers AS
SELECT *, (customer_id IS NOT NULL AND region IS NOT NULL AND country IS NOT NULL
           AND ts IS NOT NULL AND ts < TIMESTAMPTZ '${date}' + INTERVAL 2 DAY
           AND lower(coalesce(segment, 'standard')) IN ('standard', 'silver', 'gold', 'platinum')) AS ok
FROM (SELECT customer_id, email, first_name, last_name, phone, city, state, region, country,
             lower(coalesce(segment, 'standard')) AS segment, try_cast(updated_at AS TIMESTAMPTZ) AS ts,
             ingest_date, filename
      FROM raw_customers);

CREATE OR REPLACE TEMP TABLE v_products AS
SELECT *, (product_id IS NOT NULL AND category IS NOT NULL AND ts IS NOT NULL
           AND ts < TIMESTAMPTZ '${date}' + INTERVAL 2 DAY
           AND (list_price_s IS NULL OR (list_price IS NOT NULL AND list_price >= 0))
           AND (cost_s IS NULL OR (cost IS NOT NULL AND cost >= 0))
           AND (active_s IS NULL OR lower(active_s) IN ('true', 'false'))) AS ok
FROM (SELECT product_id, sku, name, category, subcategory, brand,
             list_price AS list_price_s, try_cast(list_price AS DECIMAL(18,2)) AS list_price,
             cost AS cost_s, try_cast(cost AS DECIMAL(18,2)) AS cost,
             is_active AS active_s, coalesce(lower(is_active) = 'true', true) AS is_active,
             try_cast(updated_at AS TIMESTAMPTZ) AS ts, ingest_date, filename
      FROM raw_products);

CREATE OR REPLACE TEMP TABLE v_orders AS
SELECT *, (order_id IS NOT NULL AND customer_id IS NOT NULL AND order_ts IS NOT NULL AND ts IS NOT NULL
           AND order_ts < TIMESTAMPTZ '${date}' + INTERVAL 2 DAY AND ts < TIMESTAMPTZ '${date}' + INTERVAL 2 DAY
           AND status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')
           AND (channel IS NULL OR channel IN ('web', 'mobile', 'marketplace'))
           AND regexp_full_match(coalesce(currency, ''), '[A-Za-z]{3}')
           AND (ship_s IS NULL OR (shipping_amount IS NOT NULL AND shipping_amount >= 0))) AS ok
FROM (SELECT order_id, customer_id, try_cast(order_ts AS TIMESTAMPTZ) AS order_ts, lower(status) AS status,
             lower(channel) AS channel, upper(currency) AS currency,
             shipping_amount AS ship_s, try_cast(shipping_amount AS DECIMAL(18,2)) AS shipping_amount,
             try_cast(updated_at AS TIMESTAMPTZ) AS ts, ingest_date, filename
      FROM raw_orders);

CREATE OR REPLACE TEMP TABLE v_order_items AS
SELECT *, (order_id IS NOT NULL AND product_id IS NOT NULL AND line_number >= 1 AND quantity >= 1
           AND unit_price >= 0 AND (disc_s IS NULL OR (discount_amount IS NOT NULL AND discount_amount >= 0
           AND discount_amount <= quantity * unit_price))) AS ok
FROM (SELECT order_id, try_cast(line_number AS INTEGER) AS line_number, product_id,
             try_cast(quantity AS INTEGER) AS quantity, try_cast(unit_price AS DECIMAL(18,2)) AS unit_price,
             discount_amount AS disc_s, coalesce(try_cast(discount_amount AS DECIMAL(18,2)), 0) AS discount_amount,
             ingest_date, filename
      FROM raw_order_items);

CREATE OR REPLACE TEMP TABLE v_payments AS
SELECT *, (payment_id IS NOT NULL AND order_id IS NOT NULL AND payment_ts IS NOT NULL
           AND payment_ts < TIMESTAMPTZ '${date}' + INTERVAL 2 DAY
           AND method IN ('credit_card', 'debit_card', 'paypal', 'voucher', 'bank_transfer', 'boleto', 'other')
           AND status IN ('authorized', 'captured', 'refunded', 'failed')
           AND installments >= 1 AND amount >= 0) AS ok
FROM (SELECT payment_id, order_id, try_cast(payment_ts AS TIMESTAMPTZ) AS payment_ts, lower(method) AS method,
             coalesce(try_cast(installments AS INTEGER), CASE WHEN installments IS NULL THEN 1 END) AS installments,
             try_cast(amount AS DECIMAL(18,2)) AS amount, lower(status) AS status, ingest_date, filename
      FROM raw_payments);

-- ---------------------------------------------------------------- dedup latest per key (silver)
CREATE OR REPLACE TEMP TABLE s_orders AS
SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY order_id
  ORDER BY ts DESC, ingest_date DESC, filename DESC) AS rn FROM v_orders WHERE ok) WHERE rn = 1;

CREATE OR REPLACE TEMP TABLE s_order_items AS
SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY order_id, line_number
  ORDER BY ingest_date DESC, filename DESC) AS rn FROM v_order_items WHERE ok) WHERE rn = 1;

CREATE OR REPLACE TEMP TABLE s_payments AS
SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY payment_id
  ORDER BY ingest_date DESC, filename DESC) AS rn FROM v_payments WHERE ok) WHERE rn = 1;

-- ---------------------------------------------------------------- SCD2 dimensions
-- One row per (id, updated_at) (latest delivery wins), then keep only rows whose tracked columns
-- differ from the previous version's; valid_to is the next kept version's valid_from.
CREATE OR REPLACE TEMP TABLE dim_customer AS
WITH one AS (
  SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY customer_id, ts
    ORDER BY ingest_date DESC, filename DESC) AS rn FROM v_customers WHERE ok) WHERE rn = 1),
chg AS (
  SELECT *, (lag(hash(email, city, state, region, country, segment)) OVER w)
            IS DISTINCT FROM hash(email, city, state, region, country, segment) AS changed
  FROM one WINDOW w AS (PARTITION BY customer_id ORDER BY ts)),
ver AS (SELECT * FROM chg WHERE changed)
SELECT (hash(customer_id, ts) >> 1)::BIGINT AS customer_key, customer_id, email, first_name, last_name, phone,
       city, state, region, country, segment, ts AS valid_from,
       coalesce(lead(ts) OVER w, TIMESTAMPTZ '9999-12-31 00:00:00+00') AS valid_to,
       lead(ts) OVER w IS NULL AS is_current, row_number() OVER w AS version
FROM ver WINDOW w AS (PARTITION BY customer_id ORDER BY ts)
UNION ALL
SELECT -1, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown',
       'unknown', TIMESTAMPTZ '1900-01-01 00:00:00+00', TIMESTAMPTZ '9999-12-31 00:00:00+00', true, 1;

CREATE OR REPLACE TEMP TABLE dim_product AS
WITH one AS (
  SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY product_id, ts
    ORDER BY ingest_date DESC, filename DESC) AS rn FROM v_products WHERE ok) WHERE rn = 1),
chg AS (
  SELECT *, (lag(hash(name, category, subcategory, brand, list_price, is_active)) OVER w)
            IS DISTINCT FROM hash(name, category, subcategory, brand, list_price, is_active) AS changed
  FROM one WINDOW w AS (PARTITION BY product_id ORDER BY ts)),
ver AS (SELECT * FROM chg WHERE changed)
SELECT (hash(product_id, ts) >> 1)::BIGINT AS product_key, product_id, sku, name, category, subcategory, brand,
       list_price, cost, is_active, ts AS valid_from,
       coalesce(lead(ts) OVER w, TIMESTAMPTZ '9999-12-31 00:00:00+00') AS valid_to,
       lead(ts) OVER w IS NULL AS is_current, row_number() OVER w AS version
FROM ver WINDOW w AS (PARTITION BY product_id ORDER BY ts)
UNION ALL
SELECT -1, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', NULL, NULL, true,
       TIMESTAMPTZ '1900-01-01 00:00:00+00', TIMESTAMPTZ '9999-12-31 00:00:00+00', true, 1;

-- ---------------------------------------------------------------- point-in-time fact
-- (ts >= valid_from OR version = 1) AND ts < valid_to: the version holding ts, or the first
-- version when ts is older than it.
CREATE OR REPLACE TEMP TABLE fact_order_line AS
SELECT l.order_id, l.line_number, CAST(strftime(o.order_ts AT TIME ZONE 'UTC', '%Y%m%d') AS INTEGER) AS order_date_key,
       o.order_ts, coalesce(c.customer_key, -1) AS customer_key, coalesce(p.product_key, -1) AS product_key,
       o.customer_id, l.product_id, l.quantity, l.unit_price, l.discount_amount,
       l.quantity * l.unit_price - l.discount_amount AS line_total, o.status AS order_status, o.channel, o.currency,
       coalesce(p.category, 'unknown') AS category
FROM s_order_items l
JOIN s_orders o USING (order_id)            -- lines whose order has not arrived are pending
LEFT JOIN dim_customer c ON c.customer_id = o.customer_id AND c.customer_key <> -1
  AND (o.order_ts >= c.valid_from OR c.version = 1) AND o.order_ts < c.valid_to
LEFT JOIN dim_product p ON p.product_id = l.product_id AND p.product_key <> -1
  AND (o.order_ts >= p.valid_from OR p.version = 1) AND o.order_ts < p.valid_to;

-- ---------------------------------------------------------------- aggregates
CREATE OR REPLACE TEMP TABLE agg_daily_sales AS
SELECT order_date_key AS date_key, category,
       count(DISTINCT order_id) AS orders, sum(quantity) AS units,
       sum(quantity * unit_price)::DECIMAL(18,2) AS gross_revenue, sum(discount_amount)::DECIMAL(18,2) AS discount_total,
       sum(line_total)::DECIMAL(18,2) AS net_revenue,
       round(sum(line_total) / count(DISTINCT order_id), 2)::DECIMAL(18,2) AS avg_order_value,
       coalesce(sum(line_total) FILTER (WHERE order_status = 'returned'), 0)::DECIMAL(18,2) AS returned_revenue
FROM fact_order_line WHERE order_status <> 'cancelled'
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE daily_kpis AS
WITH counted AS (
  SELECT o.order_id, o.customer_id, o.status,
         CAST(strftime(o.order_ts AT TIME ZONE 'UTC', '%Y%m%d') AS INTEGER) AS date_key,
         coalesce((SELECT sum(f.line_total) FROM fact_order_line f WHERE f.order_id = o.order_id), 0) AS net
  FROM s_orders o WHERE o.status <> 'cancelled'),
firsts AS (SELECT customer_id, min(date_key) AS first_key FROM counted GROUP BY customer_id),
by_day AS (
  SELECT c.date_key, count(*) AS orders, sum(c.net) AS net_revenue,
         count(DISTINCT c.customer_id) FILTER (WHERE f.first_key = c.date_key) AS new_customers,
         count(DISTINCT c.customer_id) FILTER (WHERE f.first_key < c.date_key) AS returning_customers,
         count(*) FILTER (WHERE c.status = 'returned') AS returned_orders
  FROM counted c JOIN firsts f USING (customer_id) GROUP BY c.date_key),
pay AS (
  SELECT CAST(strftime(payment_ts AT TIME ZONE 'UTC', '%Y%m%d') AS INTEGER) AS date_key,
         coalesce(sum(amount) FILTER (WHERE status = 'captured'), 0) AS captured,
         coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded,
         count(*) FILTER (WHERE status = 'failed') AS failed, count(*) AS payments
  FROM s_payments GROUP BY 1)
SELECT coalesce(d.date_key, p.date_key) AS date_key, coalesce(d.orders, 0) AS orders,
       coalesce(d.net_revenue, 0)::DECIMAL(18,2) AS net_revenue,
       CASE WHEN coalesce(d.orders, 0) = 0 THEN 0 ELSE round(d.net_revenue / d.orders, 2) END::DECIMAL(18,2) AS avg_order_value,
       coalesce(d.new_customers, 0) AS new_customers, coalesce(d.returning_customers, 0) AS returning_customers,
       coalesce(p.captured, 0)::DECIMAL(18,2) AS payments_captured_amount,
       CASE WHEN coalesce(p.payments, 0) = 0 THEN 0 ELSE round(p.failed / p.payments, 4) END::DECIMAL(9,4) AS payment_failure_rate,
       coalesce(p.refunded, 0)::DECIMAL(18,2) AS refunded_amount,
       CASE WHEN coalesce(d.orders, 0) = 0 THEN 0 ELSE round(d.returned_orders / d.orders, 4) END::DECIMAL(9,4) AS return_rate
FROM by_day d FULL JOIN pay p USING (date_key);

-- ---------------------------------------------------------------- gold Parquet
COPY dim_customer TO '${out}/dim_customer.parquet' (FORMAT parquet);
COPY dim_product TO '${out}/dim_product.parquet' (FORMAT parquet);
COPY (SELECT * EXCLUDE (category) FROM fact_order_line ORDER BY order_id, line_number)
  TO '${out}/fact_order_line.parquet' (FORMAT parquet);
COPY (SELECT * FROM agg_daily_sales ORDER BY date_key, category) TO '${out}/agg_daily_sales.parquet' (FORMAT parquet);
COPY (SELECT * FROM daily_kpis ORDER BY date_key) TO '${out}/daily_kpis.parquet' (FORMAT parquet);

-- ---------------------------------------------------------------- accounting (printed by Baseline.java)
SELECT 'customers' AS entity, count(*) AS read, count(*) FILTER (WHERE NOT ok) AS rejected FROM v_customers
UNION ALL SELECT 'products', count(*), count(*) FILTER (WHERE NOT ok) FROM v_products
UNION ALL SELECT 'orders', count(*), count(*) FILTER (WHERE NOT ok) FROM v_orders
UNION ALL SELECT 'order_items', count(*), count(*) FILTER (WHERE NOT ok) FROM v_order_items
UNION ALL SELECT 'payments', count(*), count(*) FILTER (WHERE NOT ok) FROM v_payments
UNION ALL SELECT 'order_items_today', count(*), count(*) FILTER (WHERE NOT ok) FROM v_order_items WHERE ingest_date = '${date}'
UNION ALL SELECT 'fact_order_line', count(*), 0 FROM fact_order_line
UNION ALL SELECT 'dim_customer', count(*), 0 FROM dim_customer
UNION ALL SELECT 'dim_product', count(*), 0 FROM dim_product
UNION ALL SELECT 'agg_daily_sales', count(*), 0 FROM agg_daily_sales;
