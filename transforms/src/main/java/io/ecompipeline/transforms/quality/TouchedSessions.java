package io.ecompipeline.transforms.quality;

import io.ecompipeline.transforms.io.LakePaths;
import io.ecompipeline.transforms.io.MatchedFiles;
import io.ecompipeline.transforms.io.ParquetFileRows;
import io.ecompipeline.transforms.io.WholeFileFn;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.util.NamedOutputs;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.coders.Coder;

/**
 * The clickstream sessions a day changes, with every event of each as silver held it before the
 * day's merge and as it holds it after: what the conversion funnel needs to be corrected instead
 * of rebuilt from the whole clickstream. A session is touched when one of today's events names it
 * or one of today's events was in it before (an event can move to another session).
 *
 * <p>Input: today's valid events, merged by {@code merge} into the files under {@code
 * clickstreamDir}. The read-back files give all their rows, before and after the merge; every
 * other file is read only when its session column names a touched session, and gives that
 * session's rows. Untouched sessions that come along (the other rows of the read-back files, a
 * hash collision) have the same events before and after, so whatever the funnel makes of them
 * cancels: only the touched sessions must be complete.
 */
public final class TouchedSessions extends PTransform<PCollection<Row>, TouchedSessions.Result> {
  private static final String SESSION = "session_id";
  /** The counter of the clickstream files left unread because their sessions lie outside the touched ones. */
  static final String FILES_OUTSIDE_SESSIONS = "outside_sessions.clickstream.files";

  private final String clickstreamDir;
  private final IncrementalMerge.Result merge;

  private TouchedSessions(String clickstreamDir, IncrementalMerge.Result merge) {
    super("Sessions touched today");
    this.clickstreamDir = clickstreamDir;
    this.merge = merge;
  }

  public static TouchedSessions of(String clickstreamDir, IncrementalMerge.Result merge) {
    return new TouchedSessions(clickstreamDir, merge);
  }

  @Override
  public Result expand(PCollection<Row> today) {
    Coder<Row> coder = SilverTables.CLICKSTREAM.rowCoder();
    PCollectionView<Iterable<KeyHashes>> sessions = PCollectionList.of(today).and(merge.superseded())
        .apply("Events today names", Flatten.pCollections())
        .apply("Their sessions", ParDo.of(new SessionsOfEvents()))
        .apply("Touched sessions", KeyHashes.collected());
    PCollectionView<List<String>> replaced = merge.replacedFiles().apply("Read-back files", View.asList());
    PCollection<Row> elsewhere = today.getPipeline()
        .apply("Clickstream files", MatchedFiles.of(LakePaths.join(clickstreamDir, "**.parquet")))
        .apply("Their events in other files", ParDo.of(WholeFileFn.of(
                new EventsOfSessions(IncrementalMerge.relativeTo(clickstreamDir), sessions, replaced), today.getPipeline().getOptions()))
            .withSideInputs(sessions, replaced))
        .setCoder(coder);
    PCollection<Row> before = PCollectionList.of(merge.readBack()).and(elsewhere)
        .apply("Touched sessions before", Flatten.pCollections())
        .setCoder(coder);
    PCollection<Row> after = PCollectionList.of(merge.rewritten()).and(elsewhere)
        .apply("Touched sessions after", Flatten.pCollections())
        .setCoder(coder);
    return new Result(today.getPipeline(), before, after);
  }

  /** Each event's session, once per bundle: a day's events come session by session, ten or so each. */
  static final class SessionsOfEvents extends DoFn<Row, String> {
    private transient Set<String> seen;

    @StartBundle
    public void startBundle() {
      seen = new HashSet<>();
    }

    @ProcessElement
    public void process(@Element Row event, OutputReceiver<String> out) {
      String session = event.getString(SESSION);
      if (seen.add(session)) {
        out.output(session);
      }
    }
  }

  /** The events of touched sessions in the files that were not read back: read whole only when the session column names one. */
  static final class EventsOfSessions implements WholeFileFn.Reader<Row> {
    private final SerializableFunction<FileIO.ReadableFile, String> relative;
    private final PCollectionView<Iterable<KeyHashes>> sessions;
    private final PCollectionView<List<String>> replaced;
    private final Counter outsideSessions = SilverCounters.counter(FILES_OUTSIDE_SESSIONS);

    EventsOfSessions(SerializableFunction<FileIO.ReadableFile, String> relative, PCollectionView<Iterable<KeyHashes>> sessions,
        PCollectionView<List<String>> replaced) {
      this.relative = relative;
      this.sessions = sessions;
      this.replaced = replaced;
    }

    @Override
    public void read(DoFn<FileIO.ReadableFile, Row>.ProcessContext c) throws IOException {
      FileIO.ReadableFile file = c.element();
      KeyHashes touched = KeyHashes.from(c.sideInput(sessions));
      Set<String> readBack = new HashSet<>(c.sideInput(replaced));
      if (touched.size() == 0 || readBack.contains(relative.apply(file)) || !mayHoldAny(touched, file)
          || !ParquetFileRows.anyRow(file, SilverTables.CLICKSTREAM, List.of(SESSION), v -> touched.mightContain(v.get(0)))) {
        return;
      }
      ParquetFileRows.forEachRow(file, SilverTables.CLICKSTREAM, e -> {
        if (touched.mightContain(e.getString(SESSION))) {
          c.output(e);
        }
      });
    }

    /** False for a file whose sessions' statistics lie outside the touched ones: then it is not searched. */
    private boolean mayHoldAny(KeyHashes touched, FileIO.ReadableFile file) throws IOException {
      if (touched.mayBeIn(file, SESSION)) {
        return true;
      }
      outsideSessions.inc();
      return false;
    }
  }

  /** The touched sessions' events, before and after the day's merge. */
  public static final class Result extends NamedOutputs {
    private final PCollection<Row> before;
    private final PCollection<Row> after;

    Result(Pipeline pipeline, PCollection<Row> before, PCollection<Row> after) {
      super(pipeline);
      this.before = before;
      this.after = after;
    }

    /** Every event silver held, before today, of each touched session. */
    public PCollection<Row> before() {
      return before;
    }

    /** Every event silver holds, after today's merge, of each touched session. */
    public PCollection<Row> after() {
      return after;
    }

    @Override
    protected Map<String, PValue> outputs() {
      Map<String, PValue> all = new LinkedHashMap<>();
      all.put("before", before);
      all.put("after", after);
      return all;
    }
  }
}
