package io.ecompipeline.pipelines.generate;

import static io.ecompipeline.pipelines.generate.Defects.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic bronze layer (contract sections 1 and 2): customers, products, orders, order
 * lines, payments, reviews and clickstream, one folder per ingest date, optionally with defects.
 *
 * <p>Every random choice comes from a {@link SplittableRandom} derived from (seed, day, stream), so the
 * new content of a day depends only on the seed and the day index; what carries over between days is
 * the member lists (customers, products) and the queue of order lifecycle events (shipping, delivery,
 * cancellations, returns, reviews), which is why days are generated in order. Defect decisions use
 * their own streams, so the clean records of a dirty lake are the clean lake's records.
 */
public final class Generator {

  /** Logical defects (orphans, late lines, re-sends) take this share of the dirty rate each. */
  private static final double LOGICAL_SHARE = 1.0 / 6;
  private static final int RING = 32;
  private static final double[] DOW_FACTOR = {0.92, 0.95, 0.95, 0.98, 1.05, 1.30, 1.25}; // Mon..Sun
  private static final double[] HOUR_WEIGHT = {1.5, 0.8, 0.5, 0.3, 0.3, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 5.5, 5.0,
      4.5, 4.5, 5.0, 5.5, 6.5, 8.0, 9.0, 8.5, 6.0, 3.5};
  private static final double[] HOUR_CDF = cdf(HOUR_WEIGHT);
  private static final double[] LINES_CDF = cdf(new double[] {27, 27, 23, 13, 10});
  private static final double[] RATING_CDF = cdf(new double[] {5, 5, 10, 25, 55});
  private static final String[] SMALL_INTS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
  private static final String[] SEGMENTS = {"standard", "silver", "gold", "platinum"};
  private static final FileSink.Variation[] VARIATION_CYCLE = {FileSink.Variation.BOM, FileSink.Variation.CRLF,
      FileSink.Variation.GZIP, FileSink.Variation.UPPER_CASE_HEADER, FileSink.Variation.REORDERED_COLUMNS,
      FileSink.Variation.EXTRA_COLUMN, FileSink.Variation.NONE, FileSink.Variation.NONE};

  // Order lifecycle states carried in the event queue.
  private static final int EV_PAID = 1;
  private static final int EV_SHIPPED = 2;
  private static final int EV_DELIVERED = 3;
  private static final int EV_RETURNED = 4;
  private static final int EV_CANCELLED = 5;
  private static final String[] STATUS = {"", "paid", "shipped", "delivered", "returned", "cancelled"};

  public GenerationSummary generate(GeneratorConfig config) {
    long t0 = System.nanoTime();
    Run run = new Run(config);
    GenerationSummary total = new GenerationSummary();
    for (int d = 0; d < config.days(); d++) {
      total.add(run.day(d));
    }
    total.setElapsedNanos(System.nanoTime() - t0);
    return total;
  }

