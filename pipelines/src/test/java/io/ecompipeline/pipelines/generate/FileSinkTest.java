package io.ecompipeline.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written encoders: RFC 4180 quoting, UTF-8, JSON escapes, and the event fast path. */
class FileSinkTest {

  @TempDir
  Path tmp;

  @Test
  void theEventFastPathWritesTheSameBytesAsTheGeneralOne() throws IOException {
    long ts = 1_735_689_600L + 3723; // 2025-01-01T01:02:03Z
    FileSink a = new FileSink(tmp.resolve("a.jsonl"), BronzeEntity.CLICKSTREAM, FileSink.Variation.NONE, -1);
    a.write(new String[] {Fmt.id("E20250101-", 42, 8), "S1", null, "page_view", null, "/search?q=\"tv\"", Fmt.ts(ts),
        "mobile"});
    a.write(new String[] {Fmt.id("E20250101-", 123456789, 8), "S1", "C00000001", "add_to_cart", "P000001", "/p/P000001",
        Fmt.ts(ts + 86400 * 400), "desktop"});
    a.close();
    FileSink b = new FileSink(tmp.resolve("b.jsonl"), BronzeEntity.CLICKSTREAM, FileSink.Variation.NONE, -1);
    b.writeEvent("E20250101-", 42, "S1", null, "page_view", null, "/search?q=\"tv\"", ts, "mobile");
    b.writeEvent("E20250101-", 123456789, "S1", "C00000001", "add_to_cart", "P000001", "/p/P000001", ts + 86400 * 400,
        "desktop");
    b.close();
    assertThat(Files.readString(tmp.resolve("b.jsonl")), is(Files.readString(tmp.resolve("a.jsonl"))));
    assertThat(Files.readString(tmp.resolve("a.jsonl")), startsWith(
        "{\"event_id\":\"E20250101-00000042\",\"session_id\":\"S1\",\"customer_id\":null,\"event_type\":\"page_view\","
            + "\"product_id\":null,\"page\":\"/search?q=\\\"tv\\\"\",\"event_ts\":\"2025-01-01T01:02:03Z\""));
  }

  @Test
  void csvFieldsAreQuotedOnlyWhenTheyMustBeAndTextIsUtf8() throws IOException {
    Path p = tmp.resolve("r.csv");
    FileSink s = new FileSink(p, BronzeEntity.REVIEWS, FileSink.Variation.CRLF, -1);
    s.write(new String[] {"R1", "O1", "P1", "C1", "5", "Ótimo, chegou \"rápido\"!\nRecomendo 😍", "2025-01-01T10:00:00Z"});
    s.write(new String[] {"R2", null, "", "C1", "4", "plain", "2025-01-01T10:00:00Z"});
    s.close();
    String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    assertThat(text, is("review_id,order_id,product_id,customer_id,rating,review_text,review_ts\r\n"
        + "R1,O1,P1,C1,5,\"Ótimo, chegou \"\"rápido\"\"!\nRecomendo 😍\",2025-01-01T10:00:00Z\r\n"
        + "R2,,,C1,4,plain,2025-01-01T10:00:00Z\r\n"));
    List<List<String>> back = Bronze.parseCsv(text);
    assertThat(back.get(1).get(5), is("Ótimo, chegou \"rápido\"!\nRecomendo 😍"));
  }

  @Test
  void moneyAndTimestampsAreFormattedByHand() {
    assertThat(Fmt.money(1990), is("19.90"));
    assertThat(Fmt.money(5), is("0.05"));
    assertThat(Fmt.money(-1234), is("-12.34"));
    assertThat(Fmt.ts(1_735_689_600L), is("2025-01-01T00:00:00Z"));
    assertThat(Fmt.ts(1_735_689_600L, Fmt.TS_MINUS3), is("2024-12-31T21:00:00-03:00"));
    assertThat(Fmt.ts(1_735_689_600L, Fmt.TS_PLUS2), is("2025-01-01T02:00:00+02:00"));
    assertThat(Fmt.ts(1_735_689_600L, Fmt.TS_NO_OFFSET), is("2025-01-01T00:00:00"));
    assertThat(Fmt.id("O", 42, 7), is("O0000042"));
  }
}
