package io.ecompipeline.transforms.quality;

import static io.ecompipeline.transforms.testing.Records.silver;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.transforms.io.Layouts;
import io.ecompipeline.transforms.io.WriteFiles;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import io.ecompipeline.transforms.testing.Pipelines;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TouchedSessionsTest {
  static final Table T = SilverTables.CLICKSTREAM;
  static final LocalDate D1 = LocalDate.of(2024, 3, 1);
  static final LocalDate D2 = LocalDate.of(2024, 3, 2);

  @TempDir Path tmp;

  static Row event(LocalDate day, long line, String id, String session, String ts) {
    return silver(T, day, "events.jsonl", line, "event_id", id, "session_id", session, "event_type", "page_view",
        "event_ts", ts);
  }

  // Day 1's silver: S1 spans midnight (two files), S2 and S3 share a file, S4 is alone in February.
  static final Row A1 = event(D1, 1, "a1", "S1", "2024-03-01T23:50:00Z");
  static final Row A2 = event(D1, 2, "a2", "S1", "2024-03-02T00:10:00Z");
  static final Row B1 = event(D1, 3, "b1", "S2", "2024-03-01T10:00:00Z");
  static final Row C1 = event(D1, 4, "c1", "S3", "2024-03-01T12:00:00Z");
  static final Row D = event(D1, 5, "d1", "S4", "2024-02-29T12:00:00Z");
  static final Row F = event(D1, 6, "f1", "R9", "2024-02-28T12:00:00Z"); // alone in its file, before S1

  @Test
  void everyEventOfEachTouchedSessionBeforeAndAfterTheMerge() {
    String dir = tmp.resolve("clickstream").toString();
    Pipeline write = Pipelines.create();
    write.apply(WriteFiles.create().parquet(T, dir, write.apply(Create.of(A1, A2, B1, C1, D, F).withRowSchema(T.beamSchema()))
        .apply(WithKeys.of(Layouts.dateOfByArrival("event_date", "event_ts")).withKeyType(TypeDescriptors.strings()))));
    write.run().waitUntilFinish();

    // Day 2: S1 goes on after midnight; c1 is re-sent in session S5 (S3 loses it); S6 is new.
    Row a3 = event(D2, 1, "a3", "S1", "2024-03-02T00:20:00Z");
    Row c1Moved = event(D2, 2, "c1", "S5", "2024-03-01T12:00:00Z");
    Row e1 = event(D2, 3, "e1", "S6", "2024-03-02T13:00:00Z");
    Pipeline p = Pipelines.create();
    PCollection<Row> today = p.apply(Create.of(a3, c1Moved, e1).withRowSchema(T.beamSchema()));
    IncrementalMerge.Result merge = today.apply(IncrementalMerge.of(T, dir).withoutWholeTable());
    TouchedSessions.Result sessions = today.apply(TouchedSessions.of(dir, merge));
    // The read-back file (March 1: a1, b1, c1) comes whole, before and after; of the others only
    // touched sessions' rows: a2 (S1), from a file that holds none of today's keys, not d1 (S4).
    PAssert.that(sessions.before()).containsInAnyOrder(A1, B1, C1, A2);
    PAssert.that(sessions.after()).containsInAnyOrder(A1, B1, c1Moved, a3, e1, A2);
    PAssert.that(merge.rewritten()).containsInAnyOrder(A1, B1, c1Moved, a3, e1);
    PipelineResult r = p.run();
    r.waitUntilFinish();
    // The touched sessions run from S1 to S6: the file of R9 alone is left unread, S4's is searched.
    assertThat(SilverCounters.collect(r).get(TouchedSessions.FILES_OUTSIDE_SESSIONS), equalTo(1L));
  }
}
