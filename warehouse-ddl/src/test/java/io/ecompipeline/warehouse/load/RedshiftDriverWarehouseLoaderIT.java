package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.ecompipeline.warehouse.ddl.Dialect;
import io.ecompipeline.warehouse.testing.EmbeddedPostgresServer;
import io.ecompipeline.warehouse.testing.GoldFixture;
import io.ecompipeline.warehouse.testing.PostgresWayCopyRunner;
import io.ecompipeline.warehouse.testing.RedshiftWireProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redshift loader itself — real Amazon Redshift JDBC driver, manifest writing, the COPY text,
 * every shared statement — against PostgreSQL 15 through {@link RedshiftWireProxy}. Only running
 * the COPY is substituted, through the loader's {@link RedshiftCopyBulkLoad.CopyRunner} seam.
 */
class RedshiftDriverWarehouseLoaderIT extends WarehouseLoaderContract {
  static final String BUCKET = "s3://ecom-test-lake";
  static final String ROLE = "arn:aws:iam::123456789012:role/ecom-redshift-copy";

  private String db;
  private RedshiftWireProxy proxy;
  private PostgresWayCopyRunner copyRunner;

  @Override
  WarehouseLoader newLoader() throws Exception {
    db = EmbeddedPostgresServer.freshDatabase();
    proxy = new RedshiftWireProxy(EmbeddedPostgresServer.port());
    copyRunner = new PostgresWayCopyRunner(new PostgresWayCopyRunner.FakeS3(BUCKET, tmp));
    WarehouseSettings settings = WarehouseSettings.defaults()
        .withCredentials(new Credentials("postgres", "s3cr3t-pw"))
        .withRedshiftIamRole(ROLE)
        .withManifestStore(new PostgresWayCopyRunner.FakeS3(BUCKET, tmp))
        .withCopyRunner(copyRunner)
        // the server behind the proxy is PostgreSQL: it must be given the derived DDL
        .withDdlDialect(Dialect.POSTGRESQL);
    return WarehouseLoader.open("jdbc:redshift://127.0.0.1:" + proxy.port() + "/" + db + "?ssl=false", settings);
  }

  /** The lake lives in the fake bucket: s3://ecom-test-lake/&lt;path under tmp&gt;. */
  @Override
  String goldRoot(Path localRoot) {
    return BUCKET + "/" + tmp.relativize(localRoot);
  }

  @Override
  Connection reader() throws Exception {
    return DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(db), "postgres", "");
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) proxy.close();
  }

  @Test
  void issuesOneManifestCopyPerTableWithTheRole() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 10);
    try (WarehouseLoader loader = newLoader()) {
      loader.migrate();
      loader.load(rebase(gold.request("run-7")));
    }
    assertThat(copyRunner.copies.size(), equalTo(LoadPlan.ORDER.size()));
    assertThat(copyRunner.copies.get(0), equalTo("COPY stg_dim_date FROM 's3://ecom-test-lake/gold/_manifests/run-7/dim_date.manifest'"
        + " IAM_ROLE '" + ROLE + "' FORMAT AS PARQUET MANIFEST"));
    assertThat(copyRunner.copies, everyItem(startsWith("COPY stg_")));
    String manifest = Files.readString(tmp.resolve("gold/_manifests/run-7/fact_order_line.manifest"));
    assertThat(manifest.replace("\n", ""), matchesPattern(".*\"url\":\"s3://ecom-test-lake/gold/fact_order_line/month=2024-01/part-00000.parquet\","
        + "\"mandatory\":true,\"meta\":\\{\"content_length\":" + Files.size(tmp.resolve("gold/fact_order_line/month=2024-01/part-00000.parquet")) + "}}.*"));
  }
}
