package io.ecompipeline.pipelines.run;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The Beam counters of a finished pipeline, by name (e.g. {@code silver.orders.read}), summed over steps. */
final class Counters {
  private Counters() {}

  static Map<String, Long> of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      // Attempted, not committed: the Flink and Spark runners do not all report committed values.
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    return counters;
  }
}
