package io.ecompipeline.pipelines.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ecompipeline.pipelines.ops.MaskPii;
import io.ecompipeline.transforms.aggregates.UpdateConversionFunnel;
import io.ecompipeline.transforms.gold.BuildGold;
import io.ecompipeline.transforms.gold.GoldResult;
import io.ecompipeline.transforms.gold.TouchedMonths;
import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.ingest.ReadBronze;
import io.ecompipeline.transforms.io.LakeFiles;
import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.Layouts;
import io.ecompipeline.transforms.io.ReadTable;
import io.ecompipeline.transforms.io.WriteFiles;
import io.ecompipeline.transforms.quality.BuildSilver;
import io.ecompipeline.transforms.quality.QualityRules;
import io.ecompipeline.transforms.quality.QuarantineRecord;
import io.ecompipeline.transforms.quality.SilverResult;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Beam graph of one ingest date: bronze and the previous silver in; new silver, gold,
 * quarantine and the quality facts out, all written under the run's staging folder.
 */
final class DailyPipeline {
  /** The staged file with the quality facts: one JSON array {@code [key, value]} per line. */
  static final String QUALITY_FACTS = "_quality/facts.jsonl";

  /** The staged lists of live files each incrementally merged silver table replaces: {@code <table>.txt}, a path a line. */
  static final String REPLACED = "_replaced";

  /** The staged list of the months gold was built for, one YYYY-MM a line (when built by month). */
  static final String TOUCHED_MONTHS = "_gold/touched_months.txt";

  /** The silver tables that hold customer PII. */
  static final List<Table> PII_TABLES = List.of(SilverTables.CUSTOMERS, SilverTables.CUSTOMERS_HISTORY);

  private DailyPipeline() {}

