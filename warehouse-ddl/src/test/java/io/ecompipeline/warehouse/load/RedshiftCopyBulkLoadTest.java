package io.ecompipeline.warehouse.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftCopyBulkLoadTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/ecom-redshift-copy";

  @Test
  void copyStatementIsExactlyTheManifestParquetCopy() {
    assertThat(RedshiftCopyBulkLoad.copySql("stg_fact_order_line", "s3://lake/gold/_manifests/r1/fact_order_line.manifest", ROLE),
        equalTo("COPY stg_fact_order_line FROM 's3://lake/gold/_manifests/r1/fact_order_line.manifest'"
            + " IAM_ROLE 'arn:aws:iam::123456789012:role/ecom-redshift-copy' FORMAT AS PARQUET MANIFEST"));
  }

  @Test
  void manifestListsEveryFileMandatoryWithItsLength() {
    assertThat(RedshiftCopyBulkLoad.manifestJson(List.of(
            new RedshiftCopyBulkLoad.ManifestEntry("s3://lake/gold/fact_payment/month=2024-01/part-0.parquet", 1234),
            new RedshiftCopyBulkLoad.ManifestEntry("s3://lake/gold/fact_payment/month=2024-02/part-0.parquet", 99))),
        equalTo("""
            {
              "entries": [
                {"url":"s3://lake/gold/fact_payment/month=2024-01/part-0.parquet","mandatory":true,"meta":{"content_length":1234}},
                {"url":"s3://lake/gold/fact_payment/month=2024-02/part-0.parquet","mandatory":true,"meta":{"content_length":99}}
              ]
            }
            """));
  }

  @Test
  void manifestGoesUnderTheGoldRootPerRunAndTable() {
    LoadRequest r = new LoadRequest("2024-03-01", "s3://lake/gold/", List.of());
    assertThat(RedshiftCopyBulkLoad.manifestUri(r, "dim_date"), equalTo("s3://lake/gold/_manifests/2024-03-01/dim_date.manifest"));
  }

  @Test
  void roleAndManifestLocationAreValidatedBecauseTheyAreSplicedIntoSql() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RedshiftCopyBulkLoad("x' CREDENTIALS 'y", new LocalBlobStore(), RedshiftCopyBulkLoad.EXECUTE));
    assertThat(e.getMessage(), containsString("ECOM_REDSHIFT_IAM_ROLE"));
    assertThrows(IllegalArgumentException.class, () -> new RedshiftCopyBulkLoad(null, new LocalBlobStore(), RedshiftCopyBulkLoad.EXECUTE));
    assertThrows(IllegalArgumentException.class, () -> RedshiftCopyBulkLoad.copySql("stg", "/tmp/local.manifest", ROLE));
    assertThrows(IllegalArgumentException.class, () -> RedshiftCopyBulkLoad.copySql("stg", "s3://b/x' --", ROLE));
  }
}
