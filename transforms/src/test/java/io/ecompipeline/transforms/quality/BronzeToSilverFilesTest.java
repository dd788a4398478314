package io.ecompipeline.transforms.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.ingest.ReadBronze;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on disk through ReadBronze and BuildSilver: every line is accounted for, whatever is wrong with it. */
class BronzeToSilverFilesTest {
  static final LocalDate RUN = LocalDate.of(2024, 3, 1);

  @TempDir Path lake;

  @Test
  void everyBronzeLineIsAcceptedQuarantinedOrADuplicate() throws IOException {
    Path orders = Files.createDirectories(lake.resolve("bronze/orders/ingest_date=" + RUN));
    Files.writeString(orders.resolve("a.csv"), "order_id,customer_id,order_ts,status,currency,updated_at\n"
        + "o1,c1,2024-03-01T10:00:00Z,paid,BRL,2024-03-01T10:00:00Z\n"
        + "o1,c1,2024-03-01T10:00:00Z,PAID,brl,2024-03-01T10:00:00Z\n" // exact re-send
        + "o2,c1,2024-03-01T10:00:00Z,paid,BRL\n" // malformed
        + "o3,c1,2024-03-09T10:00:00Z,paid,BRL,2024-03-01T10:00:00Z\n"); // future
    Files.writeString(orders.resolve("b.csv"), "order_id,order_ts,status,currency,updated_at\n"
        + "o4,2024-03-01T10:00:00Z,paid,BRL,2024-03-01T10:00:00Z\n"
        + "o5,2024-03-01T10:00:00Z,paid,BRL,2024-03-01T10:00:00Z\n"); // no customer_id column
    QualityRules rules = QualityRules.defaults();
    Pipeline p = Pipelines.create();
    SilverResult silver = p.apply(BuildSilver.forRun(RUN, rules).withBronze(Map.of(
        SilverTables.ORDERS, p.apply(ReadBronze.of(lake.toString(), SilverTables.ORDERS, RUN)))));
    PAssert.that(silver.table(SilverTables.ORDERS)).satisfies(it -> {
      assertThat(Pipelines.list(it).size(), equalTo(1));
      return null;
    });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    QualitySummary summary = QualitySummary.of(RUN, SilverCounters.collect(result), Map.of(), rules);
    QualitySummary.EntitySummary o = summary.entity("orders");
    assertThat(o.read(), equalTo(6L));
    assertThat(o.accepted(), equalTo(1L));
    assertThat(o.duplicates(), equalTo(1L));
    assertThat(o.quarantinedByRule(), equalTo(Map.of("missing_column", 2L, "malformed_record", 1L, "future_timestamp", 1L)));
    assertThat(o.identityHolds(), equalTo(true));
    // Six records are below the gate's default minimum volume (100): the breach is a warning, not a failure.
    assertThat(QualityGates.evaluate(summary, rules).isEmpty(), equalTo(true));
    QualityGates.Finding rate = QualityGates.warnings(summary, rules).stream()
        .filter(f -> f.check().equals("reject_rate")).findFirst().orElseThrow();
    assertThat(rate.message(), equalTo("orders: reject rate 66.67% exceeds 5.00% (missing_column 2, future_timestamp 1,"
        + " malformed_record 1); only 6 records read, below the gate's minimum of 100"));
  }
}