  static double[] cdf(double[] w) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    double[] c = new double[w.length];
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i] / s;
      c[i] = acc;
    }
    c[w.length - 1] = 1.0;
    return c;
  }

  static int pick(double[] cdf, SplittableRandom r) {
    double u = r.nextDouble();
    int i = 0;
    while (u >= cdf[i] && i < cdf.length - 1) {
      i++;
    }
    return i;
  }

  static long mix(long seed, long day, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + day * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An order kept between its creation and its last lifecycle event. */
  private static final class OrderRec {
    String id;
    String custId;
    long ts;
    int tsStyle;
    String channel;
    String currency;
    long ship;
    long total;
    String firstProduct;
    String creationStatus;
    long creationUpd;
    String payId;
    String payMethod;
    String payInstallments;
    boolean captured;
    long lastUpd;
    int next;
    int nextDay;
    boolean returned;

    String[] row(String status, long updatedAt) {
      return new String[] {id, custId, Fmt.ts(ts, tsStyle), status, channel, currency, Fmt.money(ship),
          Fmt.ts(updatedAt, tsStyle)};
    }
  }

  /** One entity's main file of the day, its defect stream and its contribution to the partner file. */
  private final class Out {
    final BronzeEntity e;
    final FileSink sink;
    final SplittableRandom drng;
    final String[] kinds;
    final List<String[]> partner = new ArrayList<>();
    String[] last;

    Out(BronzeEntity e, FileSink sink, SplittableRandom drng) {
      this.e = e;
      this.sink = sink;
      this.drng = drng;
      this.kinds = RecordDefects.kinds(e);
    }
  }

  /** The state of one generation: members, queues and per-day counters. */
  private final class Run {
    final GeneratorConfig cfg;
    final double rate;
    final Path bronze;
    // customers
    final int c0;
    final int cNewPerDay;
    final int cChangesPerDay;
    int cCount;
    final int[] cFirst;
    final int[] cLast;
    final int[] cCity;
    final byte[] cSeg;
    final byte[] cFlags; // 1 = name typed in lower case, 2 = segment left empty, 4 = upper-case segment
    final int[] cEmail;
    final int[] cPhone;
    final long[] cUpd;
    final long[] cPrevUpd;
    final String[][] cPrev;
    final String[] cId;
    final List<Integer> cChanged = new ArrayList<>();
    // products
    final int p0;
    final int pNewPerDay;
    final int pChangesPerDay;
    int pCount;
    final byte[] pCat;
    final byte[] pSub;
    final byte[] pNoun;
    final byte[] pBrand;
    final long[] pPrice;
    final long[] pCost;
    final boolean[] pActive;
    final boolean[] pTypo;
    final long[] pUpd;
    final String[][] pPrev;
    final List<Integer> pChanged = new ArrayList<>();
    final String[] pId;
    final String[] pPage;
    final String[][] asciiNames;
    // lifecycle queues, indexed by day % RING
    @SuppressWarnings("unchecked")
    final ArrayList<OrderRec>[] events = new ArrayList[RING];
    @SuppressWarnings("unchecked")
    final ArrayList<OrderRec>[] reviews = new ArrayList[RING];
    // carried to the next day: orders whose lines came first, exact re-sends
    List<String[]> deferredOrders = new ArrayList<>();
    List<String[]> deferredPayments = new ArrayList<>();
    List<String[]> carryOrders = new ArrayList<>();
    List<String[]> carryItems = new ArrayList<>();

    // per-day
    GenerationSummary daySummary;
    long dayStart;
    String dayCompact;
    String eventPrefix;
    String sessionPrefix;
    String payPrefix;
    int paySeq;
    long eventSeq;
    long sessionSeq;

    Run(GeneratorConfig cfg) {
      this.cfg = cfg;
      this.rate = cfg.dirtyRate();
      this.bronze = cfg.lake().resolve("bronze");
      double s = cfg.scale();
      c0 = (int) Math.max(60, Math.round(20_000 * s));
      cNewPerDay = (int) Math.max(1, Math.round(c0 * 0.01));
      cChangesPerDay = (int) Math.max(2, Math.round(c0 * 0.02));
      int cCap = c0 + cNewPerDay * cfg.days();
      cFirst = new int[cCap];
      cLast = new int[cCap];
      cCity = new int[cCap];
      cSeg = new byte[cCap];
      cFlags = new byte[cCap];
      cEmail = new int[cCap];
      cPhone = new int[cCap];
      cUpd = new long[cCap];
      cPrevUpd = new long[cCap];
      cPrev = new String[cCap][];
      cId = new String[cCap];
      p0 = (int) Math.max(40, Math.round(1_000 * Math.sqrt(s)));
      pNewPerDay = (int) Math.max(0, Math.round(p0 * 0.003));
      pChangesPerDay = (int) Math.max(2, Math.round(p0 * 0.03));
      int pCap = p0 + pNewPerDay * cfg.days();
      pCat = new byte[pCap];
      pSub = new byte[pCap];
      pNoun = new byte[pCap];
      pBrand = new byte[pCap];
      pPrice = new long[pCap];
      pCost = new long[pCap];
      pActive = new boolean[pCap];
      pTypo = new boolean[pCap];
      pUpd = new long[pCap];
      pPrev = new String[pCap][];
      pId = new String[pCap];
      pPage = new String[pCap];
      for (int i = 0; i < pCap; i++) {
        pId[i] = Fmt.id("P", i + 1, 6);
        pPage[i] = "/p/" + pId[i];
      }
      asciiNames = new String[2][];
      asciiNames[0] = new String[Words.FIRST.length];
      asciiNames[1] = new String[Words.LAST.length];
      for (int i = 0; i < Words.FIRST.length; i++) {
        asciiNames[0][i] = Words.ascii(Words.FIRST[i]);
      }
      for (int i = 0; i < Words.LAST.length; i++) {
        asciiNames[1][i] = Words.ascii(Words.LAST[i]);
      }
      for (int i = 0; i < RING; i++) {
        events[i] = new ArrayList<>();
        reviews[i] = new ArrayList<>();
      }
    }

    SplittableRandom rng(int day, long stream) {
      return new SplittableRandom(mix(cfg.seed(), day, stream));
    }

    long secondOfDay(SplittableRandom r) {
      return pick(HOUR_CDF, r) * 3600L + r.nextInt(3600);
    }

    /**
     * A time of day that leaves 15 minutes before midnight, so that follow-up records (payments,
     * re-sends, refunds) stay on the ingest date: clean data never looks like it comes from the future.
     */
    long safeSecondOfDay(SplittableRandom r) {
      long s = secondOfDay(r);
      return s > 86400 - 900 ? s - 900 : s;
    }

    int tsStyle(SplittableRandom r) {
      int u = r.nextInt(100);
      return u < 92 ? Fmt.TS_Z : u < 95 ? Fmt.TS_NO_OFFSET : u < 98 ? Fmt.TS_MINUS3 : Fmt.TS_PLUS2;
    }

    boolean chance(SplittableRandom r, double p) {
      return p > 0 && r.nextDouble() < p;
    }

    GenerationSummary day(int d) {
      daySummary = new GenerationSummary();
      long epochDay = cfg.start().toEpochDay() + d;
      dayStart = epochDay * 86400L;
      String date = Fmt.date(epochDay);
      dayCompact = Fmt.compactDate(epochDay);
      eventPrefix = "E" + dayCompact + "-";
      sessionPrefix = "S" + dayCompact + "-";
      payPrefix = "PAY" + dayCompact + "-";
      paySeq = 0;
      eventSeq = 0;
      sessionSeq = 0;

      BronzeEntity partnerEntity = rate > 0
          ? new BronzeEntity[] {BronzeEntity.PAYMENTS, BronzeEntity.ORDER_ITEMS, BronzeEntity.ORDERS}[d % 3]
          : null;
      Out[] outs = new Out[BronzeEntity.values().length];
      for (BronzeEntity e : BronzeEntity.values()) {
        FileSink.Variation v = FileSink.Variation.NONE;
        if (rate > 0 && !e.jsonLines) {
          v = VARIATION_CYCLE[(d * 6 + e.ordinal()) % VARIATION_CYCLE.length];
        }
        String name = e.dir + "_" + date + (e.jsonLines ? ".jsonl" : v == FileSink.Variation.GZIP ? ".csv.gz" : ".csv");
        Path p = bronze.resolve(e.dir).resolve("ingest_date=" + date).resolve(name);
        outs[e.ordinal()] = new Out(e, new FileSink(p, e, v, -1), rng(d, 100 + e.ordinal()));
        if (v != FileSink.Variation.NONE) {
          daySummary.addVariation(Defects.VARIATIONS.get(v.ordinal() - 1));
        }
      }
      Out customers = outs[BronzeEntity.CUSTOMERS.ordinal()];
      Out products = outs[BronzeEntity.PRODUCTS.ordinal()];
      Out orders = outs[BronzeEntity.ORDERS.ordinal()];
      Out items = outs[BronzeEntity.ORDER_ITEMS.ordinal()];
      Out payments = outs[BronzeEntity.PAYMENTS.ordinal()];
      Out reviewsOut = outs[BronzeEntity.REVIEWS.ordinal()];
      Out clicks = outs[BronzeEntity.CLICKSTREAM.ordinal()];

      int newCustomersFrom = cCount;
      customersDay(d, customers);
      productsDay(d, products);
      ordersDay(d, epochDay, newCustomersFrom, orders, items, payments, clicks);
      reviewsDay(d, reviewsOut);

      for (Out o : outs) {
        o.sink.close();
        daySummary.addRows(o.e.dir, o.sink.rows);
        daySummary.addFile(bronze.getParent().relativize(o.sink.path).toString().replace('\\', '/'));
      }
      if (partnerEntity != null) {
        writePartner(outs[partnerEntity.ordinal()], date);
      }
      writeManifest(date);
      return daySummary;
    }

    // ---------------------------------------------------------------- emission and defects

    void emit(Out o, String[] f) {
      o.sink.write(f);
      o.last = f;
      if (rate <= 0) {
        return;
      }
      SplittableRandom r = o.drng;
      if (r.nextDouble() < rate) {
        inject(o, f, o.kinds[r.nextInt(o.kinds.length)]);
      }
      if (r.nextDouble() < rate / 20) {
        o.partner.add(f); // a copy for the partner file, so what it loses is not lost
      }
    }

    void count(String code) {
      daySummary.addDefect(code, 1);
    }

    void inject(Out o, String[] f, String kind) {
      RecordDefects.write(o.sink, o.e, f, kind, dayStart, o.drng);
      count(kind);
    }

    void writePartner(Out o, String date) {
      List<String[]> rows = o.partner.isEmpty() && o.last != null ? java.util.Collections.singletonList(o.last) : o.partner;
      if (rows.isEmpty()) {
        return;
      }
      String column = switch (o.e) {
        case PAYMENTS -> "amount";
        case ORDER_ITEMS -> "unit_price";
        default -> "status";
      };
      Path p = bronze.resolve(o.e.dir).resolve("ingest_date=" + date).resolve(o.e.dir + "_" + date + "_partner.csv");
      FileSink s = new FileSink(p, o.e, FileSink.Variation.NONE, o.e.index(column));
      for (String[] f : rows) {
        s.write(f);
      }
      s.close();
      daySummary.addRows(o.e.dir, s.rows);
      daySummary.addDefect(MISSING_COLUMN, s.rows);
      daySummary.addFile(bronze.getParent().relativize(p).toString().replace('\\', '/'));
    }

    void writeManifest(String date) {
      Path p = bronze.resolve("_generator").resolve("ingest_date=" + date).resolve("manifest.json");
      try {
        Files.createDirectories(p.getParent());
        String rel = bronze.getParent().relativize(p).toString().replace('\\', '/');
        String json = daySummary.toJson(date, cfg);
        Files.write(p, json.getBytes(StandardCharsets.UTF_8));
        daySummary.addFile(rel);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
      }
    }

    // ---------------------------------------------------------------- customers

    String customerId(int i) {
      String id = cId[i];
      if (id == null) {
        id = Fmt.id("C", i + 1, 8);
        cId[i] = id; // shared by every order and event of the customer
      }
      return id;
    }

    String[] customerRow(int i) {
      String first = Words.FIRST[cFirst[i]];
      String last = Words.LAST[cLast[i]];
      if ((cFlags[i] & 1) != 0) {
        first = first.toLowerCase(java.util.Locale.ROOT);
      }
      String[] city = Words.CITIES[cCity[i]];
      String seg = SEGMENTS[cSeg[i]];
      if (cSeg[i] == 0 && (cFlags[i] & 2) != 0) {
        seg = "";
      } else if ((cFlags[i] & 4) != 0) {
        seg = seg.toUpperCase(java.util.Locale.ROOT);
      }
      String email = asciiNames[0][cFirst[i]] + "." + asciiNames[1][cLast[i]] + (i % 997) + "@"
          + Words.EMAIL_DOMAINS[cEmail[i] % Words.EMAIL_DOMAINS.length];
      int ph = cPhone[i];
      String phone = "+55 " + (11 + cCity[i] * 5) + " 9" + (1000 + ph / 10000 % 9000) + "-" + (1000 + ph % 9000);
      return new String[] {customerId(i), email, first, last, phone, city[0], city[1], city[2], "BR", seg,
          Fmt.ts(cUpd[i])};
    }

    int pickCity(SplittableRandom r) {
      int total = 0;
      for (String[] c : Words.CITIES) {
        total += Integer.parseInt(c[3]);
      }
      int u = r.nextInt(total);
      for (int i = 0; i < Words.CITIES.length; i++) {
        u -= Integer.parseInt(Words.CITIES[i][3]);
        if (u < 0) {
          return i;
        }
      }
      return 0;
    }

    void newCustomer(int i, SplittableRandom r, long updatedAt) {
      cFirst[i] = r.nextInt(Words.FIRST.length);
      cLast[i] = r.nextInt(Words.LAST.length);
      cCity[i] = pickCity(r);
      int s = r.nextInt(100);
      cSeg[i] = (byte) (s < 62 ? 0 : s < 86 ? 1 : s < 96 ? 2 : 3);
      int fl = 0;
      if (r.nextInt(100) < 3) {
        fl |= 1;
      }
      if (r.nextInt(100) < 20) {
        fl |= 2;
      }
      if (r.nextInt(100) < 1) {
        fl |= 4;
      }
      cFlags[i] = (byte) fl;
      cEmail[i] = r.nextInt(4);
      cPhone[i] = r.nextInt(100_000_000);
      cUpd[i] = updatedAt;
    }

    void customersDay(int d, Out out) {
      SplittableRandom r = rng(d, 1);
      if (d == 0) {
        for (int i = 0; i < c0; i++) {
          // Day one is the full extract: members created over the previous two years.
          newCustomer(i, r, dayStart - 86400L * r.nextInt(730) - r.nextInt(86400) - 1);
          emit(out, customerRow(i));
        }
        cCount = c0;
        return;
      }
      for (int k = 0; k < cChangesPerDay; k++) {
        int i = r.nextInt(cCount);
        long t = dayStart + secondOfDay(r);
        if (cUpd[i] >= dayStart) {
          continue; // already changed today
        }
        String[] before = customerRow(i);
        int what = r.nextInt(100);
        if ((cFlags[i] & 1) != 0) {
          cFlags[i] &= ~1; // name fix
        } else if (what < 40) {
          cSeg[i] = (byte) Math.min(3, cSeg[i] + 1);
          cFlags[i] &= ~2;
        } else if (what < 65) {
          int c = pickCity(r);
          cCity[i] = c == cCity[i] ? (c + 1) % Words.CITIES.length : c;
        } else if (what < 85) {
          cEmail[i]++;
        } else {
          cPhone[i] = r.nextInt(100_000_000);
        }
        cPrev[i] = before;
        cPrevUpd[i] = cUpd[i];
        cUpd[i] = t;
        cChanged.add(i);
        emit(out, customerRow(i));
      }
      for (int k = 0; k < cNewPerDay; k++) {
        int i = cCount++;
        newCustomer(i, r, dayStart + secondOfDay(r));
        emit(out, customerRow(i));
      }
      if (rate > 0) {
        SplittableRandom dr = rng(d, 201);
        int n = (int) Math.max(1, Math.round(rate * LOGICAL_SHARE * cChangesPerDay));
        for (int k = 0; k < n; k++) {
          lateCustomerChange(dr, out);
          if (!cChanged.isEmpty()) {
            int i = cChanged.get(dr.nextInt(cChanged.size()));
            out.sink.write(cPrev[i]); // an older version, its older updated_at, on a later day
            count(STALE_RESEND);
          }
        }
      }
    }

    /** A change that happened days ago arrives after a newer one: it must be slotted into the history. */
    void lateCustomerChange(SplittableRandom dr, Out out) {
      for (int tries = 0; tries < 20; tries++) {
        int i = dr.nextInt(cCount);
        if (cUpd[i] >= dayStart - 86400) {
          continue;
        }
        String[] base = cPrev[i] != null ? cPrev[i] : customerRow(i);
        long lo = cPrev[i] != null ? cPrevUpd[i] : cUpd[i] - 86400L * 60;
        long hi = cUpd[i];
        if (hi - lo < 3600) {
          continue;
        }
        long t = lo + 1 + dr.nextLong(hi - lo - 1);
        String[] g = base.clone();
        int c = (cCity[i] + 1 + dr.nextInt(Words.CITIES.length - 1)) % Words.CITIES.length;
        g[5] = Words.CITIES[c][0];
        g[6] = Words.CITIES[c][1];
        g[7] = Words.CITIES[c][2];
        g[10] = Fmt.ts(t);
        out.sink.write(g);
        count(LATE_CHANGE);
        return;
      }
    }

    // ---------------------------------------------------------------- products

    String[] productRow(int i) {
      int cat = pCat[i];
      String noun = Words.NOUNS[cat][pNoun[i]];
      String name = Words.BRANDS[pBrand[i]] + " " + (pTypo[i] ? noun.toLowerCase(java.util.Locale.ROOT) : noun)
          + " " + (100 + i % 900);
      String active = pActive[i] ? (i % 10 == 3 ? "" : "true") : "false"; // empty means true
      return new String[] {pId[i], "SKU-" + Words.CATEGORIES[cat].substring(0, 3).toUpperCase(java.util.Locale.ROOT)
          + "-" + (100000 + i), name, Words.CATEGORIES[cat], Words.SUBCATEGORIES[cat][pSub[i]],
          Words.BRANDS[pBrand[i]], Fmt.money(pPrice[i]), Fmt.money(pCost[i]), active, Fmt.ts(pUpd[i])};
    }

    long priceFor(int cat, SplittableRandom r) {
      long lo = Words.PRICE[cat][0];
      long hi = Words.PRICE[cat][1];
      long c = Math.round(lo * Math.exp(r.nextDouble() * Math.log((double) hi / lo)));
      return Math.max(90, c / 100 * 100 + 90);
    }

    void newProduct(int i, SplittableRandom r, long updatedAt) {
      int u = r.nextInt(1000);
      int cat = 0;
      while (cat < Words.CATEGORY_SHARE.length - 1 && u >= Words.CATEGORY_SHARE[cat]) {
        u -= Words.CATEGORY_SHARE[cat];
        cat++;
      }
      pCat[i] = (byte) cat;
      pSub[i] = (byte) r.nextInt(Words.SUBCATEGORIES[cat].length);
      pNoun[i] = (byte) r.nextInt(Words.NOUNS[cat].length);
      pBrand[i] = (byte) r.nextInt(Words.BRANDS.length);
      pPrice[i] = priceFor(cat, r);
      pCost[i] = pPrice[i] * (45 + r.nextInt(31)) / 100;
      pActive[i] = r.nextInt(100) >= 2;
      pTypo[i] = r.nextInt(100) < 4;
      pUpd[i] = updatedAt;
    }

    void productsDay(int d, Out out) {
      SplittableRandom r = rng(d, 2);
      if (d == 0) {
        for (int i = 0; i < p0; i++) {
          newProduct(i, r, dayStart - 86400L * r.nextInt(365) - r.nextInt(86400) - 1);
          emit(out, productRow(i));
        }
        pCount = p0;
        return;
      }
      for (int k = 0; k < pChangesPerDay; k++) {
        int i = r.nextInt(pCount);
        if (pUpd[i] >= dayStart) {
          continue;
        }
        String[] before = productRow(i);
        int what = r.nextInt(100);
        if (pTypo[i]) {
          pTypo[i] = false;
        } else if (what < 60) {
          long p = pPrice[i] * (85 + r.nextInt(31)) / 100;
          pPrice[i] = Math.max(90, p / 100 * 100 + 90);
        } else if (what < 70) {
          pSub[i] = (byte) ((pSub[i] + 1) % Words.SUBCATEGORIES[pCat[i]].length);
        } else if (what < 75) {
          // Re-categorised: an accessory filed under home, say.
          pCat[i] = (byte) ((pCat[i] + 1 + r.nextInt(Words.CATEGORIES.length - 1)) % Words.CATEGORIES.length);
          pSub[i] = (byte) r.nextInt(Words.SUBCATEGORIES[pCat[i]].length);
          pNoun[i] = (byte) r.nextInt(Words.NOUNS[pCat[i]].length);
        } else {
          pActive[i] = !pActive[i];
        }
        pPrev[i] = before;
        pUpd[i] = dayStart + secondOfDay(r);
        pChanged.add(i);
        emit(out, productRow(i));
      }
      for (int k = 0; k < pNewPerDay; k++) {
        int i = pCount++;
        newProduct(i, r, dayStart + secondOfDay(r));
        emit(out, productRow(i));
      }
      if (rate > 0 && !pChanged.isEmpty()) {
        SplittableRandom dr = rng(d, 202);
        int n = (int) Math.max(1, Math.round(rate * LOGICAL_SHARE * pChangesPerDay));
        for (int k = 0; k < n; k++) {
          int i = pChanged.get(dr.nextInt(pChanged.size()));
          out.sink.write(pPrev[i]);
          count(STALE_RESEND);
        }
      }
    }

    /** Pareto popularity: the lowest ids are the best sellers. */
    int pickProduct(SplittableRandom r) {
      int i = 0;
      for (int tries = 0; tries < 4; tries++) {
        double u = r.nextDouble();
        double u2 = u * u;
        i = (int) (pCount * u2 * u2 * u); // u^5: P(top 20%) = 0.2^(1/5), about 72% of lines
        if (pActive[i]) {
          return i;
        }
      }
      return i;
    }

    // ---------------------------------------------------------------- orders, lines, payments, clicks

    String payId() {
      return Fmt.id(payPrefix, ++paySeq, 7);
    }

    void ordersDay(int d, long epochDay, int newCustomersFrom, Out orders, Out items, Out payments, Out clicks) {
      SplittableRandom r = rng(d, 3);
      SplittableRandom lr = rng(d, 7);
      SplittableRandom dr = rng(d, 203);
      double logical = rate * LOGICAL_SHARE;

      // Yesterday's leftovers first: orders whose lines came a day early, then exact re-sends.
      for (String[] f : deferredOrders) {
        emit(orders, f);
      }
      for (String[] f : deferredPayments) {
        emit(payments, f);
      }
      deferredOrders = new ArrayList<>();
      deferredPayments = new ArrayList<>();
      for (String[] f : carryOrders) {
        orders.sink.write(f);
        count(DUPLICATE_CROSS_DAY);
      }
      for (String[] f : carryItems) {
        items.sink.write(f);
        count(DUPLICATE_CROSS_DAY);
      }
      carryOrders = new ArrayList<>();
      carryItems = new ArrayList<>();

      lifecycle(d, lr, dr, orders, payments);

      int dow = java.time.LocalDate.ofEpochDay(epochDay).getDayOfWeek().getValue() - 1;
      long n = Math.max(1, Math.round(10_000 * cfg.scale() * DOW_FACTOR[dow] * (0.97 + 0.06 * r.nextDouble())));
      int newCustomers = cCount - newCustomersFrom;
      long lines = 0;
      String[] pids = new String[5];
      for (long k = 0; k < n; k++) {
        OrderRec o = orderHeader(d, k, newCustomersFrom, newCustomers, r, dr);
        boolean early = rate > 0 && d < cfg.days() - 1 && chance(dr, logical);
        int nl = orderLines(o, early, r, dr, items, pids);
        lines += nl;
        List<String[]> payRows = orderPayments(o, r);
        String[] orow = o.row(o.creationStatus, o.creationUpd);
        if (early) {
          deferredOrders.add(orow);
          deferredPayments.addAll(payRows);
        } else {
          emit(orders, orow);
          for (String[] pr : payRows) {
            emit(payments, pr);
          }
          if (chance(dr, logical / 4)) {
            carryOrders.add(orow);
          }
        }
        if (chance(dr, logical)) {
          emit0(payments, new String[] {payId(), "O" + dayCompact + "-9" + Fmt.id("", dr.nextInt(1_000_000), 6),
              Fmt.ts(o.ts + 60), "credit_card", "1", Fmt.money(1000 + dr.nextInt(50000)), "captured"});
          count(ORPHAN_PAYMENT);
        }
        planLifecycle(o, d, r, early);
        purchaseSession(o, nl, pids, r, clicks);
      }
      daySummary.addOrderLines(lines);
      lifecycle(d, lr, dr, orders, payments); // same-day events of today's orders: a quick cancel, an early dispatch
      browsingSessions(d, Math.round(n * 1.2), clicks);
    }

    /** Who orders when, through which channel: new customers soon after signing up, regulars all day. */
    OrderRec orderHeader(int d, long k, int newCustomersFrom, int newCustomers, SplittableRandom r,
        SplittableRandom dr) {
      OrderRec o = new OrderRec();
      o.id = "O" + dayCompact + "-" + Fmt.id("", k + 1, 7);
      long ts;
      if (k < newCustomers && d > 0 && r.nextInt(100) < 60) {
        // A new customer's first order, a little after signing up.
        int c = newCustomersFrom + (int) k;
        o.custId = customerId(c);
        ts = Math.min(dayStart + 86400 - 900, cUpd[c] + 300 + r.nextInt(7200));
      } else {
        // Regulars: a quarter of the customers place more than half of the orders.
        int c = r.nextInt(100) < 55 ? r.nextInt(Math.max(1, cCount / 4)) : r.nextInt(cCount);
        o.custId = customerId(c);
        ts = dayStart + safeSecondOfDay(r);
      }
      if (chance(dr, rate * LOGICAL_SHARE)) {
        o.custId = "C9" + Fmt.id("", dr.nextInt(10_000_000), 7);
        count(ORPHAN_CUSTOMER);
      }
      o.ts = ts;
      o.tsStyle = tsStyle(r);
      int ch = r.nextInt(100);
      o.channel = ch < 45 ? "web" : ch < 85 ? "mobile" : "marketplace";
      o.currency = ch >= 85 && r.nextInt(10) == 0 ? "USD" : "BRL";
      return o;
    }

    /** Writes 1 to 5 lines (Pareto products, category quantities, some discounts); sets the order's totals. */
    int orderLines(OrderRec o, boolean early, SplittableRandom r, SplittableRandom dr, Out items, String[] pids) {
      boolean usd = o.currency.equals("USD");
      int nl = pick(LINES_CDF, r) + 1;
      long subtotal = 0;
      for (int ln = 1; ln <= nl; ln++) {
        int p = pickProduct(r);
        int cat = pCat[p];
        int q;
        int u = r.nextInt(100);
        if (cat == 0) {
          q = u < 92 ? 1 : 2;
        } else {
          q = u < 60 ? 1 : u < 85 ? 2 : u < 95 ? 3 : 4 + r.nextInt(3);
        }
        long price = usd ? Math.max(1, pPrice[p] / 5) : pPrice[p];
        long disc = 0;
        if (r.nextInt(100) < 12) {
          disc = q * price * (5 + r.nextInt(21)) / 100;
        }
        subtotal += q * price - disc;
        String pid = pId[p];
        if (!early && chance(dr, rate * LOGICAL_SHARE)) { // an early line is already one defect
          pid = "P9" + Fmt.id("", dr.nextInt(100_000), 5);
          count(ORPHAN_PRODUCT);
        }
        pids[ln - 1] = pid;
        String[] line = {o.id, SMALL_INTS[ln], pid, SMALL_INTS[q], Fmt.money(price),
            disc > 0 ? Fmt.money(disc) : (ln % 7 == 0 ? "0.00" : "")};
        emit(items, line);
        if (early) {
          count(EARLY_ORDER_LINE);
        } else if (chance(dr, rate * LOGICAL_SHARE / 4)) {
          carryItems.add(line);
        }
      }
      o.firstProduct = pids[0];
      o.ship = subtotal >= (usd ? 4000 : 19900) ? 0 : (usd ? 290 : 990) + r.nextInt(30) * 100;
      o.total = subtotal + o.ship;
      return nl;
    }

    /**
     * The order's payments, summing to its total: usually one; sometimes a failed attempt first, sometimes
     * split with a voucher. Boleto and bank transfer are only authorized: the order stays placed until paid.
     */
    List<String[]> orderPayments(OrderRec o, SplittableRandom r) {
      int m = r.nextInt(100);
      String method = m < 55 ? "credit_card" : m < 67 ? "boleto" : m < 77 ? "debit_card" : m < 85 ? "paypal"
          : m < 93 ? "bank_transfer" : m < 96 ? "voucher" : "other";
      boolean deferredPay = method.equals("boleto") || method.equals("bank_transfer");
      long pts = o.ts + 5 + r.nextInt(120);
      List<String[]> payRows = new ArrayList<>(3);
      if (r.nextInt(1000) < 31) {
        payRows.add(new String[] {payId(), o.id, Fmt.ts(pts, o.tsStyle), "credit_card", "1",
            Fmt.money(o.total), "failed"});
        pts += 30 + r.nextInt(300);
        if (deferredPay) {
          method = "debit_card";
          deferredPay = false;
        }
      }
      String inst = "1";
      if (method.equals("credit_card")) {
        int iu = r.nextInt(100);
        inst = iu < 30 ? "1" : iu < 42 ? "" : SMALL_INTS[2 + r.nextInt(11)];
      } else if (r.nextInt(4) == 0) {
        inst = "";
      }
      String pstat = deferredPay ? "authorized" : (r.nextInt(100) == 0 ? "CAPTURED" : "captured");
      o.payMethod = method;
      o.payInstallments = inst;
      o.captured = !deferredPay;
      o.payId = payId();
      if (!deferredPay && method.equals("credit_card") && o.total > 2000 && r.nextInt(100) < 8) {
        long a1 = o.total * (30 + r.nextInt(41)) / 100;
        payRows.add(new String[] {o.payId, o.id, Fmt.ts(pts, o.tsStyle), method, inst, Fmt.money(a1), pstat});
        payRows.add(new String[] {payId(), o.id, Fmt.ts(pts + 2, o.tsStyle), "voucher", "1",
            Fmt.money(o.total - a1), "captured"});
      } else {
        payRows.add(new String[] {o.payId, o.id, Fmt.ts(pts, o.tsStyle), method, inst, Fmt.money(o.total), pstat});
      }
      o.creationStatus = deferredPay ? "placed" : (r.nextInt(100) == 0 ? "PAID" : "paid");
      o.creationUpd = deferredPay ? o.ts : pts + 1;
      o.lastUpd = o.creationUpd;
      return payRows;
    }

    /** Writes a record without drawing defects from it (it is a defect already). */
    void emit0(Out o, String[] f) {
      o.sink.write(f);
    }

    void schedule(OrderRec o, int event, int day) {
      o.next = event;
      o.nextDay = day;
      events[day % RING].add(o);
    }

    /** The order's first status change; an order whose row comes tomorrow changes no earlier than that. */
    void planLifecycle(OrderRec o, int d, SplittableRandom r, boolean arrivesTomorrow) {
      int u = r.nextInt(100);
      int first = arrivesTomorrow ? d + 1 : d;
      if (u < 4) {
        schedule(o, EV_CANCELLED, Math.max(first, d + r.nextInt(2)));
      } else if (!o.captured) {
        schedule(o, EV_PAID, d + 1);
      } else {
        schedule(o, EV_SHIPPED, Math.max(first, d + (r.nextInt(5) == 0 ? 0 : 1)));
      }
    }

    /** Today's status changes of earlier orders, re-sent as whole order rows with a newer updated_at. */
    void lifecycle(int d, SplittableRandom r, SplittableRandom dr, Out orders, Out payments) {
      ArrayList<OrderRec> due = events[d % RING];
      events[d % RING] = new ArrayList<>();
      for (OrderRec o : due) {
        long t = o.lastUpd >= dayStart ? Math.min(o.lastUpd + 600 + r.nextInt(7200), dayStart + 86400 - 120)
            : dayStart + safeSecondOfDay(r);
        t = Math.max(t, o.lastUpd + 1);
        int ev = o.next;
        emit(orders, o.row(STATUS[ev], t));
        if (chance(dr, rate * LOGICAL_SHARE)) {
          orders.sink.write(o.row(o.creationStatus, o.creationUpd));
          count(STALE_RESEND);
        }
        o.lastUpd = t;
        switch (ev) {
          case EV_PAID -> {
            o.captured = true;
            emit(payments, new String[] {o.payId, o.id, Fmt.ts(t - 30, o.tsStyle), o.payMethod, o.payInstallments,
                Fmt.money(o.total), "captured"});
            schedule(o, EV_SHIPPED, d + 1 + r.nextInt(2));
          }
          case EV_SHIPPED -> schedule(o, EV_DELIVERED, d + 1 + r.nextInt(4));
          case EV_DELIVERED -> {
            if (r.nextInt(100) < 6) {
              schedule(o, EV_RETURNED, d + 2 + r.nextInt(9));
            }
            if (r.nextInt(100) < 30) {
              reviews[(d + r.nextInt(5)) % RING].add(o);
            }
          }
          case EV_RETURNED, EV_CANCELLED -> {
            o.returned = ev == EV_RETURNED;
            if (o.captured) {
              emit(payments, new String[] {payId(), o.id, Fmt.ts(t + 60), o.payMethod, "1", Fmt.money(o.total),
                  "refunded"});
            }
          }
          default -> throw new IllegalStateException();
        }
      }
    }

    String device(SplittableRandom r) {
      int u = r.nextInt(100);
      return u < 45 ? "desktop" : u < 90 ? "mobile" : "tablet";
    }

    void click(Out clicks, String session, String cust, String type, String pid, String page, long ts, String dev) {
      long seq = ++eventSeq;
      if (rate > 0) {
        emit(clicks, new String[] {Fmt.id(eventPrefix, seq, 8), session, cust, type, pid, page, Fmt.ts(ts), dev});
      } else {
        // the hot path of a clean lake: a million events a day at scale 10, written without garbage
        clicks.sink.writeEvent(eventPrefix, seq, session, cust, type, pid, page, ts, dev);
      }
    }

    String page(String productId) {
      if (productId.length() == 7 && productId.charAt(1) != '9') {
        int i = Integer.parseInt(productId, 1, 7, 10) - 1;
        if (i >= 0 && i < pPage.length) {
          return pPage[i];
        }
      }
      return "/p/" + productId;
    }

    /** The session that ends in the order's purchase: page, views, carts, checkout, purchase. */
    void purchaseSession(OrderRec o, int nl, String[] pids, SplittableRandom r, Out clicks) {
      String dev = o.channel.equals("mobile") ? "mobile" : o.channel.equals("web")
          ? (r.nextInt(5) == 0 ? "tablet" : "desktop") : device(r);
      String session = Fmt.id(sessionPrefix, ++sessionSeq, 8);
      boolean extra = r.nextInt(100) < 10;
      // Lay the steps out first, then place them so that the purchase lands exactly on order_ts.
      int max = 3 + 2 * nl + 3;
      String[] type = new String[max];
      String[] pid = new String[max];
      String[] page = new String[max];
      long[] gap = new long[max];
      int k = 0;
      type[k] = "page_view";
      page[k++] = r.nextBoolean() ? "/" : "/search?q=" + Words.SEARCH_TERMS[r.nextInt(Words.SEARCH_TERMS.length)];
      for (int i = 0; i < nl; i++) {
        String pg = page(pids[i]);
        if (i == 0 || r.nextBoolean()) {
          type[k] = "product_view";
          pid[k] = pids[i];
          page[k] = pg;
          gap[k++] = 15 + r.nextInt(90);
        } else {
          pg = "/search"; // added straight from a listing
        }
        type[k] = "add_to_cart";
        pid[k] = pids[i];
        page[k] = pg;
        gap[k++] = 10 + r.nextInt(40);
      }
      if (extra) {
        String p = pId[pickProduct(r)];
        String[] ts3 = {"product_view", "add_to_cart", "remove_from_cart"};
        for (int j = 0; j < 3; j++) {
          type[k] = ts3[j];
          pid[k] = p;
          page[k] = j == 2 ? "/cart" : page(p);
          gap[k++] = 15 + r.nextInt(30);
        }
      }
      type[k] = "checkout_start";
      page[k] = "/checkout";
      gap[k++] = 20 + r.nextInt(60);
      type[k] = "purchase";
      page[k] = "/checkout/confirm";
      gap[k++] = 30 + r.nextInt(120);
      long span = 0;
      for (int i = 1; i < k; i++) {
        span += gap[i];
      }
      long t = o.ts - span;
      for (int i = 0; i < k; i++) {
        t += i == 0 ? 0 : gap[i];
        click(clicks, session, o.custId, type[i], pid[i], page[i], t, dev);
      }
    }

    /** Sessions that do not buy: most bounce, some browse, a few abandon a cart or a checkout. */
    void browsingSessions(int d, long count, Out clicks) {
      SplittableRandom r = rng(d, 4);
      for (long k = 0; k < count; k++) {
        String session = Fmt.id(sessionPrefix, ++sessionSeq, 8);
        String cust = r.nextInt(100) < 55 ? null : customerId(r.nextInt(cCount));
        String dev = device(r);
        long t = dayStart + safeSecondOfDay(r);
        click(clicks, session, cust, "page_view", null, "/", t, dev);
        if (r.nextInt(100) < 45) {
          continue; // bounce
        }
        int views = 1 + r.nextInt(3);
        String p = null;
        for (int i = 0; i < views; i++) {
          p = pId[pickProduct(r)];
          t += 20 + r.nextInt(120);
          click(clicks, session, cust, "product_view", p, page(p), t, dev);
        }
        if (r.nextInt(100) < 35) {
          t += 15 + r.nextInt(60);
          click(clicks, session, cust, "add_to_cart", p, page(p), t, dev);
          if (r.nextInt(100) < 40) {
            t += 30 + r.nextInt(300);
            click(clicks, session, cust, "checkout_start", null, "/checkout", t, dev);
          } else if (r.nextInt(100) < 20) {
            click(clicks, session, cust, "remove_from_cart", p, "/cart", t += 25, dev);
          }
        }
      }
    }

    // ---------------------------------------------------------------- reviews

    void reviewsDay(int d, Out out) {
      SplittableRandom r = rng(d, 5);
      ArrayList<OrderRec> due = reviews[d % RING];
      reviews[d % RING] = new ArrayList<>();
      int seq = 0;
      for (OrderRec o : due) {
        int rating = o.returned ? 1 + r.nextInt(2) : pick(RATING_CDF, r) + 1;
        String[] texts = Words.REVIEWS_BY_RATING[rating - 1];
        String text = r.nextInt(10) == 0 ? "" : texts[r.nextInt(texts.length)];
        emit(out, new String[] {"R" + dayCompact + "-" + Fmt.id("", ++seq, 7), o.id, o.firstProduct, o.custId,
            Integer.toString(rating), text, Fmt.ts(dayStart + secondOfDay(r))});
      }
    }
  }
}
