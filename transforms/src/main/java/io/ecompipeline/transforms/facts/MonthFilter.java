package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.dimensions.DateKeys;
import io.ecompipeline.transforms.util.BundleSideInput;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The months a fact builder builds facts for: all of them, or those of a side input (gold by
 * touched month); the facts of the other months are kept from the previous gold.
 */
final class MonthFilter implements Serializable {
  private final BundleSideInput<List<String>> months;

  private MonthFilter(BundleSideInput<List<String>> months) {
    this.months = months;
  }

  /** Every month when {@code months} is null. */
  static MonthFilter of(PCollectionView<List<String>> months) {
    return new MonthFilter(months == null ? null : BundleSideInput.of(months));
  }

  /** {@code views} and {@code months} when there is one: the side inputs of the DoFn that filters. */
  static List<PCollectionView<?>> sideInputs(PCollectionView<List<String>> months, PCollectionView<?>... views) {
    List<PCollectionView<?>> all = new ArrayList<>(List.of(views));
    if (months != null) {
      all.add(months);
    }
    return all;
  }

  boolean keeps(DoFn<?, ?>.ProcessContext c, BoundedWindow window, Instant ts) {
    return months == null || months.get(c, window).contains(DateKeys.month(ts));
  }

  void reset() {
    if (months != null) {
      months.reset();
    }
  }
}
