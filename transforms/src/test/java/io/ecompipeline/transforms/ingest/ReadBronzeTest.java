package io.ecompipeline.transforms.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.ecompipeline.transforms.quality.RuleCodes;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Pipelines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBronzeTest {
  private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

  @TempDir Path lake;

  private Path folder(String entity) throws IOException {
    Path p = lake.resolve("bronze/" + entity + "/ingest_date=" + DAY);
    Files.createDirectories(p);
    return p;
  }

  private static List<BronzeRecord> sorted(Iterable<BronzeRecord> it) {
    List<BronzeRecord> l = Pipelines.list(it);
    l.sort(Comparator.comparing(BronzeRecord::sourceFile).thenComparing(BronzeRecord::line));
    return l;
  }

  @Test
  void csvWithBomCrlfReorderedUpperCaseHeadersAndQuotedFieldsIsParsedWithLineNumbers() throws IOException {
    Path f = folder("customers").resolve("export.csv");
    String csv = "\uFEFFREGION,Customer_ID,Country,Updated_At,First_Name,Loyalty_Score\r\n"
        + "north,c1,BR,2024-03-01T10:00:00Z,\"Silva, Ana\",7\r\n"
        + "south,c2,BR,2024-03-01T11:00:00Z,\"Jo \"\"JJ\"\" \r\nO'Neil\",3\r\n"
        + "\r\n"
        + "east,c3,BR,2024-03-01T12:00:00Z,,1\r\n";
    Files.writeString(f, csv, StandardCharsets.UTF_8);
    String path = f.toString();
    Pipeline p = Pipelines.create();
    PCollection<BronzeRecord> records = p.apply(ReadBronze.of(lake.toString(), SilverTables.CUSTOMERS, DAY));
    PAssert.that(records).satisfies(it -> {
      List<BronzeRecord> l = sorted(it);
      assertThat(l, hasSize(3));
      BronzeRecord ana = l.get(0);
      assertThat(ana.line(), equalTo(2L));
      assertThat(ana.field("customer_id"), equalTo("c1"));
      assertThat(ana.field("region"), equalTo("north"));
      assertThat(ana.field("first_name"), equalTo("Silva, Ana"));
      assertThat(ana.fields().containsKey("loyalty_score"), equalTo(false));
      assertThat(ana.rawText(), equalTo("north,c1,BR,2024-03-01T10:00:00Z,\"Silva, Ana\",7"));
      assertThat(ana.sourceFile(), equalTo(path));
      assertThat(ana.ingestDate(), equalTo(DAY));
      BronzeRecord jo = l.get(1);
      assertThat(jo.line(), equalTo(3L));
      assertThat(jo.field("first_name"), equalTo("Jo \"JJ\" \r\nO'Neil"));
      BronzeRecord c3 = l.get(2);
      assertThat("a quoted newline and a blank line both advance the line count", c3.line(), equalTo(6L));
      assertThat(c3.field("first_name"), nullValue());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void gzippedCsvAndJsonLinesAreRead() throws IOException {
    Path gz = folder("orders").resolve("part-1.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(("order_id,customer_id,order_ts,status,currency,updated_at\n"
          + "o1,c1,2024-03-01 09:00:00,PAID,brl,2024-03-01T09:00:00Z\n").getBytes(StandardCharsets.UTF_8));
    }
    Path jl = folder("clickstream").resolve("events.jsonl");
    Files.writeString(jl,
        "{\"event_id\":\"e1\",\"session_id\":\"s1\",\"customer_id\":null,\"event_type\":\"page_view\",\"event_ts\":\"2024-03-01T08:00:00Z\",\"extra\":1}\n"
            + "{\"event_id\":\"e2\",\"session_id\":\"s1\",\"customer_id\":\"c9\",\"event_type\":\"purchase\"\n"
            + "{\"EVENT_ID\":\"e3\",\"session_id\":\"s1\",\"customer_id\":\"\",\"event_type\":\"add_to_cart\",\"event_ts\":\"2024-03-01T08:02:00Z\"}\n");
    Pipeline p = Pipelines.create();
    PCollection<BronzeRecord> orders = p.apply("orders", ReadBronze.of(lake.toString(), SilverTables.ORDERS, DAY));
    PCollection<BronzeRecord> clicks = p.apply("clicks", ReadBronze.of(lake.toString() + "/", SilverTables.CLICKSTREAM, DAY));
    PAssert.that(orders).satisfies(it -> {
      List<BronzeRecord> l = sorted(it);
      assertThat(l, hasSize(1));
      assertThat(l.get(0).field("status"), equalTo("PAID"));
      assertThat(l.get(0).line(), equalTo(2L));
      return null;
    });
    PAssert.that(clicks).satisfies(it -> {
      List<BronzeRecord> l = sorted(it);
      assertThat(l, hasSize(3));
      assertThat(l.get(0).fields().containsKey("customer_id"), equalTo(true));
      assertThat(l.get(0).field("customer_id"), nullValue());
      assertThat(l.get(0).fields().containsKey("extra"), equalTo(false));
      assertThat(l.get(1).errorRule(), equalTo(RuleCodes.MALFORMED_RECORD));
      assertThat(l.get(1).line(), equalTo(2L));
      assertThat(l.get(1).errorMessage(), containsString("not valid JSON"));
      assertThat(l.get(2).field("event_id"), equalTo("e3"));
      assertThat(l.get(2).field("customer_id"), nullValue());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void fileMissingARequiredColumnIsRejectedWholeNamingFileAndColumn() throws IOException {
    Path f = folder("customers").resolve("no_region.csv");
    Files.writeString(f, "customer_id,country,updated_at\nc1,BR,2024-03-01T10:00:00Z\nc2,BR,2024-03-01T10:00:00Z\n");
    String path = f.toString();
    Pipeline p = Pipelines.create();
    PCollection<BronzeRecord> records = p.apply(ReadBronze.of(lake.toString(), SilverTables.CUSTOMERS, DAY));
    PAssert.that(records).satisfies(it -> {
      List<BronzeRecord> l = sorted(it);
      assertThat(l, hasSize(2));
      assertThat(l.stream().map(BronzeRecord::errorRule).toList(), everyItem(equalTo(RuleCodes.MISSING_COLUMN)));
      assertThat(l.get(0).errorMessage(), containsString(path));
      assertThat(l.get(0).errorMessage(), containsString("region"));
      assertThat(l.stream().map(BronzeRecord::line).toList(), containsInAnyOrder(2L, 3L));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void malformedLinesCarryTheirErrorAndTheRestOfTheFileIsRead() throws IOException {
    Path f = folder("payments").resolve("p.csv");
    Files.writeString(f, "payment_id,order_id,payment_ts,method,amount,status\n"
        + "p1,o1,2024-03-01T10:00:00Z,paypal,10.00,captured\n"
        + "p2,o1,2024-03-01T10:00:00Z,paypal,10.00\n"
        + "p3,o1,2024-03-01T10:00:00Z,\"pay\"pal,10.00,captured\n"
        + "p4,o1,2024-03-01T10:00:00Z,paypal,10.00,captured\n"
        + "p5,\"o1,2024-03-01T10:00:00Z,paypal,10.00,captured\n");
    Pipeline p = Pipelines.create();
    PCollection<BronzeRecord> records = p.apply(ReadBronze.of(lake.toString(), SilverTables.PAYMENTS, DAY));
    PAssert.that(records).satisfies(it -> {
      List<BronzeRecord> l = sorted(it);
      assertThat(l.stream().map(r -> r.line() + ":" + r.errorRule()).toList(),
          equalTo(List.of("2:null", "3:malformed_record", "4:malformed_record", "5:null", "6:malformed_record")));
      assertThat(l.get(1).errorMessage(), containsString("expected 6 fields"));
      assertThat(l.get(4).errorMessage(), containsString("unterminated"));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void missingFolderGivesNoRecords() {
    Pipeline p = Pipelines.create();
    PCollection<BronzeRecord> records = p.apply(ReadBronze.of(lake.toString(), SilverTables.REVIEWS, DAY));
    PAssert.that(records).empty();
    p.run().waitUntilFinish();
  }
}
