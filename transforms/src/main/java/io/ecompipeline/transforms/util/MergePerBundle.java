package io.ecompipeline.transforms.util;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;

/**
 * Merges a bundle's elements per key in a map of at most {@code maxKeys} keys (emptied into the
 * output whenever it is full, and when the bundle ends), before a combine of the same merge.
 * Flink's combine sorts its input element by element on the serialized key; most keys repeat
 * within a bundle, so the sort then sees about one value per key and bundle. The merge must not
 * depend on the order of elements. Input in the global window only ({@link GlobalBundles}).
 */
public final class MergePerBundle<T, K, A> extends DoFn<T, KV<K, A>> {
  /** The map's bound when the caller has no reason for another. */
  public static final int MAX_KEYS = 50_000;

  private final SerializableFunction<T, K> key;
  private final SerializableFunction<T, A> first;
  private final SerializableBiFunction<A, T, A> add;
  private final int maxKeys;
  private final SerializableFunction<A, Boolean> full;
  private transient Map<K, A> merged;

  /**
   * {@code first} makes a key's value from its first element, {@code add} merges a further element
   * into it (it may update the value in place: values made by {@code first} are this DoFn's own).
   */
  public MergePerBundle(SerializableFunction<T, K> key, SerializableFunction<T, A> first, SerializableBiFunction<A, T, A> add,
      int maxKeys) {
    this(key, first, add, maxKeys, value -> false);
  }

  /**
   * As above, where a value for which {@code full} holds is emitted at once: values that can grow
   * (sets of ids) stay within {@link GlobalBundles#MAX_RECORD_BYTES}.
   */
  public MergePerBundle(SerializableFunction<T, K> key, SerializableFunction<T, A> first, SerializableBiFunction<A, T, A> add,
      int maxKeys, SerializableFunction<A, Boolean> full) {
    this.key = key;
    this.first = first;
    this.add = add;
    this.maxKeys = maxKeys;
    this.full = full;
  }

  @StartBundle
  public void startBundle() {
    merged = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element T element, OutputReceiver<KV<K, A>> out) {
    K k = key.apply(element);
    A value = merged.get(k);
    value = value == null ? first.apply(element) : add.apply(value, element);
    if (full.apply(value)) {
      merged.remove(k);
      out.output(KV.of(k, value));
      return;
    }
    merged.put(k, value);
    if (merged.size() >= maxKeys) {
      merged.forEach((mk, v) -> out.output(KV.of(mk, v)));
      merged.clear();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    merged.forEach((mk, v) -> GlobalBundles.emit(c, KV.of(mk, v)));
    merged.clear();
  }
}
