package io.ecompipeline.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean week at small scale: the files follow the contract, hold together, and tell a believable story. */
class CleanLakeTest {

  static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);
  @TempDir
  static Path tmp;
  static Path lake;
  static GenerationSummary summary;
  static List<Map<String, String>> orders;
  static List<Map<String, String>> items;
  static List<Map<String, String>> payments;
  static Map<String, Map<String, String>> firstOrder = new HashMap<>();
  static Map<String, String> category = new HashMap<>();

  @BeforeAll
  static void generate() {
    lake = tmp.resolve("lake");
    summary = new Generator().generate(new GeneratorConfig(lake, MONDAY, 7, 0.05, 42, 0.0));
    orders = Bronze.rows(lake, "orders");
    items = Bronze.rows(lake, "order_items");
    payments = Bronze.rows(lake, "payments");
    for (Map<String, String> o : orders) {
      Map<String, String> prev = firstOrder.get(o.get("order_id"));
      if (prev == null || Rules.parseTs(o.get("updated_at")).isBefore(Rules.parseTs(prev.get("updated_at")))) {
        firstOrder.put(o.get("order_id"), o);
      }
    }
    for (Map<String, String> p : Bronze.rows(lake, "products")) {
      category.put(p.get("product_id"), p.get("category")); // files are read in date order: latest wins
    }
  }

  static Set<String> ids(String entity, String column) {
    Set<String> s = new HashSet<>();
    for (Map<String, String> r : Bronze.rows(lake, entity)) {
      s.add(r.get(column));
    }
    return s;
  }

  @Test
  void writesOneFilePerEntityAndDayWithContractNamesAndAManifest() {
    for (int d = 0; d < 7; d++) {
      String date = MONDAY.plusDays(d).toString();
      for (BronzeEntity e : BronzeEntity.values()) {
        String name = e.dir + "_" + date + (e.jsonLines ? ".jsonl" : ".csv");
        assertThat(name, Files.exists(lake.resolve("bronze/" + e.dir + "/ingest_date=" + date + "/" + name)), is(true));
      }
      assertThat(Files.exists(lake.resolve("bronze/_generator/ingest_date=" + date + "/manifest.json")), is(true));
    }
    assertThat(summary.files(), hasSize(7 * 8));
    assertThat(summary.quarantinable(), is(0L));
    summary.defects().values().forEach(v -> assertThat(v, is(0L)));
    summary.variations().values().forEach(v -> assertThat(v, is(0L)));
  }

  @Test
  void cleanFilesFollowTheContract() {
    Pattern iso = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})?");
    for (BronzeEntity e : BronzeEntity.values()) {
      for (Bronze.ParsedFile f : Bronze.files(lake, e.dir)) {
        assertThat(f.bom() || f.crlf() || f.gzip(), is(false));
        if (!e.jsonLines) {
          assertThat(f.rawHeader(), is(String.join(",", e.columns())));
          for (List<String> r : f.records()) {
            assertThat(f.path() + " " + r, r.size(), is(e.columns().size()));
          }
        }
        Instant limit = LocalDate.parse(f.ingestDate()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (Map<String, String> r : f.rows()) {
          if (e.jsonLines) {
            assertThat(r.keySet(), contains(e.columns().toArray()));
          }
          assertThat(f.path() + " " + r, Rules.check(e.dir, r, f.ingestDate()), is(nullValue()));
          for (String c : Rules.TS_COLS) {
            String v = r.get(c);
            if (v != null && !v.isEmpty()) {
              assertThat(v, iso.matcher(v).matches(), is(true));
              assertThat("no clean timestamp after its ingest date: " + r, Rules.parseTs(v).isAfter(limit), is(false));
            }
          }
          for (String c : Rules.MONEY_COLS) {
            String v = r.get(c);
            if (v != null && !v.isEmpty()) {
              assertThat(v, matchesPattern("\\d+\\.\\d{2}"));
            }
          }
        }
      }
    }
  }

  @Test
  void everyReferenceResolvesAndPaymentsAddUpToOrderTotals() {
    Set<String> customers = ids("customers", "customer_id");
    Set<String> products = ids("products", "product_id");
    Set<String> orderIds = firstOrder.keySet();
    for (Map<String, String> o : orders) {
      assertThat(o.get("customer_id"), customers.contains(o.get("customer_id")), is(true));
    }
    Map<String, BigDecimal> totals = new HashMap<>();
    for (Map<String, String> l : items) {
      assertThat(l.get("product_id"), products.contains(l.get("product_id")), is(true));
      assertThat(l.get("order_id"), orderIds.contains(l.get("order_id")), is(true));
      BigDecimal q = new BigDecimal(l.get("quantity"));
      BigDecimal net = q.multiply(new BigDecimal(l.get("unit_price")))
          .subtract(l.get("discount_amount").isEmpty() ? BigDecimal.ZERO : new BigDecimal(l.get("discount_amount")));
      totals.merge(l.get("order_id"), net, BigDecimal::add);
    }
    for (Map<String, String> o : firstOrder.values()) {
      totals.merge(o.get("order_id"), new BigDecimal(o.get("shipping_amount")), BigDecimal::add);
    }
    // the latest version of each payment (a boleto is authorized, then captured under the same id)
    Map<String, Map<String, String>> latest = new HashMap<>();
    for (Map<String, String> p : payments) {
      assertThat(p.get("order_id"), orderIds.contains(p.get("order_id")), is(true));
      latest.put(p.get("payment_id"), p);
    }
    Map<String, BigDecimal> paid = new HashMap<>();
    for (Map<String, String> p : latest.values()) {
      String s = p.get("status").toLowerCase();
      if (s.equals("captured") || s.equals("authorized")) {
        paid.merge(p.get("order_id"), new BigDecimal(p.get("amount")), BigDecimal::add);
      }
    }
    assertThat(paid.keySet(), is(orderIds));
    for (String id : orderIds) {
      assertThat(id, paid.get(id), comparesEqualTo(totals.get(id)));
    }
    Set<String> reviewOrders = ids("reviews", "order_id");
    assertThat(reviewOrders, is(not(empty())));
    assertThat(orderIds.containsAll(reviewOrders), is(true));
  }

  @Test
  void dimensionsChangeDailyWithUpdatedAtOnTheIngestDate() {
    for (String entity : List.of("customers", "products")) {
      List<Bronze.ParsedFile> files = Bronze.files(lake, entity);
      int full = files.get(0).records().size();
      for (Bronze.ParsedFile f : files.subList(1, files.size())) {
        assertThat(f.records().size(), is(both(greaterThan(0)).and(lessThan(full / 10 + 10))));
        for (Map<String, String> r : f.rows()) {
          assertThat(Rules.parseTs(r.get("updated_at")).atZone(ZoneOffset.UTC).toLocalDate().toString(),
              is(f.ingestDate()));
        }
      }
    }
    assertThat(Bronze.files(lake, "customers").get(0).records().size(), is(1000));
    assertThat(Bronze.files(lake, "products").get(0).records().size(), is(greaterThanOrEqualTo(200)));
  }

  @Test
  void ordersMoveThroughTheirLifecycleOnLaterDays() {
    Map<String, Set<String>> statuses = new HashMap<>();
    for (Map<String, String> o : orders) {
      statuses.computeIfAbsent(o.get("status").toLowerCase(), k -> new HashSet<>()).add(o.get("_ingest_date"));
      Map<String, String> first = firstOrder.get(o.get("order_id"));
      assertThat(o.get("order_ts"), is(first.get("order_ts")));
    }
    assertThat(statuses.keySet(), hasItems("placed", "paid", "shipped", "delivered", "cancelled", "returned"));
    assertThat(statuses.get("returned"), not(hasItem(MONDAY.toString())));
    long refunds = payments.stream().filter(p -> p.get("status").equals("refunded")).count();
    assertThat(refunds, greaterThan(0L));
  }

  @Test
  void weekendsAndEveningsSellMore() {
    Map<DayOfWeek, Integer> perDay = new TreeMap<>();
    int[] perHour = new int[24];
    for (Map<String, String> o : firstOrder.values()) {
      var ts = Rules.parseTs(o.get("order_ts")).atZone(ZoneOffset.UTC);
      perDay.merge(ts.getDayOfWeek(), 1, Integer::sum);
      perHour[ts.getHour()]++;
    }
    double weekday = (perDay.get(DayOfWeek.MONDAY) + perDay.get(DayOfWeek.TUESDAY) + perDay.get(DayOfWeek.WEDNESDAY)
        + perDay.get(DayOfWeek.THURSDAY)) / 4.0;
    double weekend = (perDay.get(DayOfWeek.SATURDAY) + perDay.get(DayOfWeek.SUNDAY)) / 2.0;
    assertThat(weekend / weekday, is(both(greaterThan(1.15)).and(lessThan(1.6))));
    int evening = perHour[19] + perHour[20] + perHour[21];
    int morning = perHour[7] + perHour[8] + perHour[9];
    assertThat(evening, greaterThan(2 * morning));
  }

  @Test
  void fewProductsSellMostUnitsAndElectronicsEarnMost() {
    Map<String, Long> units = new HashMap<>();
    Map<String, BigDecimal> revenue = new TreeMap<>();
    int[] linesPerOrder = new int[7];
    Map<String, Integer> lines = new HashMap<>();
    for (Map<String, String> l : items) {
      long q = Long.parseLong(l.get("quantity"));
      units.merge(l.get("product_id"), q, Long::sum);
      revenue.merge(category.get(l.get("product_id")),
          new BigDecimal(l.get("unit_price")).multiply(BigDecimal.valueOf(q)), BigDecimal::add);
      lines.merge(l.get("order_id"), 1, Integer::sum);
    }
    List<Long> sorted = new ArrayList<>(units.values());
    sorted.sort(Comparator.reverseOrder());
    long all = sorted.stream().mapToLong(Long::longValue).sum();
    int top = (int) Math.ceil(category.size() * 0.2);
    long topUnits = sorted.stream().limit(top).mapToLong(Long::longValue).sum();
    assertThat((double) topUnits / all, greaterThan(0.6));
    String best = revenue.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(best, is("electronics"));
    lines.values().forEach(n -> linesPerOrder[n]++);
    assertThat(linesPerOrder[0] + linesPerOrder[6], is(0));
    double avg = (double) items.size() / lines.size();
    assertThat(avg, is(both(greaterThan(2.2)).and(lessThan(2.8))));
  }

  @Test
  void repeatCustomersBringMostRevenueAfterAFewDays() {
    Map<String, LocalDate> firstDay = new HashMap<>();
    List<Map<String, String>> byTime = new ArrayList<>(firstOrder.values());
    byTime.sort(Comparator.comparing(o -> Rules.parseTs(o.get("order_ts"))));
    Map<String, BigDecimal> orderTotal = new HashMap<>();
    for (Map<String, String> l : items) {
      orderTotal.merge(l.get("order_id"), new BigDecimal(l.get("unit_price"))
          .multiply(new BigDecimal(l.get("quantity"))), BigDecimal::add);
    }
    BigDecimal repeat = BigDecimal.ZERO;
    BigDecimal all = BigDecimal.ZERO;
    for (Map<String, String> o : byTime) {
      LocalDate day = Rules.parseTs(o.get("order_ts")).atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate first = firstDay.putIfAbsent(o.get("customer_id"), day);
      if (!day.isBefore(MONDAY.plusDays(3))) {
        BigDecimal t = orderTotal.getOrDefault(o.get("order_id"), BigDecimal.ZERO);
        all = all.add(t);
        if (first != null && first.isBefore(day)) {
          repeat = repeat.add(t);
        }
      }
    }
    assertThat(repeat.doubleValue() / all.doubleValue(), greaterThan(0.5));
  }

  @Test
  void aboutThreePercentOfPaymentsFailAndAreFollowedByASuccessfulOne() {
    Map<String, Map<String, String>> latest = new HashMap<>();
    payments.forEach(p -> latest.put(p.get("payment_id"), p));
    long failed = latest.values().stream().filter(p -> p.get("status").equals("failed")).count();
    double rate = (double) failed / latest.size();
    assertThat(rate, is(both(greaterThan(0.015)).and(lessThan(0.05))));
    Set<String> okOrders = new HashSet<>();
    latest.values().stream().filter(p -> !p.get("status").equals("failed")).forEach(p -> okOrders.add(p.get("order_id")));
    latest.values().stream().filter(p -> p.get("status").equals("failed"))
        .forEach(p -> assertThat(p.get("order_id"), okOrders.contains(p.get("order_id")), is(true)));
    long split = latest.values().stream().filter(p -> p.get("method").equals("voucher")).count();
    assertThat(split, greaterThan(0L));
  }

  @Test
  void clickstreamWalksTheFunnelAndEndsInEachOrdersPurchase() {
    List<Map<String, String>> events = Bronze.rows(lake, "clickstream");
    Map<String, Integer> byType = new HashMap<>();
    Map<String, String> purchaseCustomerBySession = new HashMap<>();
    Map<String, Set<LocalDate>> sessionDates = new HashMap<>();
    long anonymous = 0;
    for (Map<String, String> e : events) {
      byType.merge(e.get("event_type"), 1, Integer::sum);
      if (e.get("customer_id") == null) {
        anonymous++;
      }
      if (e.get("event_type").equals("purchase")) {
        purchaseCustomerBySession.put(e.get("session_id"), e.get("customer_id"));
      }
      sessionDates.computeIfAbsent(e.get("session_id"), k -> new HashSet<>())
          .add(Rules.parseTs(e.get("event_ts")).atZone(ZoneOffset.UTC).toLocalDate());
    }
    assertThat(byType.get("page_view"), greaterThan(byType.get("product_view") / 2));
    assertThat(byType.get("product_view"), greaterThan(byType.get("checkout_start")));
    assertThat(byType.get("add_to_cart"), greaterThan(byType.get("checkout_start")));
    assertThat(byType.get("checkout_start"), greaterThan(byType.get("purchase")));
    assertThat(byType.get("purchase"), is(firstOrder.size()));
    assertThat(byType, hasKey("remove_from_cart"));
    assertThat(anonymous, greaterThan(0L));
    Map<String, Integer> purchasesPerCustomer = new HashMap<>();
    purchaseCustomerBySession.values().forEach(c -> purchasesPerCustomer.merge(c, 1, Integer::sum));
    Map<String, Integer> ordersPerCustomer = new HashMap<>();
    firstOrder.values().forEach(o -> ordersPerCustomer.merge(o.get("customer_id"), 1, Integer::sum));
    assertThat(purchasesPerCustomer, is(ordersPerCustomer));
    assertThat(sessionDates.values().stream().filter(s -> s.size() > 1).count(), greaterThan(0L));
  }

  @Test
  void reviewsAreMostlyPositiveAndCarryAwkwardText() {
    List<Map<String, String>> reviews = Bronze.rows(lake, "reviews");
    assertThat(reviews.size(), greaterThan(20));
    double avg = reviews.stream().mapToInt(r -> Integer.parseInt(r.get("rating"))).average().orElse(0);
    assertThat(avg, greaterThan(3.6));
    String all = String.join("|", reviews.stream().map(r -> r.get("review_text")).toList());
    assertThat(all, containsString(","));
    assertThat(all, containsString("\""));
    assertThat(all, containsString("\n"));
    assertThat(all.chars().anyMatch(c -> c > 127), is(true));
  }
}
