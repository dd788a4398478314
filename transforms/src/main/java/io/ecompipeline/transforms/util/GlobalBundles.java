package io.ecompipeline.transforms.util;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.PCollection;

/**
 * For DoFns that gather a bundle's elements and emit the result when the bundle ends: a finished
 * bundle has no window of its own, so such a DoFn emits in the global window and takes input only
 * from it.
 */
public final class GlobalBundles {
  /**
   * The most a bundle's result should carry in one element, encoded. Such results feed combines,
   * and Flink's pre-shuffle combiner must fit each input element into its sort buffer, a share of
   * the managed memory: a scale-100 day's 80 MB array of key hashes failed there ("Record too
   * large"). A DoFn that gathers more emits several elements.
   */
  public static final int MAX_RECORD_BYTES = 512 << 10;

  private GlobalBundles() {}

  /** Refuses {@code input} unless it is in the global window; {@code what} names it in the message. */
  public static void requireGlobalWindow(PCollection<?> input, String what) {
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(what + " must be in the global window (a bundle's result is emitted there)");
    }
  }

  /** Emits a bundle's result in the global window. */
  public static <T> void emit(DoFn<?, T>.FinishBundleContext c, T result) {
    c.output(result, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
  }
}
