package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.util.ExactDecimalCoder;
import io.ecompipeline.transforms.util.GlobalBundles;
import io.ecompipeline.transforms.util.MergePerBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Named partial sums of one aggregate row (counts, money, distinct ids, min and max), which merge
 * associatively, so every aggregate is "tally each input, then sum the tallies per key".
 */
final class Tally implements Serializable {
  private final TreeMap<String, Long> counts = new TreeMap<>();
  private final TreeMap<String, BigDecimal> amounts = new TreeMap<>();
  private final TreeMap<String, TreeSet<String>> distinct = new TreeMap<>();
  private final TreeMap<String, Long> mins = new TreeMap<>();
  private final TreeMap<String, Long> maxes = new TreeMap<>();

  static Tally of() {
    return new Tally();
  }

  Tally add(String name, long n) {
    counts.merge(name, n, Long::sum);
    return this;
  }

  Tally add(String name, BigDecimal amount) {
    amounts.merge(name, amount, BigDecimal::add);
    return this;
  }

  Tally distinct(String name, String value) {
    distinct.computeIfAbsent(name, k -> new TreeSet<>()).add(value);
    return this;
  }

  Tally minMax(String name, long value) {
    mins.merge(name, value, Math::min);
    maxes.merge(name, value, Math::max);
    return this;
  }

  long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** The sum of an amount at money scale, 0.00 when nothing was added. */
  BigDecimal money(String name) {
    return Decimals.money(amounts.getOrDefault(name, BigDecimal.ZERO));
  }

  long distinctCount(String name) {
    Set<String> values = distinct.get(name);
    return values == null ? 0 : values.size();
  }

  /** The distinct values held, all names together: what makes a tally large. */
  int distinctValues() {
    int n = 0;
    for (Set<String> values : distinct.values()) {
      n += values.size();
    }
    return n;
  }

  long min(String name) {
    return mins.get(name);
  }

  long max(String name) {
    return maxes.get(name);
  }

  Tally merge(Tally other) {
    other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    other.amounts.forEach((k, v) -> amounts.merge(k, v, BigDecimal::add));
    for (Map.Entry<String, TreeSet<String>> e : other.distinct.entrySet()) {
      distinct.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(e.getValue());
    }
    other.mins.forEach((k, v) -> mins.merge(k, v, Math::min));
    other.maxes.forEach((k, v) -> maxes.merge(k, v, Math::max));
    return this;
  }

  static Coder<Tally> coder() {
    return TallyCoder.INSTANCE;
  }

  /**
   * Field by field, sorted by name. Java serialization of the maps (the first coder) was a sixth of
   * a day's CPU, as every pre-combined tally crosses the shuffle.
   */
  private static final class TallyCoder extends AtomicCoder<Tally> {
    static final TallyCoder INSTANCE = new TallyCoder();
    private static final Coder<String> NAME = StringUtf8Coder.of();
    private static final Coder<Long> LONG = VarLongCoder.of();
    private static final Coder<BigDecimal> DECIMAL = ExactDecimalCoder.of();

    @Override
    public void encode(Tally t, OutputStream out) throws IOException {
      encodeMap(t.counts, LONG, out);
      encodeMap(t.amounts, DECIMAL, out);
      VarInt.encode(t.distinct.size(), out);
      for (Map.Entry<String, TreeSet<String>> e : t.distinct.entrySet()) {
        NAME.encode(e.getKey(), out);
        VarInt.encode(e.getValue().size(), out);
        for (String v : e.getValue()) {
          NAME.encode(v, out);
        }
      }
      encodeMap(t.mins, LONG, out);
      encodeMap(t.maxes, LONG, out);
    }

    @Override
    public Tally decode(InputStream in) throws IOException {
      Tally t = new Tally();
      decodeMap(t.counts, LONG, in);
      decodeMap(t.amounts, DECIMAL, in);
      for (int n = VarInt.decodeInt(in); n > 0; n--) {
        TreeSet<String> values = new TreeSet<>();
        t.distinct.put(NAME.decode(in), values);
        for (int m = VarInt.decodeInt(in); m > 0; m--) {
          values.add(NAME.decode(in));
        }
      }
      decodeMap(t.mins, LONG, in);
      decodeMap(t.maxes, LONG, in);
      return t;
    }

