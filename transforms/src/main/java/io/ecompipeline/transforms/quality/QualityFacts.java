package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.ExactDecimalCoder;
import io.ecompipeline.transforms.util.GlobalBundles;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * What the quality report needs beyond counters (freshness is one: {@link
 * SilverCounters#newest}), computed from today's valid rows, as a few {@code KV<fact name, value>}:
 *
 * <ul>
 *   <li>{@code outlier.<entity>.<measure>.{count,median,mad,outliers,examples}}: a robust outlier
 *       scan (|x − median| / (1.4826·MAD) above the configured threshold). When MAD is 0 (more
 *       than half the values equal) the mean absolute deviation scaled by 1.2533 is used instead;
 *       when that is 0 too nothing is an outlier. {@code examples} lists up to N outliers as
 *       {@code label=value}, most extreme first.
 * </ul>
 *
 * <p>Measures: {@code orders.order_total} is Σ line_total (quantity × unit_price − discount) of
 * today's valid lines per order; any other measure is a numeric column of the entity itself.
 * The median is exact, computed on one worker: fine for a day's orders (≈100k at scale 10).
 */
public final class QualityFacts extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final QualityRules rules;
  private final Map<Table, PCollection<Row>> todayValid;

  private QualityFacts(QualityRules rules, Map<Table, PCollection<Row>> todayValid) {
    super("Quality facts");
    this.rules = rules;
    this.todayValid = todayValid;
  }

  /** Facts over today's valid rows of each entity (entities absent from the map are skipped). */
  public static QualityFacts of(QualityRules rules, Map<Table, PCollection<Row>> todayValid) {
    return new QualityFacts(rules, Map.copyOf(todayValid));
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin begin) {
    List<PCollection<KV<String, String>>> facts = new ArrayList<>();
    for (QualityRules.Outlier o : rules.outliers()) {
      Measure measure = measure(o);
      if (measure == null) {
        continue;
      }
      GlobalBundles.requireGlobalWindow(measure.rows(), "the rows of quality facts");
      String prefix = "outlier." + o.entity() + "." + o.column();
      facts.add(measure.rows()
          .apply("Values of " + prefix + " in each bundle", ParDo.of(new ValuesPerBundle(prefix, measure)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(LABELLED)))
          .apply("Gather " + prefix, GroupByKey.create())
          .apply("Scan " + prefix, ParDo.of(new ScanOutliers(o.threshold(), o.maxExamples(), measure.summedPerLabel()))));
    }
    if (facts.isEmpty()) {
      return begin.apply(Create.empty(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    }
    return PCollectionList.of(facts).apply("All facts", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  private static final Coder<KV<String, BigDecimal>> LABELLED = KvCoder.of(StringUtf8Coder.of(), ExactDecimalCoder.of());

  /**
   * A measure: the rows it is taken from and each row's labelled value (null when the row has
   * none); with {@code summedPerLabel} the values of one label add up to one (an order's total
   * from its lines).
   */
  private record Measure(PCollection<Row> rows, SerializableFunction<Row, KV<String, BigDecimal>> value, boolean summedPerLabel) {}

  private Measure measure(QualityRules.Outlier o) {
    if (o.entity().equals("orders") && o.column().equals("order_total")) {
      PCollection<Row> lines = todayValid.get(SilverTables.ORDER_ITEMS);
      return lines == null ? null : new Measure(lines, r -> KV.of(r.getString("order_id"), lineTotal(r)), true);
    }
    Table t = SilverTables.ENTITIES.stream().filter(x -> x.name().equals(o.entity())).findFirst().orElseThrow();
    PCollection<Row> rows = todayValid.get(t);
    if (rows == null) {
      return null;
    }
    List<String> key = t.key();
    String column = t.column(o.column()).name();
    return new Measure(rows, r -> {
      Object v = r.getValue(column);
      return v == null ? null
          : KV.of(key.stream().map(k -> String.valueOf(r.<Object>getValue(k))).collect(Collectors.joining("/")), new BigDecimal(v.toString()));
    }, false);
  }

  /** quantity × unit_price − discount_amount (contract §4). */
  public static BigDecimal lineTotal(Row line) {
    return BigDecimal.valueOf(line.getInt32("quantity"))
        .multiply(line.getDecimal("unit_price"))
        .subtract(line.getDecimal("discount_amount"))
        .setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * A bundle's labelled values in lists of at most {@link #MAX_VALUES} (summed per label first when
   * the measure says so), keyed by the measure. The scan needs every value in one place anyway, and
   * a list per bundle is one element for the runner to move and sort instead of one per row.
   */
  static final class ValuesPerBundle extends DoFn<Row, KV<String, List<KV<String, BigDecimal>>>> {
    /** A labelled value is ~25 bytes encoded: a list stays within {@link GlobalBundles#MAX_RECORD_BYTES}. */
    static final int MAX_VALUES = 1 << 14;
    private final String prefix;
    private final SerializableFunction<Row, KV<String, BigDecimal>> value;
    private final boolean summedPerLabel;
    private transient Map<String, BigDecimal> sums;
    private transient List<KV<String, BigDecimal>> values;

    ValuesPerBundle(String prefix, Measure measure) {
      this.prefix = prefix;
      this.value = measure.value();
      this.summedPerLabel = measure.summedPerLabel();
    }

    @StartBundle
    public void startBundle() {
      sums = new HashMap<>();
      values = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, List<KV<String, BigDecimal>>>> out) {
      KV<String, BigDecimal> v = value.apply(row);
      if (v == null) {
        return;
      }
      if (summedPerLabel) {
        sums.merge(v.getKey(), v.getValue(), BigDecimal::add);
      } else {
        values.add(v);
      }
      if (sums.size() + values.size() >= MAX_VALUES) {
        out.output(KV.of(prefix, taken()));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (!sums.isEmpty() || !values.isEmpty()) {
        GlobalBundles.emit(c, KV.of(prefix, taken()));
      }
    }

    private List<KV<String, BigDecimal>> taken() {
      List<KV<String, BigDecimal>> list = values;
      sums.forEach((label, sum) -> list.add(KV.of(label, sum)));
      sums = new HashMap<>();
      values = new ArrayList<>();
      return list;
    }
  }

  /** The scan itself, on all values of one measure (summed per label across bundles when the measure says so). */
  static final class ScanOutliers extends DoFn<KV<String, Iterable<List<KV<String, BigDecimal>>>>, KV<String, String>> {
    private final double threshold;
    private final int maxExamples;
    private final boolean summedPerLabel;

    ScanOutliers(double threshold, int maxExamples, boolean summedPerLabel) {
      this.threshold = threshold;
      this.maxExamples = maxExamples;
      this.summedPerLabel = summedPerLabel;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<List<KV<String, BigDecimal>>>> all, OutputReceiver<KV<String, String>> out) {
      String prefix = all.getKey();
      List<KV<String, BigDecimal>> values = new ArrayList<>();
      if (summedPerLabel) {
        Map<String, BigDecimal> sums = new HashMap<>();
        all.getValue().forEach(list -> list.forEach(v -> sums.merge(v.getKey(), v.getValue(), BigDecimal::add)));
        sums.forEach((label, sum) -> values.add(KV.of(label, sum)));
      } else {
        all.getValue().forEach(values::addAll);
      }
      scan(values, threshold, maxExamples).forEach((k, v) -> out.output(KV.of(prefix + "." + k, v)));
    }
  }

  /** count, median, mad, outliers, examples of a list of labelled values. */
  public static Map<String, String> scan(List<KV<String, BigDecimal>> values, double threshold, int maxExamples) {
    MathContext mc = MathContext.DECIMAL64;
    List<BigDecimal> xs = values.stream().map(KV::getValue).sorted().toList();
    BigDecimal median = median(xs);
    List<BigDecimal> deviations = xs.stream().map(x -> x.subtract(median).abs()).sorted().toList();
    BigDecimal mad = median(deviations);
    BigDecimal scale = mad.multiply(new BigDecimal("1.4826"));
    if (mad.signum() == 0 && !deviations.isEmpty()) {
      BigDecimal meanAd = deviations.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
          .divide(BigDecimal.valueOf(deviations.size()), mc);
      scale = meanAd.multiply(new BigDecimal("1.2533"));
    }
    List<KV<String, BigDecimal>> outliers = new ArrayList<>();
    Map<String, BigDecimal> score = new LinkedHashMap<>();
    if (scale.signum() > 0) {
      for (KV<String, BigDecimal> v : values) {
        BigDecimal z = v.getValue().subtract(median).abs().divide(scale, mc);
        if (z.compareTo(BigDecimal.valueOf(threshold)) > 0) {
          outliers.add(v);
          score.put(v.getKey(), z);
        }
      }
    }
    outliers.sort(Comparator.<KV<String, BigDecimal>, BigDecimal>comparing(v -> score.get(v.getKey())).reversed()
        .thenComparing(KV::getKey));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("count", String.valueOf(values.size()));
    facts.put("median", median.stripTrailingZeros().toPlainString());
    facts.put("mad", mad.stripTrailingZeros().toPlainString());
    facts.put("outliers", String.valueOf(outliers.size()));
    facts.put("examples", outliers.stream().limit(maxExamples)
        .map(v -> v.getKey() + "=" + v.getValue().toPlainString()).collect(Collectors.joining("; ")));
    return facts;
  }

  private static BigDecimal median(List<BigDecimal> sorted) {
    if (sorted.isEmpty()) {
      return BigDecimal.ZERO;
    }
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
  }
}
