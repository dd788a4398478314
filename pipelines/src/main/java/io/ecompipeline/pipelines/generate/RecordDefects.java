package io.ecompipeline.pipelines.generate;

import static io.ecompipeline.pipelines.generate.Defects.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a clean record becomes a defective copy of itself, one quarantine rule at a time: the one place
 * where the shape of each record-level defect is decided. Each copy breaks exactly one rule.
 */
final class RecordDefects {
  private RecordDefects() {}

  /** The record-level classes that apply to an entity (an entity without enums gets no invalid_enum...). */
  static String[] kinds(BronzeEntity e) {
    List<String> k = new ArrayList<>(List.of(MALFORMED_RECORD, REQUIRED_MISSING, INVALID_TYPE, DUPLICATE_ROW));
    if (e.enums.length > 0) {
      k.add(INVALID_ENUM);
    }
    if (e.hasRangeRule()) {
      k.add(OUT_OF_RANGE);
    }
    if (e.timestamps.length > 0) {
      k.add(FUTURE_TIMESTAMP);
    }
    return k.toArray(new String[0]);
  }

  /** Writes a copy of {@code f} that has the defect {@code kind}. */
  static void write(FileSink sink, BronzeEntity e, String[] f, String kind, long dayStart, SplittableRandom r) {
    String[] g = f.clone();
    switch (kind) {
      case DUPLICATE_ROW -> sink.write(g);
      case MALFORMED_RECORD -> sink.writeMalformed(g);
      case REQUIRED_MISSING -> {
        g[e.required[r.nextInt(e.required.length)]] = "";
        sink.write(g);
      }
      case INVALID_ENUM -> {
        int c = e.enums[r.nextInt(e.enums.length)];
        g[c] = badEnum(e.columnArray()[c], r);
        sink.write(g);
      }
      case INVALID_TYPE -> {
        int c = e.typed[r.nextInt(e.typed.length)];
        g[c] = badType(e, c, r);
        sink.write(g);
      }
      case OUT_OF_RANGE -> {
        outOfRange(e, g, r);
        sink.write(g);
      }
      case FUTURE_TIMESTAMP -> {
        // 3 to 42 days ahead: future under any reading of "more than 1 day after the ingest date"
        int c = e.timestamps[r.nextInt(e.timestamps.length)];
        g[c] = Fmt.ts(dayStart + 86400L * (3 + r.nextInt(40)) + r.nextInt(86400));
        sink.write(g);
      }
      default -> throw new IllegalArgumentException("not a record-level defect: " + kind);
    }
  }

  static String badEnum(String column, SplittableRandom r) {
    String[] bad = switch (column) {
      case "segment" -> new String[] {"diamond", "vip", "premium"};
      case "status" -> new String[] {"shippedd", "pending", "lost", "captured!"};
      case "channel" -> new String[] {"telephone", "store", "fax"};
      case "method" -> new String[] {"cheque", "crypto", "credit card"};
      case "event_type" -> new String[] {"hover", "scroll", "purchased"};
      case "device" -> new String[] {"watch", "tv", "console"};
      default -> new String[] {"???"};
    };
    return bad[r.nextInt(bad.length)];
  }

  static String badType(BronzeEntity e, int c, SplittableRandom r) {
    for (int t : e.timestamps) {
      if (t == c) {
        String[] bad = {"2025-13-45T10:00:00Z", "yesterday", "31/12/2024 10:00", "2025-02-30T25:61:00Z"};
        return bad[r.nextInt(bad.length)];
      }
    }
    String col = e.columnArray()[c];
    if (col.equals("line_number") || col.equals("quantity") || col.equals("installments") || col.equals("rating")) {
      String[] bad = {"abc", "2.5", "one", "1e3"};
      return bad[r.nextInt(bad.length)];
    }
    String[] bad = {"12,5", "abc", "1.234", "R$ 10", "--5"};
    return bad[r.nextInt(bad.length)];
  }

  /** Well-typed values outside the contract's ranges (section 2). */
  static void outOfRange(BronzeEntity e, String[] g, SplittableRandom r) {
    switch (e) {
      case ORDER_ITEMS -> {
        int k = r.nextInt(4);
        if (k == 0) {
          g[3] = r.nextBoolean() ? "0" : "-1";
        } else if (k == 1) {
          g[4] = Fmt.money(-Math.max(1, parseCents(g[4])));
        } else if (k == 2) {
          g[5] = Fmt.money(Long.parseLong(g[3]) * parseCents(g[4]) + 100 + r.nextInt(5000));
        } else {
          g[1] = "0";
        }
      }
      case PAYMENTS -> {
        if (r.nextBoolean()) {
          g[5] = Fmt.money(-Math.max(1, parseCents(g[5])));
        } else {
          g[4] = "0";
        }
      }
      case REVIEWS -> g[4] = r.nextBoolean() ? "7" : "0";
      default -> throw new IllegalStateException("no range rule for " + e);
    }
  }

  static long parseCents(String s) {
    boolean neg = s.startsWith("-");
    String t = neg ? s.substring(1) : s;
    int dot = t.indexOf('.');
    long v = dot < 0 ? Long.parseLong(t) * 100
        : Long.parseLong(t.substring(0, dot)) * 100 + Long.parseLong((t.substring(dot + 1) + "00").substring(0, 2));
    return neg ? -v : v;
  }
}