    @Override
    public void verifyDeterministic() {}

    private static <V> void encodeMap(TreeMap<String, V> map, Coder<V> values, OutputStream out) throws IOException {
      VarInt.encode(map.size(), out);
      for (Map.Entry<String, V> e : map.entrySet()) {
        NAME.encode(e.getKey(), out);
        values.encode(e.getValue(), out);
      }
    }

    private static <V> void decodeMap(TreeMap<String, V> map, Coder<V> values, InputStream in) throws IOException {
      for (int n = VarInt.decodeInt(in); n > 0; n--) {
        map.put(NAME.decode(in), values.decode(in));
      }
    }
  }

  /** Gives a keyed collection of tallies its coder. */
  static <K> PCollection<KV<K, Tally>> withCoder(PCollection<KV<K, Tally>> tallies, Coder<K> keyCoder) {
    return tallies.setCoder(KvCoder.of(keyCoder, coder()));
  }

  /**
   * A tally whose distinct sets (ids of ~20 bytes) reach this many values leaves its bundle's map at
   * once, within {@link GlobalBundles#MAX_RECORD_BYTES}: a date's order ids at scale 100 would not.
   */
  static final int MAX_DISTINCT_IN_BUNDLE = GlobalBundles.MAX_RECORD_BYTES / 32;

  /** Sums the tallies of each key (in the global window). */
  static <K> SumPerKey<K> sumPerKey() {
    return new SumPerKey<>(MergePerBundle.MAX_KEYS, MAX_DISTINCT_IN_BUNDLE);
  }

  /**
   * Sums per key within each bundle first, then across bundles with a combine. Flink's combine
   * sorts every input element before merging, comparing serialized keys; most aggregates have few
   * keys (dates, categories, products), so a map here leaves the sort about one tally per key and
   * bundle. Tallies sum in any order, so the result is the same.
   */
  static final class SumPerKey<K> extends PTransform<PCollection<KV<K, Tally>>, PCollection<KV<K, Tally>>> {
    private final int maxKeysInBundle;
    private final int maxDistinctInBundle;

    SumPerKey(int maxKeysInBundle, int maxDistinctInBundle) {
      this.maxKeysInBundle = maxKeysInBundle;
      this.maxDistinctInBundle = maxDistinctInBundle;
    }

    @Override
    public PCollection<KV<K, Tally>> expand(PCollection<KV<K, Tally>> tallies) {
      GlobalBundles.requireGlobalWindow(tallies, "tallies");
      // A fresh sum per key: an input element must not be modified.
      return tallies
          .apply("SumInEachBundle", ParDo.of(new MergePerBundle<KV<K, Tally>, K, Tally>(
              KV::getKey, t -> new Tally().merge(t.getValue()), (sum, t) -> sum.merge(t.getValue()), maxKeysInBundle,
              sum -> sum.distinctValues() >= maxDistinctInBundle)))
          .setCoder(tallies.getCoder())
          .apply("SumAcrossBundles", Combine.perKey(new SumFn()));
    }
  }

  private static final class SumFn extends Combine.CombineFn<Tally, Tally, Tally> {
    @Override
    public Tally createAccumulator() {
      return new Tally();
    }

    @Override
    public Tally addInput(Tally acc, Tally input) {
      return acc.merge(input);
    }

    @Override
    public Tally mergeAccumulators(Iterable<Tally> accs) {
      Tally merged = new Tally();
      accs.forEach(merged::merge);
      return merged;
    }

    @Override
    public Tally extractOutput(Tally acc) {
      return acc;
    }

    @Override
    public Coder<Tally> getAccumulatorCoder(CoderRegistry registry, Coder<Tally> in) {
      return coder();
    }

    @Override
    public Coder<Tally> getDefaultOutputCoder(CoderRegistry registry, Coder<Tally> in) {
      return coder();
    }
  }

  // Value equality, so runners can compare tallies by content (the Direct runner's mutation checks do).
  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && counts.equals(t.counts) && amounts.equals(t.amounts)
        && distinct.equals(t.distinct) && mins.equals(t.mins) && maxes.equals(t.maxes);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(counts, amounts, distinct, mins, maxes);
  }
}
