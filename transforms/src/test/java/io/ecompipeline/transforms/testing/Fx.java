package io.ecompipeline.transforms.testing;

import io.ecompipeline.transforms.gold.BuildGold;
import io.ecompipeline.transforms.gold.GoldResult;
import io.ecompipeline.transforms.schema.Column;
import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.schema.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Test fixtures: a DirectRunner pipeline, silver rows with sensible defaults, readable projections. */
public final class Fx {
  private Fx() {}

  /** A DirectRunner pipeline (Beam's TestPipeline is a JUnit 4 rule). */
  public static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  public static Instant ts(String iso) {
    return Instant.parse(iso);
  }

  public static BigDecimal money(String amount) {
    return new BigDecimal(amount).setScale(2);
  }

  public static BigDecimal rate(String value) {
    return new BigDecimal(value).setScale(4);
  }

  public static PCollection<Row> create(Pipeline p, Table table, List<Row> rows) {
    return create(p, table.name(), table, rows);
  }

  public static PCollection<Row> create(Pipeline p, String name, Table table, List<Row> rows) {
    return p.apply(name, Create.of(rows).withCoder(table.rowCoder()));
  }

  /** A builder of one row; required columns left unset get a default or fail. */
  public static final class RowBuilder {
    private final Table table;
    private final Map<String, Object> values = new LinkedHashMap<>();

    RowBuilder(Table table) {
      this.table = table;
    }

    public RowBuilder with(String column, Object value) {
      table.column(column);
      values.put(column, value);
      return this;
    }

    public Row build() {
      Row.FieldValueBuilder b = Row.withSchema(table.beamSchema()).withFieldValues(Map.of());
      for (Column c : table.columns()) {
        Object v = values.containsKey(c.name()) ? values.get(c.name()) : defaultOf(c.name());
        if (v == null && c.required()) {
          throw new IllegalArgumentException("fixture for " + table.name() + " lacks " + c.name());
        }
        b = b.withFieldValue(c.name(), v);
      }
      return b.build();
    }

    private Object defaultOf(String column) {
      switch (column) {
        case "source_file":
          return "part-0.csv";
        case "source_line":
          return 2L;
        case "ingest_date":
          Object updated = values.get("updated_at");
          return updated == null ? LocalDate.of(2025, 1, 1) : LocalDate.ofInstant((Instant) updated, ZoneOffset.UTC);
        default:
          return null;
      }
    }
  }

  public static RowBuilder row(Table table) {
    return new RowBuilder(table);
  }

  public static RowBuilder customer(String id, String updatedAt) {
    return row(SilverTables.CUSTOMERS_HISTORY)
        .with("customer_id", id)
        .with("updated_at", ts(updatedAt))
        .with("region", "southeast")
        .with("country", "BR")
        .with("segment", "standard");
  }

  public static RowBuilder product(String id, String updatedAt, String category) {
    return row(SilverTables.PRODUCTS_HISTORY)
        .with("product_id", id)
        .with("updated_at", ts(updatedAt))
        .with("category", category)
        .with("is_active", true);
  }

  public static Row order(String id, String customerId, String orderTs, String status) {
    return row(SilverTables.ORDERS)
        .with("order_id", id)
        .with("customer_id", customerId)
        .with("order_ts", ts(orderTs))
        .with("status", status)
        .with("channel", "web")
        .with("currency", "BRL")
        .with("updated_at", ts(orderTs))
        .build();
  }

  public static Row line(String orderId, int lineNumber, String productId, int quantity, String unitPrice, String discount) {
    return row(SilverTables.ORDER_ITEMS)
        .with("order_id", orderId)
        .with("line_number", lineNumber)
        .with("product_id", productId)
        .with("quantity", quantity)
        .with("unit_price", money(unitPrice))
        .with("discount_amount", money(discount))
        .build();
  }

  public static Row payment(String id, String orderId, String paymentTs, String status, String amount) {
    return row(SilverTables.PAYMENTS)
        .with("payment_id", id)
        .with("order_id", orderId)
        .with("payment_ts", ts(paymentTs))
        .with("method", "credit_card")
        .with("installments", 1)
        .with("amount", money(amount))
        .with("status", status)
        .build();
  }

  public static Row review(String id, String productId, int rating, String reviewTs) {
    return row(SilverTables.REVIEWS)
        .with("review_id", id)
        .with("product_id", productId)
        .with("rating", rating)
        .with("review_ts", ts(reviewTs))
        .build();
  }

  public static Row event(String id, String sessionId, String type, String eventTs, String device) {
    return row(SilverTables.CLICKSTREAM)
        .with("event_id", id)
        .with("session_id", sessionId)
        .with("event_type", type)
        .with("event_ts", ts(eventTs))
        .with("device", device)
        .build();
  }

  /** Silver tables for {@link BuildGold}, empty unless rows are added. */
  public static final class Silver {
    private final Map<Table, List<Row>> rows = new LinkedHashMap<>();

    public Silver() {
      BuildGold.REQUIRED_SILVER.forEach(t -> rows.put(t, new ArrayList<>()));
    }

    public Silver add(Table table, Row... more) {
      rows.get(table).addAll(List.of(more));
      return this;
    }

    public Silver add(Table table, RowBuilder... more) {
      for (RowBuilder b : more) {
        rows.get(table).add(b.build());
      }
      return this;
    }

    public GoldResult gold(Pipeline p) {
      return gold(p, BuildGold.create());
    }

    public GoldResult gold(Pipeline p, BuildGold build) {
      Map<Table, PCollection<Row>> silver = new LinkedHashMap<>();
      rows.forEach((t, r) -> silver.put(t, create(p, "Silver_" + t.name(), t, r)));
      return BuildGold.input(silver).apply("Gold", build);
    }
  }

  /** "col=value col=value" of a row, for assertions a reader can check by eye. */
  public static String show(Row r, String... columns) {
    return List.of(columns).stream().map(c -> c + "=" + r.getValue(c)).collect(Collectors.joining(" "));
  }
}
