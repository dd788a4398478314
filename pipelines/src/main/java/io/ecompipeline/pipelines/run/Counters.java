package io.ecompipeline.pipelines.run;

import io.ecompipeline.transforms.quality.SilverCounters;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The Beam counters of a finished pipeline, by name (e.g. {@code silver.orders.read}), summed over
 * steps, and the maxima of its distributions (e.g. {@code silver.orders.newest_micros}).
 */
final class Counters {
  private Counters() {}

  static Map<String, Long> of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      // Attempted, not committed: the Flink and Spark runners do not all report committed values.
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    SilverCounters.maxima(metrics, counters);
    return counters;
  }
}
