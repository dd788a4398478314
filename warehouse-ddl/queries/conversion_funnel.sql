-- Session funnel per calendar month and device: how many sessions reached each step, and the
-- step-to-step and overall conversion rates (0 when there were no sessions at the step before).
SELECT
  d.year,
  d.month,
  f.device,
  SUM(f.sessions) AS sessions,
  SUM(f.product_view_sessions) AS product_view_sessions,
  SUM(f.add_to_cart_sessions) AS add_to_cart_sessions,
  SUM(f.checkout_sessions) AS checkout_sessions,
  SUM(f.purchase_sessions) AS purchase_sessions,
  CAST(COALESCE(ROUND(CAST(SUM(f.add_to_cart_sessions) AS DECIMAL(18,4)) / NULLIF(SUM(f.product_view_sessions), 0), 4), 0) AS DECIMAL(9,4)) AS view_to_cart_rate,
  CAST(COALESCE(ROUND(CAST(SUM(f.purchase_sessions) AS DECIMAL(18,4)) / NULLIF(SUM(f.checkout_sessions), 0), 4), 0) AS DECIMAL(9,4)) AS checkout_to_purchase_rate,
  CAST(COALESCE(ROUND(CAST(SUM(f.purchase_sessions) AS DECIMAL(18,4)) / NULLIF(SUM(f.sessions), 0), 4), 0) AS DECIMAL(9,4)) AS conversion_rate
FROM analytics.conversion_funnel_daily f
JOIN analytics.dim_date d ON d.date_key = f.date_key
GROUP BY d.year, d.month, f.device
ORDER BY d.year, d.month, f.device;
