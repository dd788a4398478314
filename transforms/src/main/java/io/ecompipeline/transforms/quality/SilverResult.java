package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.facts.JoinByOrderId;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.util.NamedOutputs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;

/** Everything {@link BuildSilver} produces: the silver tables, the partitioned orders and lines, quarantine and quality facts. */
public final class SilverResult extends NamedOutputs {
  private final Map<Table, PCollection<Row>> tables;
  private final Map<Table, IncrementalMerge.Result> merges;
  private final Map<Table, PCollection<KV<String, Row>>> partitioned;
  private final PCollection<QuarantineRecord> quarantined;
  private final PCollection<KV<String, String>> qualityFacts;
  private final TouchedSessions.Result touchedSessions;
  private final PCollection<KV<String, CoGbkResult>> byOrderId;

  SilverResult(Pipeline pipeline, Map<Table, PCollection<Row>> tables, Map<Table, IncrementalMerge.Result> merges,
      ReferenceResult refs, PCollection<QuarantineRecord> quarantined,
      PCollection<KV<String, String>> qualityFacts, TouchedSessions.Result touchedSessions) {
    super(pipeline);
    this.tables = Map.copyOf(tables);
    this.merges = Map.copyOf(merges);
    this.partitioned = Map.of(
        SilverTables.ORDERS, refs.ordersByPartition(), SilverTables.ORDER_ITEMS, refs.orderItemsByPartition());
    this.byOrderId = refs.byOrderId();
    this.quarantined = quarantined;
    this.qualityFacts = qualityFacts;
    this.touchedSessions = touchedSessions;
  }

  /** The merged silver table (one of the 7 entities or the 2 histories), in its {@code SilverTables} schema. */
  public PCollection<Row> table(Table table) {
    PCollection<Row> t = tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("no whole silver table " + table + "; silver has " + tables.keySet()
          + (touchedSessions != null ? " (and the touched sessions of the clickstream)" : ""));
    }
    return t;
  }

  /** Whether {@link #table} gives {@code table} whole (not for what a run stopping at silver leaves unread). */
  public boolean hasTable(Table table) {
    return tables.containsKey(table);
  }

  /**
   * The rows of {@code table} to write: the whole table, or for a table merged incrementally only
   * its rewritten files' rows ({@link #replacedFiles} says which live files they replace).
   */
  public PCollection<Row> toWrite(Table table) {
    IncrementalMerge.Result merge = merges.get(table);
    return merge != null ? merge.rewritten() : table(table);
  }

  /** For a table merged incrementally, its live files that the written ones replace; otherwise null (all of them). */
  public PCollection<String> replacedFiles(Table table) {
    IncrementalMerge.Result merge = merges.get(table);
    return merge != null ? merge.replacedFiles() : null;
  }

  /** Orders or order lines keyed by partition directory, e.g. {@code order_date=2024-03-01/customer_region=north}. */
  public PCollection<KV<String, Row>> partitioned(Table table) {
    PCollection<KV<String, Row>> t = partitioned.get(table);
    if (t == null) {
      throw new IllegalArgumentException(table + " is not partitioned; only orders and order_items are");
    }
    return t;
  }

  /**
   * The merged silver orders with their lines and payments, grouped by order_id ({@link
   * JoinByOrderId}): the join the referential checks made, for gold's facts to read too.
   */
  public PCollection<KV<String, CoGbkResult>> byOrderId() {
    return byOrderId;
  }

  /** Every rejected record of the run, all entities. */
  public PCollection<QuarantineRecord> quarantined() {
    return quarantined;
  }

  /** With {@link BuildSilver#withTouchedSessionsOnly()}: the clickstream sessions today changes; otherwise null. */
  public TouchedSessions.Result touchedSessions() {
    return touchedSessions;
  }

  /** Freshness and outlier facts (see {@link QualityFacts}). */
  public PCollection<KV<String, String>> qualityFacts() {
    return qualityFacts;
  }

  @Override
  protected Map<String, PValue> outputs() {
    Map<String, PValue> all = new LinkedHashMap<>();
    tables.forEach((t, p) -> all.put("silver." + t.name(), p));
    merges.forEach((t, m) -> {
      all.put("rewritten." + t.name(), m.rewritten());
      all.put("replaced." + t.name(), m.replacedFiles());
    });
    partitioned.forEach((t, p) -> all.put("partitioned." + t.name(), p));
    all.put("byOrderId", byOrderId);
    all.put("quarantined", quarantined);
    all.put("qualityFacts", qualityFacts);
    if (touchedSessions != null) {
      all.put("sessions.before", touchedSessions.before());
      all.put("sessions.after", touchedSessions.after());
    }
    return all;
  }
}
