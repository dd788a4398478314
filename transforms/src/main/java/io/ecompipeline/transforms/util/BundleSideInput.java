package io.ecompipeline.transforms.util;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A side input fetched once per bundle and window instead of once per element. On Flink every
 * {@code sideInput()} call builds its "not available" error message (the view's coder rendered as
 * text) before looking the value up: for the facts, a third of their CPU. The owning DoFn calls
 * {@link #reset()} from its {@code @StartBundle}.
 */
public final class BundleSideInput<T> implements Serializable {
  private final PCollectionView<T> view;
  private transient BoundedWindow window;
  private transient T value;

  private BundleSideInput(PCollectionView<T> view) {
    this.view = view;
  }

  public static <T> BundleSideInput<T> of(PCollectionView<T> view) {
    return new BundleSideInput<>(view);
  }

  public PCollectionView<T> view() {
    return view;
  }

  public T get(DoFn<?, ?>.ProcessContext c, BoundedWindow w) {
    if (window == null || !window.equals(w)) {
      value = c.sideInput(view);
      window = w;
    }
    return value;
  }

  public void reset() {
    window = null;
    value = null;
  }
}
