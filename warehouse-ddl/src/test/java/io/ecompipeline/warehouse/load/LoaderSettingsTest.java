package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecompipeline.warehouse.ddl.Dialect;
import io.ecompipeline.warehouse.ddl.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, credentials, masking and request validation: everything checked before touching a warehouse. */
class LoaderSettingsTest {
  @TempDir Path tmp;

  @Test
  void dialectFollowsTheUrlAndUnknownUrlsSayWhatToType() {
    assertThat(Dialect.fromJdbcUrl("jdbc:duckdb:/tmp/w.duckdb"), equalTo(Dialect.DUCKDB));
    assertThat(Dialect.fromJdbcUrl("jdbc:postgresql://h:5432/db"), equalTo(Dialect.POSTGRESQL));
    assertThat(Dialect.fromJdbcUrl("jdbc:redshift://c.x.redshift.amazonaws.com:5439/dev"), equalTo(Dialect.REDSHIFT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dialect.fromJdbcUrl("jdbc:mysql://h/db?user=u&password=hunter2"));
    assertThat(e.getMessage(), not(containsString("hunter2")));
    assertThat(e.getMessage(), containsString("jdbc:duckdb:FILE"));
  }

  @Test
  void passwordsAreMaskedInUrlsAndMessages() {
    assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"),
        equalTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true"));
    assertThat(Secrets.maskUrl("jdbc:redshift://u:hunter2@h:5439/dev"), equalTo("jdbc:redshift://u:***@h:5439/dev"));
    assertThat(Secrets.mask("FATAL: password hunter2 rejected", "hunter2"), equalTo("FATAL: password *** rejected"));
    assertThat(new Credentials("u", "hunter2").toString(), not(containsString("hunter2")));
  }

  @Test
  void aFailedConnectionNamesTheMaskedUrlNeverThePassword() {
    WarehouseLoadException e = assertThrows(WarehouseLoadException.class, () -> WarehouseLoader.open(
        "jdbc:postgresql://127.0.0.1:1/db?password=hunter2", WarehouseSettings.defaults().withCredentials(new Credentials("u", "hunter2"))));
    assertThat(e.getMessage(), containsString("password=***"));
    assertThat(e.getMessage(), not(containsString("hunter2")));
  }

  @Test
  void credentialsComeFromTheEnvironmentOrASecret() {
    Credentials.SecretFetcher none = arn -> {
      throw new AssertionError("no secret lookup expected");
    };
    assertThat(Credentials.fromEnvironment(Map.of("ECOM_WAREHOUSE_USER", "loader", "ECOM_WAREHOUSE_PASSWORD", "pw"), none),
        equalTo(Optional.of(new Credentials("loader", "pw"))));
    assertThat(Credentials.fromEnvironment(Map.of(), none), equalTo(Optional.empty()));
    Credentials.SecretFetcher fake = arn -> arn.endsWith(":wh") ? "{\"username\":\"rs_loader\",\"password\":\"p\\\"w\",\"engine\":\"redshift\"}" : "oops";
    assertThat(Credentials.fromEnvironment(Map.of("ECOM_WAREHOUSE_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:wh"), fake),
        equalTo(Optional.of(new Credentials("rs_loader", "p\"w"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.fromEnvironment(Map.of("ECOM_WAREHOUSE_SECRET_ARN", "arn:bad"), fake));
    assertThat(e.getMessage(), not(containsString("oops")));
  }

  @Test
  void settingsReadTheEnvironment() {
    WarehouseSettings s = WarehouseSettings.fromEnvironment(Map.of(
        "ECOM_REDSHIFT_IAM_ROLE", "arn:aws:iam::123456789012:role/r", "ECOM_WAREHOUSE_SCHEMA", "analytics_dev"), arn -> "");
    assertThat(s.schema(), equalTo("analytics_dev"));
    assertThat(s.redshiftIamRole(), equalTo(Optional.of("arn:aws:iam::123456789012:role/r")));
    assertThrows(IllegalArgumentException.class, () -> WarehouseSettings.defaults().withSchema("analytics; drop table x"));
  }

  @Test
  void requestsAreCheckedBeforeAnyTableLoads() {
    assertThrows(IllegalArgumentException.class, () -> new LoadRequest("run 1; drop", "/gold", List.of()));
    assertThrows(IllegalArgumentException.class, () -> TableLoad.months("fact_payment", Set.of("2024-13"), List.of()));
    try (WarehouseLoader loader = WarehouseLoader.open("jdbc:duckdb:" + tmp.resolve("w.duckdb"), WarehouseSettings.defaults())) {
      loader.migrate();
      WarehouseLoadException unknown = assertThrows(WarehouseLoadException.class, () -> loader.load(
          new LoadRequest("r", "/gold", List.of(TableLoad.full("dim_date", List.of()), TableLoad.full("dim_nope", List.of())))));
      assertThat(unknown.table(), equalTo("dim_nope"));
      WarehouseLoadException full = assertThrows(WarehouseLoadException.class, () -> loader.load(
          new LoadRequest("r", "/gold", List.of(TableLoad.full("fact_order_line", List.of())))));
      assertThat(full.getMessage(), containsString("month-partitioned"));
    }
  }

  @Test
  void relativeFilesResolveUnderTheGoldRoot() {
    LoadRequest r = new LoadRequest("r", "s3://lake/gold/", List.of());
    assertThat(r.resolve("fact_payment/month=2024-01/p.parquet"), equalTo("s3://lake/gold/fact_payment/month=2024-01/p.parquet"));
    assertThat(r.resolve("s3://other/x.parquet"), equalTo("s3://other/x.parquet"));
    assertThat(r.resolve("/abs/x.parquet"), equalTo("/abs/x.parquet"));
  }
}
