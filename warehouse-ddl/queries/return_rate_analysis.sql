-- Returns per month and product category (current product version's category): returned units,
-- return rate (returned / sold units, 0 when none sold) and the revenue at stake.
SELECT
  pp.month,
  COALESCE(p.category, 'unknown') AS category,
  SUM(pp.units) AS units,
  SUM(pp.returned_units) AS returned_units,
  CAST(COALESCE(ROUND(CAST(SUM(pp.returned_units) AS DECIMAL(18,4)) / NULLIF(SUM(pp.units), 0), 4), 0) AS DECIMAL(9,4)) AS return_rate,
  SUM(pp.net_revenue) AS net_revenue,
  SUM(pp.review_count) AS reviews
FROM analytics.product_performance pp
LEFT JOIN analytics.dim_product p
  ON p.product_id = pp.product_id AND p.is_current
GROUP BY pp.month, COALESCE(p.category, 'unknown')
ORDER BY pp.month, return_rate DESC, category;
