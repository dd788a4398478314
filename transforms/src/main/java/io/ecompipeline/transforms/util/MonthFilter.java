package io.ecompipeline.transforms.util;

import io.ecompipeline.transforms.dimensions.DateKeys;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The months (YYYY-MM) a DoFn keeps: all of them, or those of a side input (gold by touched
 * month), fetched once per bundle. The owning DoFn calls {@link #reset()} from its
 * {@code @StartBundle}.
 */
public final class MonthFilter implements Serializable {
  private final BundleSideInput<List<String>> months;

  private MonthFilter(BundleSideInput<List<String>> months) {
    this.months = months;
  }

  /** Every month when {@code months} is null. */
  public static MonthFilter of(PCollectionView<List<String>> months) {
    return new MonthFilter(months == null ? null : BundleSideInput.of(months));
  }

  /** {@code views} and {@code months} when there is one: the side inputs of the DoFn that filters. */
  public static List<PCollectionView<?>> sideInputs(PCollectionView<List<String>> months, PCollectionView<?>... views) {
    List<PCollectionView<?>> all = new ArrayList<>(List.of(views));
    if (months != null) {
      all.add(months);
    }
    return all;
  }

  public boolean keeps(DoFn<?, ?>.ProcessContext c, BoundedWindow window, Instant ts) {
    return keeps(c, window, DateKeys.month(ts));
  }

  public boolean keeps(DoFn<?, ?>.ProcessContext c, BoundedWindow window, String month) {
    return months == null || months.get(c, window).contains(month);
  }

  public void reset() {
    if (months != null) {
      months.reset();
    }
  }
}
