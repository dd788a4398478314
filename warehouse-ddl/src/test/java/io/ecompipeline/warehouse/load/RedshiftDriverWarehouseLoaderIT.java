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
  private RedshiftCopyBulkLoad.CopyRunner runnerOverride;

  @Override
  WarehouseLoader newLoader() throws Exception {
    db = EmbeddedPostgresServer.freshDatabase();
    proxy = new RedshiftWireProxy(EmbeddedPostgresServer.port());
    copyRunner = new PostgresWayCopyRunner(new PostgresWayCopyRunner.FakeS3(BUCKET, tmp));
    WarehouseSettings settings = WarehouseSettings.defaults()
        .withCredentials(new Credentials("postgres", "s3cr3t-pw"))
        .withRedshiftIamRole(ROLE)
        .withManifestStore(new PostgresWayCopyRunner.FakeS3(BUCKET, tmp))
        .withCopyRunner(runnerOverride != null ? runnerOverride : copyRunner)
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

  /**
   * When COPY fails, Redshift records why in SYS_LOAD_ERROR_DETAIL: the loader reads it (after the
   * rollback) into the exception. Here the stand-in records a row as Redshift would, then fails.
   */
  @Test
  void aFailedCopyReportsTheLoadErrorRowsRedshiftRecorded() throws Exception {
    GoldFixture gold = GoldFixture.write(tmp.resolve("gold"), MONTHS, 10);
    runnerOverride = (conn, staging, sql, uri, entries) -> {
      if (!staging.target().name().equals("dim_product")) {
        copyRunner.run(conn, staging, sql, uri, entries);
        return;
      }
      long pid;
      try (java.sql.Statement st = conn.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      try (Connection side = reader(); java.sql.PreparedStatement ps = side.prepareStatement(
          "INSERT INTO sys_load_error_detail VALUES (?, now(), ?, 1, 'cost', 'Invalid digit, Value ''x'', Pos 0')")) {
        ps.setLong(1, pid);
        ps.setString(2, entries.get(0).url());
        ps.executeUpdate();
      } catch (Exception e) {
        throw new java.sql.SQLException(e);
      }
      throw new java.sql.SQLException("Load into table 'stg_dim_product' failed. Check 'sys_load_error_detail' system table for details.");
    };
    try (WarehouseLoader loader = newLoader()) {
      try (Connection c = reader(); java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE TABLE sys_load_error_detail (session_id BIGINT, start_time TIMESTAMP, file_name TEXT,"
            + " line_number BIGINT, column_name TEXT, error_message TEXT)");
      }
      loader.migrate();
      WarehouseLoadException e = org.junit.jupiter.api.Assertions.assertThrows(WarehouseLoadException.class,
          () -> loader.load(rebase(gold.request("run-9"))));
      assertThat(e.table(), equalTo("dim_product"));
      assertThat(e.getMessage(), org.hamcrest.Matchers.containsString("Check 'sys_load_error_detail'"));
      assertThat(e.getMessage(), org.hamcrest.Matchers.containsString("load errors recorded by the warehouse:\n  file s3://ecom-test-lake/gold/dim_product/part-00000.parquet"
          + " line 1 column cost: Invalid digit, Value 'x', Pos 0"));
      assertThat(e.getMessage(), org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("s3cr3t-pw")));
    }
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
