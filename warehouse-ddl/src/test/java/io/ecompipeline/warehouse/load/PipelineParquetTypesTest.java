package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecompipeline.warehouse.testing.GoldParquet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB (the embedded warehouse and the PostgreSQL path's Parquet reader) reads the pipeline's
 * physical types exactly: FIXED_LEN_BYTE_ARRAY(8) decimal(18,2), FIXED(4) decimal(9,4), INT64
 * timestamp-micros (UTC), INT32 date.
 */
class PipelineParquetTypesTest {
  @TempDir Path tmp;

  @Test
  void fixedDecimalsMicrosTimestampsAndDatesReadBackExactly() throws Exception {
    Object[] row = {"2024-01", "p-1", 3L, new BigDecimal("-1234567890123456.78"), 1L, new BigDecimal("99999.9999"), 2L, new BigDecimal("0.0001")};
    Object[] row2 = {"2024-01", "p-2", 1L, new BigDecimal("9999999999999999.99"), 0L, new BigDecimal("-0.5000"), 0L, new BigDecimal("4.2500")};
    Path f = GoldParquet.write(tmp.resolve("pp.parquet"), "product_performance", GoldParquet.rows(row, row2));
    Object[] dim = {-1L, "unknown", null, "", "unknown", "unknown", "unknown", null, new BigDecimal("0.01"), null,
        Instant.parse("2024-02-29T23:59:59.999999Z"), Instant.parse("9999-12-31T00:00:00Z"), true, 1};
    Path d = GoldParquet.write(tmp.resolve("dp.parquet"), "dim_product", GoldParquet.rows(dim));
    Object[] ltv = {"c-1", LocalDate.parse("1970-01-01"), LocalDate.parse("2024-02-29"), 1L, new BigDecimal("0.00"), new BigDecimal("0.00"), "low"};
    Path l = GoldParquet.write(tmp.resolve("ltv.parquet"), "customer_ltv", GoldParquet.rows(ltv));

    try (Connection c = ParquetFiles.openInMemory(); Statement st = c.createStatement()) {
      assertThat(types(st, f), equalTo(List.of("VARCHAR", "VARCHAR", "BIGINT", "DECIMAL(18,2)", "BIGINT", "DECIMAL(9,4)", "BIGINT", "DECIMAL(9,4)")));
      assertThat(column(st, "SELECT net_revenue::VARCHAR FROM " + ParquetFiles.readParquet(List.of(f.toString())) + " ORDER BY product_id"),
          equalTo(List.of("-1234567890123456.78", "9999999999999999.99")));
      assertThat(column(st, "SELECT return_rate::VARCHAR FROM " + ParquetFiles.readParquet(List.of(f.toString())) + " ORDER BY product_id"),
          equalTo(List.of("99999.9999", "-0.5000")));
      // timestamp-micros is an instant (TIMESTAMP WITH TIME ZONE) read in the UTC session zone
      assertThat(column(st, "SELECT CAST(valid_from AS TIMESTAMP)::VARCHAR || ' / ' || CAST(valid_to AS TIMESTAMP)::VARCHAR FROM "
              + ParquetFiles.readParquet(List.of(d.toString()))),
          equalTo(List.of("2024-02-29 23:59:59.999999 / 9999-12-31 00:00:00")));
      assertThat(column(st, "SELECT CASE WHEN sku IS NULL THEN 'null' ELSE 'value' END || '/' || length(name) FROM "
              + ParquetFiles.readParquet(List.of(d.toString()))),
          equalTo(List.of("null/0")));
      assertThat(column(st, "SELECT first_order_date::VARCHAR || ' ' || last_order_date::VARCHAR FROM "
              + ParquetFiles.readParquet(List.of(l.toString()))),
          equalTo(List.of("1970-01-01 2024-02-29")));
    }
  }

  private static List<String> types(Statement st, Path f) throws Exception {
    return column(st, "SELECT column_type FROM (DESCRIBE SELECT * FROM " + ParquetFiles.readParquet(List.of(f.toString())) + ")");
  }

  private static List<String> column(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
