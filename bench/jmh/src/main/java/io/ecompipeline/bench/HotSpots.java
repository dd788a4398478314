package io.ecompipeline.bench;

import io.ecompipeline.transforms.ingest.BronzeRecord;
import io.ecompipeline.transforms.ingest.CsvReader;
import io.ecompipeline.transforms.io.ParquetWrites;
import io.ecompipeline.transforms.quality.QualityRules;
import io.ecompipeline.transforms.quality.RecordValidator;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.values.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-record cost of hot spots every order line goes through: CSV parsing and validation into a
 * typed row, and the sorted Parquet write of the rows. Scores are in ns per
 * order line (each invocation handles {@link #LINES} lines), to compare with the end-to-end
 * cost per line in docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HotSpots {
  static final int LINES = 10_000;
  static final int CUSTOMERS = 50_000;
  static final LocalDate RUN_DATE = LocalDate.of(2025, 1, 2);
  static final Table TABLE = SilverTables.ORDER_ITEMS;

  String csv;
  List<BronzeRecord> records;
  RecordValidator validator;
  List<Row> rows;
  List<Row> customers;

  @Setup
  public void setup() throws Exception {
    StringBuilder sb = new StringBuilder("order_id,line_number,product_id,quantity,unit_price,discount_amount\r\n");
    for (int i = 0; i < LINES; i++) {
      sb.append("O20250102-").append(String.format("%07d", i / 2)).append(',').append(i % 2 + 1)
          .append(",P").append(String.format("%06d", i % 1000)).append(',').append(i % 3 + 1)
          .append(',').append(10 + i % 500).append(".90,").append(i % 4 == 0 ? "1.50" : "").append("\r\n");
    }
    csv = sb.toString();
    records = parse();
    validator = new RecordValidator(TABLE, QualityRules.defaults(), RUN_DATE);
    rows = new ArrayList<>(LINES);
    for (BronzeRecord r : records) {
      RecordValidator.Outcome o = validator.validate(r);
      if (!o.isValid()) throw new IllegalStateException(o.rule() + ": " + o.message());
      rows.add(o.row());
    }
    customers = new ArrayList<>(CUSTOMERS);
    String[] regions = {"north", "northeast", "south", "southeast", "central-west"};
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.add(SilverTables.CUSTOMERS.row()
          .withFieldValue("customer_id", String.format("C%08d", i))
          .withFieldValue("email", "name" + i % 300 + ".surname" + i + "@example.com")
          .withFieldValue("first_name", "Name" + i % 300)
          .withFieldValue("last_name", "Surname" + i % 900)
          .withFieldValue("phone", String.format("+55 11 9%04d-%04d", i / 10_000, i % 10_000))
          .withFieldValue("city", "City" + i % 400)
          .withFieldValue("state", "S" + i % 27)
          .withFieldValue("region", regions[i % regions.length])
          .withFieldValue("country", "BR")
          .withFieldValue("segment", i % 10 == 0 ? "gold" : "standard")
          .withFieldValue("updated_at", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 7L))
          .withFieldValue("source_file", "bronze/customers/ingest_date=2025-01-02/customers_2025-01-02.csv")
          .withFieldValue("source_line", i + 2L)
          .withFieldValue("ingest_date", RUN_DATE)
          .build());
    }
  }

  private List<BronzeRecord> parse() throws Exception {
    List<BronzeRecord> out = new ArrayList<>(LINES);
    try (CsvReader reader = new CsvReader(new StringReader(csv))) {
      List<String> header = reader.next().fields();
      CsvReader.CsvRecord rec;
      while ((rec = reader.next()) != null) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          String v = rec.fields().get(i);
          fields.put(header.get(i), v.isEmpty() ? null : v);
        }
        out.add(BronzeRecord.of("order_items", fields, rec.raw(), "bench.csv", rec.line(), RUN_DATE));
      }
    }
    return out;
  }

  /** CSV bytes → BronzeRecord (tokenising, header mapping, lineage). */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public List<BronzeRecord> csvParse() throws Exception {
    return parse();
  }

  /** BronzeRecord → typed Beam Row (required, types, enums, ranges), or the failing rule. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void validate(Blackhole bh) {
    for (BronzeRecord r : records) bh.consume(validator.validate(r));
  }

  /**
   * Customers as silver holds them, enough of them that a dictionary of their e-mails and phones
   * outgrows its page, as in a real customers file (200,000 rows at scale 10).
   */
  @Benchmark
  @OperationsPerInvocation(CUSTOMERS)
  public int parquetWriteCustomers() throws Exception {
    return ParquetWrites.write(SilverTables.CUSTOMERS, customers);
  }

  /** Typed rows → one sorted, snappy-compressed Parquet file in memory (what each lake file costs). */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int parquetWrite() throws Exception {
    return ParquetWrites.write(TABLE, rows);
  }
}
