package io.ecompipeline.transforms.testing;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.quality.QualityRules;
import io.ecompipeline.transforms.quality.RecordValidator;
import io.ecompipeline.transforms.schema.Table;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/** Hand-written bronze records and silver rows for tests. */
public final class Records {
  private Records() {}

  public static String file(Table t, LocalDate day, String name) {
    return "/lake/bronze/" + t.name() + "/ingest_date=" + day + "/" + name;
  }

  /** A bronze record of {@code t} read from {@code name} on {@code day}, line {@code line}; kv = field, value, …. */
  public static BronzeRecord bronze(Table t, LocalDate day, String name, long line, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
      raw.append(i == 0 ? "" : ",").append(kv[i + 1]);
    }
    return BronzeRecord.of(t.name(), m, raw.toString(), file(t, day, name), line, day);
  }

  /** The silver row the default rules make of a bronze record (fails the test if it is invalid). */
  public static Row silver(Table t, LocalDate day, String name, long line, String... kv) {
    RecordValidator.Outcome o = new RecordValidator(t, QualityRules.defaults(), day).validate(bronze(t, day, name, line, kv));
    if (!o.isValid()) {
      throw new AssertionError("test row is invalid: " + o.message());
    }
    return o.row();
  }
}
