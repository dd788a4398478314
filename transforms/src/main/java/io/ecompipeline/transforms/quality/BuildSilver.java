package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Bronze → silver for one run (contract §3): validate each entity and quarantine what fails,
 * merge today's valid rows with the previous silver (latest version per key, plus every version
 * of customers and products in their history tables), check references, partition orders and
 * lines. Reading bronze and previous silver and writing the outputs are the caller's: inputs and
 * outputs are PCollections, so the whole step is testable in memory.
 */
public final class BuildSilver extends PTransform<PBegin, SilverResult> {
  /** Tables whose history of versions is kept next to the latest table. */
  public static final Map<Table, Table> HISTORIES =
      Map.of(SilverTables.CUSTOMERS, SilverTables.CUSTOMERS_HISTORY, SilverTables.PRODUCTS, SilverTables.PRODUCTS_HISTORY);

  private final LocalDate runDate;
  private final QualityRules rules;
  private final Map<Table, PCollection<BronzeRecord>> bronze;
  private final Map<Table, PCollection<Row>> previous;
  private final Map<Table, String> mergedInPlace;
  private final Set<Table> passingThrough;
  private final Clickstream clickstream;

  /** What the run needs of the silver clickstream besides its files to write. */
  private enum Clickstream { WHOLE, TOUCHED_SESSIONS, NOTHING_MORE }

  private BuildSilver(LocalDate runDate, QualityRules rules, Map<Table, PCollection<BronzeRecord>> bronze,
      Map<Table, PCollection<Row>> previous, Map<Table, String> mergedInPlace, Set<Table> passingThrough,
      Clickstream clickstream) {
    super("Build silver " + runDate);
    this.runDate = runDate;
    this.rules = rules;
    this.bronze = bronze;
    this.previous = previous;
    this.mergedInPlace = mergedInPlace;
    this.passingThrough = passingThrough;
    this.clickstream = clickstream;
  }

  public static BuildSilver forRun(LocalDate runDate, QualityRules rules) {
    if (runDate == null || rules == null) {
      throw new IllegalArgumentException("BuildSilver needs a run date and quality rules");
    }
    return new BuildSilver(runDate, rules, Map.of(), Map.of(), Map.of(), Set.of(), Clickstream.WHOLE);
  }

  /** Today's bronze records per entity; a missing entity has no records today. */
  public BuildSilver withBronze(Map<Table, PCollection<BronzeRecord>> bronzeByEntity) {
    return new BuildSilver(runDate, rules, Map.copyOf(bronzeByEntity), previous, mergedInPlace, passingThrough, clickstream);
  }

  /** The silver rows of the previous run per table (entities and histories); a missing table is empty. */
  public BuildSilver withPreviousSilver(Map<Table, PCollection<Row>> previousByTable) {
    return new BuildSilver(runDate, rules, bronze, Map.copyOf(previousByTable), mergedInPlace, passingThrough, clickstream);
  }

  /**
   * Tables (entities or histories) whose previous rows not met by one of today's keys skip the
   * merge's grouping ({@link LatestByNaturalKey#passingUntouchedThrough()}): for tables whose
   * history is large against a day. The rows are the same either way.
   */
  public BuildSilver withUntouchedPassingThrough(Set<Table> tables) {
    return new BuildSilver(runDate, rules, bronze, previous, mergedInPlace, Set.copyOf(tables), clickstream);
  }

  /**
   * Tables (entities or histories) merged with their previous silver files by {@link
   * IncrementalMerge} (the folder of each table's files) instead of with previous rows: only the
   * files holding a key seen today are read back and rewritten. Their files must each hold one
   * partition and first-arrival date.
   */
  public BuildSilver withIncrementalMerge(Map<Table, String> tableDirs) {
    return new BuildSilver(runDate, rules, bronze, previous, Map.copyOf(tableDirs), passingThrough, clickstream);
  }

  /**
   * Instead of the whole silver clickstream, gives the sessions today changes ({@link
   * SilverResult#touchedSessions()}); the clickstream must be merged incrementally. Its untouched
   * files are then not read at all, except for their session column.
   */
  public BuildSilver withTouchedSessionsOnly() {
    return withClickstream(Clickstream.TOUCHED_SESSIONS);
  }

  /**
   * For a run that stops at silver: the clickstream and the histories merged incrementally give
   * only their files to write, neither their whole tables nor the clickstream's touched sessions.
   * The clickstream must be merged incrementally.
   */
  public BuildSilver stoppingAtSilver() {
    return withClickstream(Clickstream.NOTHING_MORE);
  }

