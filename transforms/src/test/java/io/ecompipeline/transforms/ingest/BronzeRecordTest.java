package io.ecompipeline.transforms.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class BronzeRecordTest {
  @Test
  void coderRoundTripsAndIsDeterministic() throws Exception {
    Map<String, String> f = new HashMap<>();
    f.put("Order_ID", "o1");
    f.put("channel", "");
    f.put("status", "paid");
    BronzeRecord r = BronzeRecord.of("orders", f, "o1,,paid", "/lake/x.csv", 4, LocalDate.of(2024, 3, 1));
    BronzeRecord bad = BronzeRecord.failed("orders", "o1,\"", "/lake/x.csv", 5, LocalDate.of(2024, 3, 1),
        "malformed_record", "unterminated");
    Coder<BronzeRecord> coder = BronzeRecord.RecordCoder.of();
    CoderProperties.coderDecodeEncodeEqual(coder, r);
    CoderProperties.coderDecodeEncodeEqual(coder, bad);
    CoderProperties.coderDeterministic(coder, r, BronzeRecord.of("orders", new HashMap<>(Map.of("status", "paid", "channel", "",
        "order_id", "o1")), "o1,,paid", "/lake/x.csv", 4, LocalDate.of(2024, 3, 1)));
    assertThat(r.field("order_id"), equalTo("o1"));
    assertThat(r.fields().containsKey("channel"), equalTo(true));
    assertThat(r.field("channel"), equalTo(null));
  }

  @Test
  void defaultCoderIsFoundWithoutSettingIt() throws Exception {
    org.apache.beam.sdk.Pipeline p = io.ecompipeline.transforms.testing.Pipelines.create();
    assertThat(p.getCoderRegistry().getCoder(BronzeRecord.class) instanceof BronzeRecord.RecordCoder, equalTo(true));
    assertThat(p.getCoderRegistry().getCoder(io.ecompipeline.transforms.quality.QuarantineRecord.class)
        instanceof io.ecompipeline.transforms.quality.QuarantineRecord.RecordCoder, equalTo(true));
  }

  @Test
  void csvReaderHandlesLoneCrAndTrailingLineWithoutNewline() throws Exception {
    CsvReader csv = new CsvReader(new StringReader("a,b\r1,\"x\"\"y\"\n2,3"));
    assertThat(csv.next().fields(), equalTo(List.of("a", "b")));
    CsvReader.CsvRecord one = csv.next();
    assertThat(one.fields(), equalTo(List.of("1", "x\"y")));
    assertThat(one.line(), equalTo(2L));
    CsvReader.CsvRecord two = csv.next();
    assertThat(two.fields(), equalTo(List.of("2", "3")));
    assertThat(two.line(), equalTo(3L));
    assertThat(csv.next(), equalTo(null));
  }
}
