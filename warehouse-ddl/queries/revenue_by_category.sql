-- Revenue per calendar month and product category (category of the product version each sale
-- pointed to), from the daily aggregate.
SELECT
  d.year,
  d.month,
  s.category,
  SUM(s.orders) AS orders,
  SUM(s.units) AS units,
  SUM(s.gross_revenue) AS gross_revenue,
  SUM(s.discount_total) AS discount_total,
  SUM(s.net_revenue) AS net_revenue,
  SUM(s.returned_revenue) AS returned_revenue
FROM analytics.agg_daily_sales s
JOIN analytics.dim_date d ON d.date_key = s.date_key
GROUP BY d.year, d.month, s.category
ORDER BY d.year, d.month, net_revenue DESC, s.category;
