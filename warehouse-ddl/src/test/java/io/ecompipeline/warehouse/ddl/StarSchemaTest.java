package io.ecompipeline.warehouse.ddl;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.ecompipeline.warehouse.load.LoadPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StarSchemaTest {
  @Test
  void exposesTheGoldTablesWithOrderedColumnsAndTypes() {
    assertThat(StarSchema.tables().keySet(), containsInAnyOrder(LoadPlan.ORDER.toArray()));
    assertThat(StarSchema.tables().get("fact_order_line").stream().map(c -> c.name() + " " + c.sqlType()).toList(),
        equalTo(List.of("order_id VARCHAR(64)", "line_number INTEGER", "order_date_key INTEGER", "order_ts TIMESTAMP",
            "customer_key BIGINT", "product_key BIGINT", "customer_id VARCHAR(64)", "product_id VARCHAR(64)",
            "quantity INTEGER", "unit_price DECIMAL(18,2)", "discount_amount DECIMAL(18,2)", "line_total DECIMAL(18,2)",
            "order_status VARCHAR(32)", "channel VARCHAR(32)", "currency VARCHAR(8)")));
    assertThat(StarSchema.table("fact_order_line").primaryKey(), equalTo(List.of("order_id", "line_number")));
    assertThat(StarSchema.table("fact_order_line").column("channel").nullable(), equalTo(true));
    assertThat(StarSchema.table("fact_order_line").column("currency").nullable(), equalTo(false));
    assertThat(StarSchema.table("daily_kpis").column("return_rate").sqlType(), equalTo("DECIMAL(9,4)"));
  }

  @Test
  void theDdlIsTheDataDictionaryEveryTableAndColumnHasAComment() {
    for (StarSchema.TableDef t : StarSchema.definitions().values()) {
      assertThat(t.name(), t.comment(), not(emptyOrNullString()));
      for (StarSchema.Column c : t.columns()) assertThat(t.name() + "." + c.name(), c.comment(), not(emptyOrNullString()));
    }
    assertThat(StarSchema.table("fact_payment").column("customer_key").comment(),
        equalTo("Version of the order's customer valid at payment_ts; -1 when unknown"));
  }

  @Test
  void typesStayWithinTheVocabularyTheGoldParquetMapsTo() {
    StarSchema.tables().forEach((t, cols) -> cols.forEach(c -> assertThat(t + "." + c.name(), c.sqlType(),
        org.hamcrest.Matchers.matchesPattern("DECIMAL\\(18,2\\)|DECIMAL\\(9,4\\)|TIMESTAMP|DATE|INTEGER|BIGINT|BOOLEAN|VARCHAR\\(\\d+\\)"))));
  }

  @Test
  void loadAuditIsDefinedButIsNotAGoldTable() {
    assertThat(StarSchema.table("load_audit").columnNames(),
        equalTo(List.of("run_id", "table_name", "rows_loaded", "source", "loaded_at")));
    assertThat(StarSchema.tables().containsKey("load_audit"), equalTo(false));
  }

  @Test
  void everyMigrationFileIsListedInTheIndex() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/ddl/redshift"))) {
      List<String> onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(Migration.all().stream().map(Migration::fileName).toList(), equalTo(onDisk));
    }
  }
}