  /**
   * With a {@code piiSalt}, the customers' PII is hashed in silver and therefore in gold ({@link
   * MaskPii}). With {@code funnelInStep} (gold's funnel was built from the live silver clickstream,
   * {@link GoldLineage}), the funnel is corrected by the sessions the date touches and the
   * clickstream's untouched files are not read; otherwise it is rebuilt from the whole clickstream.
   * With {@code byMonth} (the previous gold was built from the previous silver, every table of it),
   * the facts and the month-partitioned aggregates are built for the months the date touches only
   * ({@link TouchedMonths}, listed in {@link #TOUCHED_MONTHS}); otherwise gold is built whole.
   * With {@link RunSettings#silverOnly()} the graph ends at silver: neither flag applies.
   */
  static void build(Pipeline p, RunSettings settings, QualityRules rules, LocalDate date, String staging, String piiSalt,
      boolean funnelInStep, boolean byMonth) {
    String lake = settings.lake();
    Map<Table, PCollection<BronzeRecord>> bronze = new HashMap<>();
    for (Table entity : SilverTables.ENTITIES) {
      bronze.put(entity, p.apply("Read bronze " + entity.name(), ReadBronze.of(lake, entity, date).withRules(rules)));
    }
    Map<Table, PCollection<Row>> previous = new HashMap<>();
    Map<Table, String> mergedInPlace = new HashMap<>();
    Set<Table> large = new HashSet<>();
    long largeBytes = Long.getLong(DailyRun.LARGE_PREVIOUS_BYTES, DailyRun.LARGE_PREVIOUS_DEFAULT);
    for (Table table : silverTables()) {
      String dir = LakePaths.silver(lake, table.name());
      if (LakeLayout.SILVER_MERGED_INCREMENTALLY.contains(table)) {
        mergedInPlace.put(table, dir);
      } else {
        previous.put(table, p.apply("Read silver " + table.name(), ReadTable.of(table, dir)));
        if (parquetBytes(dir) >= largeBytes) {
          large.add(table);
        }
      }
    }

    BuildSilver buildSilver = BuildSilver.forRun(date, rules).withBronze(bronze).withPreviousSilver(previous)
        .withIncrementalMerge(mergedInPlace).withUntouchedPassingThrough(large);
    boolean silverOnly = settings.silverOnly();
    SilverResult silver = p.apply(silverOnly ? buildSilver.stoppingAtSilver()
        : funnelInStep ? buildSilver.withTouchedSessionsOnly() : buildSilver);
    Map<Table, PCollection<Row>> silverRows = new HashMap<>();
    for (Table table : silverTables()) {
      if (!LakeLayout.SILVER_PARTITIONED_BY_ORDER.contains(table) && silver.hasTable(table)) {
        silverRows.put(table, masked(silver.table(table), table, piiSalt, ""));
      }
    }

    WriteFiles files = WriteFiles.create();
    for (Table table : silverTables()) {
      PCollection<KV<String, Row>> rows = LakeLayout.SILVER_PARTITIONED_BY_ORDER.contains(table)
          ? silver.partitioned(table).apply("Files of silver " + table.name(),
              MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
                  .via((KV<String, Row> kv) -> KV.of(kv.getKey() + "/" + Layouts.PART, kv.getValue())))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), table.rowCoder()))
          : keyByFile("silver " + table.name(), LakeLayout.SILVER_MERGED_INCREMENTALLY.contains(table)
              ? masked(silver.toWrite(table), table, piiSalt, " to write") : silverRows.get(table), LakeLayout.silver(table));
      files = files.parquet(table, LakePaths.join(staging, "silver", table.name()), LakePaths.silver(lake, table.name()), rows);
      PCollection<String> replaced = silver.replacedFiles(table);
      if (replaced != null) {
        String list = table.name() + ".txt";
        files = files.jsonLines("replaced " + table.name(), LakePaths.join(staging, REPLACED), replaced
            .apply("Files replaced in " + table.name(), MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((String path) -> KV.of(list, path)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
      }
    }
    files = files.jsonLines("quarantine", LakePaths.join(staging, "quarantine"), silver.quarantined()
        .apply("Files of quarantine", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((QuarantineRecord q) -> KV.of(q.entity() + "/ingest_date=" + date + "/part-00000.jsonl", q.toJson())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    files = files.jsonLines("quality_facts", staging, silver.qualityFacts()
        .apply("Encode quality facts", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((KV<String, String> kv) -> KV.of(QUALITY_FACTS, encodeFact(kv))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    if (silverOnly) {
      p.apply("Write silver and quarantine", files);
      return;
    }

    Map<Table, PCollection<Row>> silverForGold = new HashMap<>();
    for (Table t : BuildGold.REQUIRED_SILVER) {
      if (!(funnelInStep && t.equals(SilverTables.CLICKSTREAM))) {
        silverForGold.put(t, silverRows.get(t) != null ? silverRows.get(t) : silver.table(t));
      }
    }
    if (funnelInStep) {
      Table funnel = GoldTables.CONVERSION_FUNNEL_DAILY;
      silverForGold.put(funnel, PCollectionTuple
          .of(UpdateConversionFunnel.PREVIOUS, readGold(p, lake, funnel))
          .and(UpdateConversionFunnel.BEFORE, silver.touchedSessions().before())
          .and(UpdateConversionFunnel.AFTER, silver.touchedSessions().after())
          .apply("Correct " + funnel.name(), UpdateConversionFunnel.create()));
    }
    BuildGold buildGold = BuildGold.create().withFiscalStartMonth(settings.fiscalStartMonth()).withOrdersJoined(silver.byOrderId());
    if (byMonth) {
      buildGold = buildGold.byMonth(touchedMonths(p, lake, date, previous, silver),
          ReadTable.of(GoldTables.FACT_ORDER_LINE, LakePaths.gold(lake, GoldTables.FACT_ORDER_LINE.name())));
    }
    GoldResult gold = BuildGold.input(silverForGold).apply(buildGold);
    if (byMonth) {
      files = files.jsonLines("touched months", staging, gold.touchedMonths()
          .apply("Encode touched months", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
              .via((String month) -> KV.of(TOUCHED_MONTHS, month)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    }
    for (Table table : GoldTables.ALL) {
      files = files.parquet(table, LakePaths.join(staging, "gold", table.name()), LakePaths.gold(lake, table.name()),
          keyByFile("gold " + table.name(), gold.table(table), LakeLayout.gold(table)));
    }
    p.apply("Write silver, gold and quarantine", files);
  }

  /** {@code rows} of {@code table} with their PII hashed when a salt is given and the table holds PII. */
  private static PCollection<Row> masked(PCollection<Row> rows, Table table, String piiSalt, String label) {
    return piiSalt != null && PII_TABLES.contains(table)
        ? rows.apply("Mask PII " + table.name() + label, MaskPii.withSalt(piiSalt)) : rows;
  }

  /** What {@link TouchedMonths} compares today's silver and gold with: the previous silver and gold. */
  private static TouchedMonths touchedMonths(Pipeline p, String lake, LocalDate date, Map<Table, PCollection<Row>> previousSilver,
      SilverResult silver) {
    PCollection<String> replacedPayments = silver.replacedFiles(SilverTables.PAYMENTS);
    return TouchedMonths.since(date, PCollectionTuple
        .of(TouchedMonths.PREVIOUS_ORDERS, previousSilver.get(SilverTables.ORDERS))
        .and(TouchedMonths.PREVIOUS_REVIEWS, previousSilver.get(SilverTables.REVIEWS))
        .and(TouchedMonths.PREVIOUS_DIM_CUSTOMER, readGold(p, lake, GoldTables.DIM_CUSTOMER))
        .and(TouchedMonths.PREVIOUS_DIM_PRODUCT, readGold(p, lake, GoldTables.DIM_PRODUCT))
        .and(TouchedMonths.REPLACED_PAYMENT_FILES, replacedPayments != null ? replacedPayments
            : p.apply("No payment files replaced", Create.empty(StringUtf8Coder.of()))));
  }

  private static PCollection<Row> readGold(Pipeline p, String lake, Table table) {
    return p.apply("Read gold " + table.name(), ReadTable.of(table, LakePaths.gold(lake, table.name())));
  }

  /** The Parquet bytes under {@code dir} (none when it does not exist). */
  private static long parquetBytes(String dir) {
    try {
      return LakeFiles.matchMetadata(LakePaths.join(dir, "**.parquet")).stream().mapToLong(m -> m.sizeBytes()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The seven entities and the two histories: every silver table. */
  static List<Table> silverTables() {
    List<Table> tables = new ArrayList<>(SilverTables.ENTITIES);
    tables.addAll(BuildSilver.HISTORIES.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
    return tables;
  }

  private static PCollection<KV<String, Row>> keyByFile(String name, PCollection<Row> rows, SerializableFunction<Row, String> layout) {
    return rows.apply("Files of " + name, WithKeys.of(layout).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), rows.getCoder()));
  }

  private static String encodeFact(KV<String, String> kv) {
    try {
      return RunManifest.JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(List.of(kv.getKey(), kv.getValue()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
