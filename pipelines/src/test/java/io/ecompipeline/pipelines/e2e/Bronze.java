package io.ecompipeline.pipelines.e2e;

import io.ecompipeline.pipelines.generate.BronzeEntity;
import java.nio.file.Path;

/**
 * Hand-written bronze files, laid out as contract §1 says ({@code bronze/<entity>/ingest_date=D/<file>})
 * with the generator's header names ({@link BronzeEntity#columns()}), so a story test's lake parses
 * exactly like a generated one.
 */
final class Bronze {
  private Bronze() {}

  /** A CSV file of {@code entity} for ingest date {@code date}: the header, then {@code rows} as written. */
  static void csv(Path lake, BronzeEntity entity, String date, String file, String... rows) {
    StringBuilder sb = new StringBuilder(String.join(",", entity.columns())).append('\n');
    for (String r : rows) {
      sb.append(r).append('\n');
    }
    E2e.write(folder(lake, entity, date).resolve(file), sb.toString());
  }

  /** A JSON Lines file (clickstream): one JSON object per element of {@code lines}. */
  static void jsonl(Path lake, BronzeEntity entity, String date, String file, String... lines) {
    E2e.write(folder(lake, entity, date).resolve(file), String.join("\n", lines) + "\n");
  }

  /** A clickstream event as the generator writes it; {@code customer}, {@code product}, {@code page} may be null. */
  static String event(String id, String session, String customer, String type, String product, String page, String ts,
      String device) {
    return "{\"event_id\":\"" + id + "\",\"session_id\":\"" + session + "\",\"customer_id\":" + quoted(customer)
        + ",\"event_type\":\"" + type + "\",\"product_id\":" + quoted(product) + ",\"page\":" + quoted(page)
        + ",\"event_ts\":\"" + ts + "\",\"device\":\"" + device + "\"}";
  }

  static Path folder(Path lake, BronzeEntity entity, String date) {
    return lake.resolve("bronze").resolve(entity.dir).resolve("ingest_date=" + date);
  }

  private static String quoted(String v) {
    return v == null ? "null" : "\"" + v + "\"";
  }
}
