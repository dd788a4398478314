package io.ecompipeline.transforms.dimensions;

import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.ColumnType;
import io.ecompipeline.transforms.schema.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Builds an SCD Type 2 dimension from the full history of its members (contract §4): per member,
 * versions ordered by updated_at (ties: ingest_date, source_file, source_line, the later wins);
 * a change in any tracked column opens a version whose valid_from is that updated_at (NULL ↔ value
 * is a change, NULL = NULL is not); versions without a tracked change are absorbed; type-1 columns
 * take the member's latest value in every version. Because it is rebuilt from the whole history,
 * a late change splits the version it falls into exactly as if it had arrived in order. The
 * unknown member (key -1) is added.
 */
public final class BuildScd2Dimension extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** valid_to of the current version. */
  public static final Instant OPEN_END = Instant.parse("9999-12-31T00:00:00Z");
  /** valid_from of the unknown member. */
  public static final Instant UNKNOWN_FROM = Instant.parse("1900-01-01T00:00:00Z");
  /** Natural key and text attributes of the unknown member. */
  public static final String UNKNOWN_TEXT = "unknown";

  private final Scd2Spec spec;

  private BuildScd2Dimension(Scd2Spec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  public static BuildScd2Dimension of(Scd2Spec spec) {
    return new BuildScd2Dimension(spec);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> history) {
    String naturalKey = spec.naturalKey();
    PCollection<Row> versions =
        history
            .apply(
                "KeyByMember",
                WithKeys.of((SerializableFunction<Row, String>) r -> r.getString(naturalKey))
                    .withKeyType(TypeDescriptors.strings()))
            .apply("GatherHistoryOfMember", GroupByKey.create())
            .apply("OpenAVersionPerTrackedChange", ParDo.of(new VersionsFn(spec)))
            .setCoder(spec.output().rowCoder());
    PCollection<Row> unknown =
        history
            .getPipeline()
            .apply("UnknownMember", Create.of(List.of(unknownMember(spec))).withCoder(spec.output().rowCoder()));
    return PCollectionList.of(versions).and(unknown).apply("WithUnknownMember", Flatten.pCollections());
  }

  private static final class VersionsFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    private final Scd2Spec spec;

    VersionsFn(Scd2Spec spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> member, OutputReceiver<Row> out) {
      versionsOf(member.getKey(), member.getValue(), spec).forEach(out::output);
    }
  }

  /** The history's order: updated_at, then ingest_date, source_file, source_line (later wins). */
  static final Comparator<Row> HISTORY_ORDER =
      Comparator.<Row, Instant>comparing(r -> r.getValue("updated_at"))
          .thenComparing(r -> r.<LocalDate>getValue("ingest_date"))
          .thenComparing(r -> r.getString("source_file"))
          .thenComparing(r -> r.getInt64("source_line"));

  /** The versions of one member, from all its history rows. */
  static List<Row> versionsOf(String id, Iterable<Row> history, Scd2Spec spec) {
    List<Row> ordered =
        StreamSupport.stream(history.spliterator(), false).sorted(HISTORY_ORDER).toList();
    // Two rows with the same updated_at would open two versions with one valid_from: the later wins.
    List<Row> distinct = new ArrayList<>();
    for (Row r : ordered) {
      int last = distinct.size() - 1;
      if (last >= 0 && distinct.get(last).getValue("updated_at").equals(r.getValue("updated_at"))) {
        distinct.set(last, r);
      } else {
        distinct.add(r);
      }
    }
    Row latest = distinct.get(distinct.size() - 1);
    List<Row> openings = new ArrayList<>();
    Row previous = null;
    for (Row r : distinct) {
      if (previous == null || trackedChanged(previous, r, spec.tracked())) {
        openings.add(r);
      }
      previous = r;
    }
    List<Row> versions = new ArrayList<>();
    for (int i = 0; i < openings.size(); i++) {
      Row opening = openings.get(i);
      Instant validFrom = opening.getValue("updated_at");
      boolean current = i == openings.size() - 1;
      Instant validTo = current ? OPEN_END : openings.get(i + 1).getValue("updated_at");
      Table.RowBuilder b =
          spec.output().row()
              .withFieldValue(spec.keyColumn(), SurrogateKeys.of(id, validFrom))
              .withFieldValue(spec.naturalKey(), id);
      for (String c : spec.tracked()) {
        b = b.withFieldValue(c, opening.getValue(c));
      }
      for (String c : spec.type1()) {
        b = b.withFieldValue(c, latest.getValue(c));
      }
      versions.add(
          b.withFieldValue("valid_from", validFrom)
              .withFieldValue("valid_to", validTo)
              .withFieldValue("is_current", current)
              .withFieldValue("version", i + 1)
              .build());
    }
    return versions;
  }

  private static boolean trackedChanged(Row previous, Row next, List<String> tracked) {
    for (String c : tracked) {
      Object a = previous.getValue(c);
      Object b = next.getValue(c);
      boolean same =
          a instanceof BigDecimal x && b instanceof BigDecimal y
              ? x.compareTo(y) == 0
              : Objects.equals(a, b);
      if (!same) {
        return true;
      }
    }
    return false;
  }

  /** Key -1, text attributes {@code unknown}, other attributes null, valid for all time. */
  static Row unknownMember(Scd2Spec spec) {
    Table.RowBuilder b =
        spec.output().row()
            .withFieldValue(spec.keyColumn(), SurrogateKeys.UNKNOWN)
            .withFieldValue(spec.naturalKey(), UNKNOWN_TEXT);
    for (Column c : spec.output().columns()) {
      boolean attribute = spec.tracked().contains(c.name()) || spec.type1().contains(c.name());
      if (attribute && c.type() == ColumnType.STRING) {
        b = b.withFieldValue(c.name(), UNKNOWN_TEXT);
      }
    }
    return b.withFieldValue("valid_from", UNKNOWN_FROM)
        .withFieldValue("valid_to", OPEN_END)
        .withFieldValue("is_current", true)
        .withFieldValue("version", 1)
        .build();
  }
}
