package io.ecompipeline.transforms.quality;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The bronze → silver counters, named {@code silver.<entity>.<what>} (namespace {@code silver}),
 * and how to read them back after a run for the quality summary and the run manifest.
 */
public final class SilverCounters {
  private SilverCounters() {}

  public static final String NAMESPACE = "silver";

  public static String read(String entity) {
    return "silver." + entity + ".read";
  }

  public static String quarantined(String entity) {
    return "silver." + entity + ".quarantined";
  }

  public static String quarantined(String entity, String rule) {
    return "silver." + entity + ".quarantined." + rule;
  }

  public static String accepted(String entity) {
    return "silver." + entity + ".accepted";
  }

  public static String duplicates(String entity) {
    return "silver." + entity + ".duplicates";
  }

  public static final String ORPHAN_CUSTOMER = "silver.orders.orphan_customer";
  public static final String ORPHAN_PRODUCT = "silver.order_items.orphan_product";
  public static final String ORPHAN_ORDER = "silver.payments.orphan_order";
  public static final String PENDING = "silver.order_items.pending";

  /**
   * The newest value (epoch microseconds) of the entity's freshness column among today's valid
   * rows: a distribution's max, reported as a counter named so, absent when there are none. A
   * metric rather than a step of the graph: a maximum survives retried bundles as it is.
   */
  public static String newest(String entity) {
    return "silver." + entity + ".newest_micros";
  }

  public static Distribution distribution(String name) {
    return Metrics.distribution(NAMESPACE, name);
  }

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  /** Every silver counter of a finished run, name → value (committed where the runner supports it). */
  public static Map<String, Long> collect(PipelineResult result) {
    MetricQueryResults q = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      Long v;
      try {
        v = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        v = c.getAttempted();
      }
      out.merge(c.getName().getName(), v == null ? 0L : v, Long::sum);
    }
    maxima(q, out);
    return out;
  }

  /** Adds the max of each distribution that saw a value to {@code counters}, under its name. */
  public static void maxima(MetricQueryResults metrics, Map<String, Long> counters) {
    for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
      DistributionResult r = d.getAttempted();
      if (r != null && r.getCount() > 0) {
        counters.merge(d.getName().getName(), r.getMax(), Math::max);
      }
    }
  }
}
