-- The 30 most recent days of business KPIs, with the calendar attributes a dashboard shows.
SELECT
  d.date,
  d.day_name,
  d.is_weekend,
  k.orders,
  k.net_revenue,
  k.avg_order_value,
  k.new_customers,
  k.returning_customers,
  k.payments_captured_amount,
  k.payment_failure_rate,
  k.refunded_amount,
  k.return_rate
FROM analytics.daily_kpis k
JOIN analytics.dim_date d ON d.date_key = k.date_key
ORDER BY k.date_key DESC
LIMIT 30;
