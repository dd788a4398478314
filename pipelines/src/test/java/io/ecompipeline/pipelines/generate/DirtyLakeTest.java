package io.ecompipeline.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three dirty days: every defect class is there, and an independent reading of the files finds
 * exactly the number of records of each class that the summary reports.
 */
class DirtyLakeTest {

  @TempDir
  static Path tmp;
  static Path lake;
  static GenerationSummary summary;

  @BeforeAll
  static void generate() {
    lake = tmp.resolve("lake");
    summary = new Generator().generate(new GeneratorConfig(lake, LocalDate.of(2025, 1, 1), 3, 0.05, 42, 0.05));
  }

  static boolean partner(Bronze.ParsedFile f) {
    return f.path().getFileName().toString().contains("_partner");
  }

  @Test
  void everyDefectClassIsInjected() {
    for (String code : Defects.ALL) {
      assertThat(code, summary.defects(code), greaterThan(0L));
    }
    for (String v : Defects.VARIATIONS) {
      assertThat(v, summary.variations().get(v), greaterThan(0L));
    }
  }

  @Test
  void aReaderFindsExactlyTheReportedQuarantineCounts() {
    Map<String, Long> found = new TreeMap<>();
    for (BronzeEntity e : BronzeEntity.values()) {
      long before = found.values().stream().mapToLong(Long::longValue).sum();
      long read = 0;
      for (Bronze.ParsedFile f : Bronze.files(lake, e.dir)) {
        read += e.jsonLines ? f.json().size() : f.records().size();
        if (partner(f)) {
          assertThat(e.columns().stream().filter(c -> !f.header().contains(c)).toList(), hasSize(1));
          found.merge(Defects.MISSING_COLUMN, (long) f.records().size(), Long::sum);
          continue;
        }
        if (e.jsonLines) {
          for (Map<String, String> m : f.json()) {
            String rule = m == null ? Defects.MALFORMED_RECORD : Rules.check(e.dir, m, f.ingestDate());
            if (rule != null) {
              found.merge(rule, 1L, Long::sum);
            }
          }
          continue;
        }
        for (List<String> r : f.records()) {
          String rule;
          if (r.size() != f.header().size()) {
            rule = Defects.MALFORMED_RECORD;
          } else {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < r.size(); i++) {
              if (!f.header().get(i).equals("loyalty_tier")) {
                m.put(f.header().get(i), r.get(i));
              }
            }
            rule = Rules.check(e.dir, m, f.ingestDate());
          }
          if (rule != null) {
            found.merge(rule, 1L, Long::sum);
          }
        }
      }
      long quarantined = found.values().stream().mapToLong(Long::longValue).sum() - before;
      // the share stays below the dirty rate, so a 5 % reject gate holds at --dirty-rate 0.05
      assertThat(e.dir, (double) quarantined / Math.max(1, read), lessThan(0.05));
    }
    for (String code : Defects.QUARANTINED) {
      assertThat(code, found.getOrDefault(code, 0L), is(summary.defects(code)));
    }
  }

  @Test
  void orphansAndEarlyLinesAreExactlyAsReported() {
    Set<String> customers = validKeys("customers", "customer_id");
    Set<String> products = validKeys("products", "product_id");
    Map<String, String> orderFirstDay = new HashMap<>();
    Set<String> orphanOrders = new HashSet<>();
    for (Map<String, String> o : valid("orders")) {
      orderFirstDay.merge(o.get("order_id"), o.get("_ingest_date"), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      if (!customers.contains(o.get("customer_id"))) {
        orphanOrders.add(o.get("order_id"));
      }
    }
    Set<String> orphanLines = new HashSet<>();
    Set<String> earlyLines = new HashSet<>();
    for (Map<String, String> l : valid("order_items")) {
      String key = l.get("order_id") + "#" + l.get("line_number");
      if (!products.contains(l.get("product_id"))) {
        orphanLines.add(key);
      }
      String orderDay = orderFirstDay.get(l.get("order_id"));
      if (orderDay != null && orderDay.compareTo(l.get("_ingest_date")) > 0) {
        earlyLines.add(key);
      }
    }
    Set<String> orphanPayments = new HashSet<>();
    for (Map<String, String> p : valid("payments")) {
      if (!orderFirstDay.containsKey(p.get("order_id"))) {
        orphanPayments.add(p.get("payment_id"));
      }
    }
    assertThat((long) orphanOrders.size(), is(summary.defects(Defects.ORPHAN_CUSTOMER)));
    assertThat((long) orphanLines.size(), is(summary.defects(Defects.ORPHAN_PRODUCT)));
    assertThat((long) orphanPayments.size(), is(summary.defects(Defects.ORPHAN_PAYMENT)));
    assertThat((long) earlyLines.size(), is(summary.defects(Defects.EARLY_ORDER_LINE)));
  }

  @Test
  void lateChangesAndStaleResendsCarryOlderUpdatedAt() {
    Map<String, String> newest = new HashMap<>();
    Set<String> seenRows = new HashSet<>();
    long late = 0;
    long stale = 0;
    for (Map<String, String> c : valid("customers")) {
      String id = c.get("customer_id");
      String row = new TreeMap<>(withoutMeta(c)).toString();
      String ts = c.get("updated_at");
      String prev = newest.get(id);
      boolean older = prev != null && Rules.parseTs(ts).isBefore(Rules.parseTs(prev));
      if (older && seenRows.contains(row)) {
        stale++;
      } else if (older) {
        late++;
        assertThat(Rules.parseTs(ts).isBefore(
            LocalDate.parse(c.get("_ingest_date")).minusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)),
            is(true));
      }
      seenRows.add(row);
      if (!older) {
        newest.put(id, ts);
      }
    }
    assertThat(late, is(summary.defects(Defects.LATE_CHANGE)));
    assertThat(stale, greaterThan(0L));
    assertThat(summary.defects(Defects.STALE_RESEND), greaterThanOrEqualTo(stale));
  }

  @Test
  void filesVaryInFormatButStayReadable() throws IOException {
    List<Bronze.ParsedFile> all = new ArrayList<>();
    for (BronzeEntity e : BronzeEntity.values()) {
      if (!e.jsonLines) {
        all.addAll(Bronze.files(lake, e.dir));
      }
    }
    assertThat(all.stream().anyMatch(Bronze.ParsedFile::bom), is(true));
    assertThat(all.stream().anyMatch(Bronze.ParsedFile::crlf), is(true));
    assertThat(all.stream().anyMatch(f -> f.gzip() && f.path().toString().endsWith(".csv.gz")), is(true));
    assertThat(all.stream().anyMatch(f -> f.rawHeader().contains("ORDER_ID") || f.rawHeader().contains("_ID")),
        is(true));
    assertThat(all.stream().anyMatch(f -> f.header().contains("loyalty_tier")), is(true));
    assertThat(all.stream().anyMatch(f -> {
      BronzeEntity e = BronzeEntity.valueOf(f.path().getParent().getParent().getFileName().toString().toUpperCase());
      return !partner(f) && f.header().size() == e.columns().size() && !f.header().equals(e.columns());
    }), is(true));
    // duplicate rows inside one file
    boolean dup = false;
    for (Bronze.ParsedFile f : all) {
      Set<List<String>> seen = new HashSet<>();
      for (List<String> r : f.records()) {
        dup |= !seen.add(r);
      }
    }
    assertThat(dup, is(true));
  }

  @Test
  void manifestsAddUpToTheSummary() throws IOException {
    Map<String, Long> sum = new HashMap<>();
    Pattern p = Pattern.compile("\"([a-z_]+)\": (\\d+)");
    for (int d = 0; d < 3; d++) {
      String json = Files.readString(lake.resolve("bronze/_generator/ingest_date=2025-01-0" + (d + 1) + "/manifest.json"));
      String defects = json.substring(json.indexOf("\"defects\""), json.indexOf("\"quarantinable\""));
      Matcher m = p.matcher(defects);
      while (m.find()) {
        sum.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
      }
    }
    for (String code : Defects.ALL) {
      assertThat(code, sum.get(code), is(summary.defects(code)));
    }
  }

  static List<Map<String, String>> valid(String entity) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Bronze.ParsedFile f : Bronze.files(lake, entity)) {
      if (partner(f)) {
        continue;
      }
      for (Map<String, String> r : f.rows()) {
        Map<String, String> m = new HashMap<>(r);
        m.remove("loyalty_tier");
        if (Rules.check(entity, m, f.ingestDate()) == null) {
          m.put("_ingest_date", f.ingestDate());
          out.add(m);
        }
      }
    }
    return out;
  }

  static Set<String> validKeys(String entity, String key) {
    Set<String> s = new HashSet<>();
    valid(entity).forEach(r -> s.add(r.get(key)));
    return s;
  }

  static Map<String, String> withoutMeta(Map<String, String> m) {
    Map<String, String> c = new HashMap<>(m);
    c.remove("_ingest_date");
    return c;
  }
}
