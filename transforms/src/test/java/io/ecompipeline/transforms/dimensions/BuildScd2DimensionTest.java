package io.ecompipeline.transforms.dimensions;

import static io.ecompipeline.transforms.testing.Fx.customer;
import static io.ecompipeline.transforms.testing.Fx.money;
import static io.ecompipeline.transforms.testing.Fx.product;

import io.ecompipeline.transforms.schema.SilverTables;
import io.ecompipeline.transforms.testing.Fx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class BuildScd2DimensionTest {
  private static final String UNKNOWN_CUSTOMER =
      "unknown v1 1900-01-01T00:00:00Z..9999-12-31T00:00:00Z current=true key=-1"
          + " email=unknown city=unknown segment=unknown first_name=unknown last_name=unknown phone=unknown";

  private static String showCustomer(Row r) {
    String id = r.getString("customer_id");
    long key = r.getInt64("customer_key");
    Instant from = r.getValue("valid_from");
    return id + " v" + r.getInt32("version") + " " + from + ".." + r.getValue("valid_to")
        + " current=" + r.getBoolean("is_current")
        + " key=" + (key == -1 ? "-1" : key == SurrogateKeys.of(id, from) ? "derived" : "WRONG")
        + " email=" + r.getString("email") + " city=" + r.getString("city")
        + " segment=" + r.getString("segment") + " first_name=" + r.getString("first_name")
        + " last_name=" + r.getString("last_name") + " phone=" + r.getString("phone");
  }

  private static PCollection<String> customerDimension(Pipeline p, String name, List<Row> history) {
    return Fx.create(p, name + "History", SilverTables.CUSTOMERS_HISTORY, history)
        .apply(name, BuildScd2Dimension.of(Scd2Spec.CUSTOMER))
        .apply(name + "Shown", MapElements.into(TypeDescriptors.strings()).via(BuildScd2DimensionTest::showCustomer));
  }

  @Test
  void customerWhoMovesTwiceHasTheSameHistoryWhenTheFirstMoveArrivesLast() {
    Pipeline p = Fx.pipeline();
    Row rio = customer("C1", "2025-01-01T00:00:00Z").with("city", "Rio").with("email", "ana@x.com")
        .with("first_name", "Ana").with("phone", "111").build();
    Fx.RowBuilder saoPaulo = customer("C1", "2025-02-01T00:00:00Z").with("city", "Sao Paulo")
        .with("email", "ana@x.com").with("first_name", "Ana").with("phone", "111");
    Row curitiba = customer("C1", "2025-03-01T00:00:00Z").with("city", "Curitiba").with("email", "ana@x.com")
        .with("first_name", "Ana").with("phone", "111").build();
    Row saoPauloLate =
        saoPaulo.with("ingest_date", LocalDate.of(2025, 3, 10)).with("source_file", "late.csv").build();
    Row saoPauloInOrder = saoPaulo.with("ingest_date", LocalDate.of(2025, 2, 1)).build();

    String[] expected = {
      "C1 v1 2025-01-01T00:00:00Z..2025-02-01T00:00:00Z current=false key=derived email=ana@x.com city=Rio segment=standard first_name=Ana last_name=null phone=111",
      "C1 v2 2025-02-01T00:00:00Z..2025-03-01T00:00:00Z current=false key=derived email=ana@x.com city=Sao Paulo segment=standard first_name=Ana last_name=null phone=111",
      "C1 v3 2025-03-01T00:00:00Z..9999-12-31T00:00:00Z current=true key=derived email=ana@x.com city=Curitiba segment=standard first_name=Ana last_name=null phone=111",
      UNKNOWN_CUSTOMER
    };
    PAssert.that(customerDimension(p, "LateArrival", List.of(rio, curitiba, saoPauloLate))).containsInAnyOrder(expected);
    PAssert.that(customerDimension(p, "InOrder", List.of(rio, saoPauloInOrder, curitiba))).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void reSentIdenticalVersionChangesNothing() {
    Pipeline p = Fx.pipeline();
    Fx.RowBuilder v = customer("C1", "2025-01-01T00:00:00Z").with("city", "Rio").with("phone", "111");
    Row original = v.build();
    Row reIngested = v.with("ingest_date", LocalDate.of(2025, 1, 7)).with("source_line", 9L).build();
    Row reSentLater = customer("C1", "2025-01-10T00:00:00Z").with("city", "Rio").with("phone", "111").build();

    PAssert.that(customerDimension(p, "Dim", List.of(original, reIngested, reSentLater)))
        .containsInAnyOrder(
            "C1 v1 2025-01-01T00:00:00Z..9999-12-31T00:00:00Z current=true key=derived email=null city=Rio segment=standard first_name=null last_name=null phone=111",
            UNKNOWN_CUSTOMER);
    p.run().waitUntilFinish();
  }

  @Test
  void nullToValueAndBackAreTrackedChangesButNullToNullIsNot() {
    Pipeline p = Fx.pipeline();
    List<Row> history =
        List.of(
            customer("C2", "2025-01-01T00:00:00Z").build(),
            customer("C2", "2025-01-05T00:00:00Z").with("phone", "222").build(),
            customer("C2", "2025-02-01T00:00:00Z").with("email", "bia@x.com").with("phone", "222").build(),
            customer("C2", "2025-03-01T00:00:00Z").with("phone", "222").build());

    PAssert.that(customerDimension(p, "Dim", history))
        .containsInAnyOrder(
            "C2 v1 2025-01-01T00:00:00Z..2025-02-01T00:00:00Z current=false key=derived email=null city=null segment=standard first_name=null last_name=null phone=222",
            "C2 v2 2025-02-01T00:00:00Z..2025-03-01T00:00:00Z current=false key=derived email=bia@x.com city=null segment=standard first_name=null last_name=null phone=222",
            "C2 v3 2025-03-01T00:00:00Z..9999-12-31T00:00:00Z current=true key=derived email=null city=null segment=standard first_name=null last_name=null phone=222",
            UNKNOWN_CUSTOMER);
    p.run().waitUntilFinish();
  }

  @Test
  void typeOneColumnsTakeTheLatestValueInEveryVersion() {
    Pipeline p = Fx.pipeline();
    List<Row> history =
        List.of(
            customer("C3", "2025-01-01T00:00:00Z").with("first_name", "Caio").with("phone", "111").build(),
            customer("C3", "2025-02-01T00:00:00Z").with("segment", "gold").with("first_name", "Caio").with("phone", "111").build(),
            customer("C3", "2025-03-01T00:00:00Z").with("segment", "gold").with("first_name", "Caio")
                .with("last_name", "Souza").with("phone", "999").build());

    PAssert.that(customerDimension(p, "Dim", history))
        .containsInAnyOrder(
            "C3 v1 2025-01-01T00:00:00Z..2025-02-01T00:00:00Z current=false key=derived email=null city=null segment=standard first_name=Caio last_name=Souza phone=999",
            "C3 v2 2025-02-01T00:00:00Z..9999-12-31T00:00:00Z current=true key=derived email=null city=null segment=gold first_name=Caio last_name=Souza phone=999",
            UNKNOWN_CUSTOMER);
    p.run().waitUntilFinish();
  }

  @Test
  void productDimensionVersionsOnTrackedColumnsAndOverwritesSkuAndCost() {
    Pipeline p = Fx.pipeline();
    List<Row> history =
        List.of(
            product("P1", "2025-01-01T00:00:00Z", "books").with("sku", "SKU-1").with("list_price", money("10.00"))
                .with("cost", money("6.00")).build(),
            product("P1", "2025-02-01T00:00:00Z", "books").with("sku", "SKU-1").with("list_price", money("10.00"))
                .with("cost", money("6.50")).build(),
            product("P1", "2025-03-01T00:00:00Z", "books").with("sku", "SKU-1B").with("list_price", money("12.00"))
                .with("cost", money("6.50")).with("is_active", false).build());

    PCollection<String> shown =
        Fx.create(p, SilverTables.PRODUCTS_HISTORY, history)
            .apply(BuildScd2Dimension.of(Scd2Spec.PRODUCT))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (Row r) ->
                            Fx.show(r, "product_id", "version", "valid_from", "valid_to", "is_current", "sku",
                                "name", "category", "list_price", "cost", "is_active")
                                + (r.getInt64("product_key") == -1
                                        || r.getInt64("product_key")
                                            == SurrogateKeys.of(r.getString("product_id"), r.getValue("valid_from"))
                                    ? ""
                                    : " WRONG KEY")));
    PAssert.that(shown)
        .containsInAnyOrder(
            "product_id=P1 version=1 valid_from=2025-01-01T00:00:00Z valid_to=2025-03-01T00:00:00Z is_current=false"
                + " sku=SKU-1B name=null category=books list_price=10.00 cost=6.50 is_active=true",
            "product_id=P1 version=2 valid_from=2025-03-01T00:00:00Z valid_to=9999-12-31T00:00:00Z is_current=true"
                + " sku=SKU-1B name=null category=books list_price=12.00 cost=6.50 is_active=false",
            "product_id=unknown version=1 valid_from=1900-01-01T00:00:00Z valid_to=9999-12-31T00:00:00Z is_current=true"
                + " sku=unknown name=unknown category=unknown list_price=null cost=null is_active=null");
    p.run().waitUntilFinish();
  }
}
