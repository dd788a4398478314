-- Customer lifetime value by value segment and region (region of the customer's current version).
SELECT
  l.value_segment,
  COALESCE(c.region, 'unknown') AS region,
  COUNT(*) AS customers,
  SUM(l.order_count) AS orders,
  SUM(l.lifetime_revenue) AS lifetime_revenue,
  CAST(ROUND(SUM(l.lifetime_revenue) / COUNT(*), 2) AS DECIMAL(18,2)) AS revenue_per_customer,
  MIN(l.first_order_date) AS first_order_date,
  MAX(l.last_order_date) AS last_order_date
FROM analytics.customer_ltv l
LEFT JOIN analytics.dim_customer c
  ON c.customer_id = l.customer_id AND c.is_current
GROUP BY l.value_segment, COALESCE(c.region, 'unknown')
ORDER BY lifetime_revenue DESC, l.value_segment, region;
