-- Top 20 products by net revenue over counted orders (latest status not cancelled).
-- Facts point to the product version valid at order time; names and categories shown are the
-- current version's, so a renamed product stays one row.
-- Portable: runs unchanged on Redshift, PostgreSQL and DuckDB.
SELECT
  f.product_id,
  COALESCE(p.name, 'unknown') AS product_name,
  COALESCE(p.category, 'unknown') AS category,
  COUNT(DISTINCT f.order_id) AS orders,
  SUM(f.quantity) AS units,
  SUM(f.line_total) AS net_revenue
FROM analytics.fact_order_line f
LEFT JOIN analytics.dim_product p
  ON p.product_id = f.product_id AND p.is_current
WHERE f.order_status <> 'cancelled'
GROUP BY f.product_id, COALESCE(p.name, 'unknown'), COALESCE(p.category, 'unknown')
ORDER BY net_revenue DESC, f.product_id
LIMIT 20;
