package io.ecompipeline.transforms.facts;

import io.ecompipeline.transforms.dimensions.SurrogateKeys;
import io.ecompipeline.transforms.schema.GoldTables;
import io.ecompipeline.transforms.schema.Table;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The point-in-time rule of contract §4, in one place: a fact takes the dimension version whose
 * [valid_from, valid_to) holds its instant; a fact older than the member's first version takes the
 * first version; a member that does not exist gives -1. Versions travel as a side input (natural
 * key → versions) so that popular members never become hot keys.
 */
public final class PointInTimeLookup {
  private PointInTimeLookup() {}

  /**
   * The customer versions as the side input both fact tables look customers up in: build it once
   * and give it to both ({@code withCustomerVersions}), as every worker materialises each view.
   */
  public static PCollectionView<Map<String, Iterable<VersionSpan>>> customerVersions(PCollection<Row> dimCustomer) {
    return versionsByNaturalKey(dimCustomer, GoldTables.DIM_CUSTOMER, "customer_id", "customer_key");
  }

  /** The spans of the known versions of a dimension, by natural key, as a side input. */
  static PCollectionView<Map<String, Iterable<VersionSpan>>> versionsByNaturalKey(
      PCollection<Row> dimension, Table table, String naturalKey, String keyColumn) {
    return dimension
        .apply(
            "KnownMembersOf" + table.name(),
            Filter.by((SerializableFunction<Row, Boolean>) r -> r.getInt64(keyColumn) != SurrogateKeys.UNKNOWN))
        .apply(
            "ByNaturalKeyOf" + table.name(),
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(VersionSpan.class)))
                .via((Row r) -> KV.of(r.getString(naturalKey), new VersionSpan(
                    Table.epochMicros(r.getValue("valid_from")), Table.epochMicros(r.getValue("valid_to")),
                    r.getInt64(keyColumn)))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VersionSpan.CODER))
        .apply("VersionsOf" + table.name(), View.asMultimap());
  }

  /** The key of the version valid at {@code ts}, or -1 when the member has no version. */
  static long keyAt(Iterable<VersionSpan> versions, Instant ts) {
    if (versions == null) {
      return SurrogateKeys.UNKNOWN;
    }
    long micros = Table.epochMicros(ts);
    VersionSpan first = null;
    for (VersionSpan v : versions) {
      if (v.holds(micros)) {
        return v.key();
      }
      if (first == null || v.validFrom() < first.validFrom()) {
        first = v;
      }
    }
    return first == null ? SurrogateKeys.UNKNOWN : first.key();
  }
}