  private BuildSilver withClickstream(Clickstream wanted) {
    if (!mergedInPlace.containsKey(SilverTables.CLICKSTREAM)) {
      throw new IllegalStateException("only a clickstream merged incrementally (withIncrementalMerge) is written without being read whole");
    }
    return new BuildSilver(runDate, rules, bronze, previous, mergedInPlace, passingThrough, wanted);
  }

  @Override
  public SilverResult expand(PBegin begin) {
    Map<Table, PCollection<Row>> todayValid = new HashMap<>();
    Map<Table, PCollection<Row>> silver = new HashMap<>();
    Map<Table, IncrementalMerge.Result> merges = new HashMap<>();
    TouchedSessions.Result sessions = null;
    List<PCollection<QuarantineRecord>> quarantine = new ArrayList<>();
    for (Table entity : SilverTables.ENTITIES) {
      ValidationResult validated = bronze(begin, entity).apply(ValidateRecords.of(entity, rules, runDate));
      quarantine.add(validated.quarantined());
      todayValid.put(entity, validated.valid());
      Table history = HISTORIES.get(entity);
      if (clickstream != Clickstream.WHOLE && entity.equals(SilverTables.CLICKSTREAM)) {
        IncrementalMerge.Result merge = mergeIntoFiles(validated.valid(), entity, entity, false, merges, silver);
        if (clickstream == Clickstream.TOUCHED_SESSIONS) {
          sessions = validated.valid().apply(TouchedSessions.of(mergedInPlace.get(entity), merge));
        }
      } else if (mergedInPlace.containsKey(entity)) {
        mergeIntoFiles(validated.valid(), entity, entity, true, merges, silver);
      } else if (history == null) {
        silver.put(entity, validated.valid().apply(latest(begin, entity)));
      } else {
        // The history decides what is accepted: a late change enters it even when it loses the latest table.
        silver.put(entity, validated.valid()
            .apply(latest(begin, entity).withoutCounting()));
        if (mergedInPlace.containsKey(history)) {
          mergeIntoFiles(validated.valid(), history, entity, clickstream != Clickstream.NOTHING_MORE, merges, silver);
        } else {
          silver.put(history, validated.valid().apply(latest(begin, history).countingAs(entity.name())));
        }
      }
    }
    ReferenceResult refs = begin.apply(CheckReferences.of(
        silver.get(SilverTables.CUSTOMERS), silver.get(SilverTables.PRODUCTS), silver.get(SilverTables.ORDERS),
        silver.get(SilverTables.ORDER_ITEMS), silver.get(SilverTables.PAYMENTS)));
    PCollection<QuarantineRecord> quarantined = PCollectionList.of(quarantine)
        .apply("All quarantined", Flatten.pCollections())
        .setCoder(QuarantineRecord.RecordCoder.of());
    PCollection<KV<String, String>> facts = begin.apply(QualityFacts.of(rules, todayValid));
    return new SilverResult(begin.getPipeline(), silver, merges, refs, quarantined, facts, sessions);
  }

  /**
   * Merges today's {@code valid} rows of {@code table} into its files ({@link IncrementalMerge}),
   * counted as {@code entity}'s, into {@code merges}; with {@code whole}, the whole merged table
   * into {@code silver} too.
   */
  private IncrementalMerge.Result mergeIntoFiles(PCollection<Row> valid, Table table, Table entity, boolean whole,
      Map<Table, IncrementalMerge.Result> merges, Map<Table, PCollection<Row>> silver) {
    IncrementalMerge merge = IncrementalMerge.of(table, mergedInPlace.get(table)).countingAs(entity.name());
    IncrementalMerge.Result merged = valid.apply(whole ? merge : merge.withoutWholeTable());
    merges.put(table, merged);
    if (whole) {
      silver.put(table, merged.table());
    }
    return merged;
  }

  /** The merge of {@code table}'s rows of today with its previous silver rows. */
  private LatestByNaturalKey latest(PBegin begin, Table table) {
    LatestByNaturalKey merge = LatestByNaturalKey.of(table).withPrevious(previous(begin, table));
    return passingThrough.contains(table) ? merge.passingUntouchedThrough() : merge;
  }

  private PCollection<BronzeRecord> bronze(PBegin begin, Table entity) {
    PCollection<BronzeRecord> b = bronze.get(entity);
    return b != null ? b : begin.apply("No bronze " + entity.name(), Create.empty(BronzeRecord.RecordCoder.of()));
  }

  private PCollection<Row> previous(PBegin begin, Table table) {
    PCollection<Row> p = previous.get(table);
    return p != null ? p
        : begin.apply("No previous " + table.name(), Create.empty(table.rowCoder()));
  }
}
