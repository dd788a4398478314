package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.ddl.Dialect;
import io.ecompipeline.warehouse.ddl.Identifiers;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach and load a warehouse besides its URL: target schema, credentials, the Redshift IAM
 * role, where Redshift manifests are written, how the COPY is run and (tests only) the DDL dialect.
 */
public record WarehouseSettings(
    String schema,
    Optional<Credentials> credentials,
    Optional<String> redshiftIamRole,
    BlobStore manifestStore,
    RedshiftCopyBulkLoad.CopyRunner copyRunner,
    Optional<Dialect> ddlDialect) {

  public static final String DEFAULT_SCHEMA = "analytics";
  public static final String IAM_ROLE_ENV = "ECOM_REDSHIFT_IAM_ROLE";
  public static final String SCHEMA_ENV = "ECOM_WAREHOUSE_SCHEMA";

  public WarehouseSettings {
    Identifiers.require("schema", schema);
  }

  /** Defaults and the process environment (credentials, Secrets Manager, IAM role, schema). */
  public static WarehouseSettings fromEnvironment() {
    return fromEnvironment(System.getenv(), Credentials.AWS_SECRETS_MANAGER);
  }

  public static WarehouseSettings fromEnvironment(Map<String, String> env, Credentials.SecretFetcher fetcher) {
    return new WarehouseSettings(
        env.getOrDefault(SCHEMA_ENV, DEFAULT_SCHEMA),
        Credentials.fromEnvironment(env, fetcher),
        Optional.ofNullable(env.get(IAM_ROLE_ENV)).filter(s -> !s.isBlank()),
        new LocalBlobStore(),
        RedshiftCopyBulkLoad.EXECUTE,
        Optional.empty());
  }

  /** Plain defaults: schema analytics, no credentials, local manifests, real COPY. */
  public static WarehouseSettings defaults() {
    return new WarehouseSettings(DEFAULT_SCHEMA, Optional.empty(), Optional.empty(), new LocalBlobStore(), RedshiftCopyBulkLoad.EXECUTE,
        Optional.empty());
  }

  public WarehouseSettings withSchema(String s) {
    return new WarehouseSettings(s, credentials, redshiftIamRole, manifestStore, copyRunner, ddlDialect);
  }

  public WarehouseSettings withCredentials(Credentials c) {
    return new WarehouseSettings(schema, Optional.of(c), redshiftIamRole, manifestStore, copyRunner, ddlDialect);
  }

  public WarehouseSettings withRedshiftIamRole(String role) {
    return new WarehouseSettings(schema, credentials, Optional.of(role), manifestStore, copyRunner, ddlDialect);
  }

  public WarehouseSettings withManifestStore(BlobStore store) {
    return new WarehouseSettings(schema, credentials, redshiftIamRole, store, copyRunner, ddlDialect);
  }

  /**
   * Applies migrations in this dialect instead of the URL's. Only for a Redshift driver connected
   * to a PostgreSQL server (the integration test): the server, not the driver, parses the DDL.
   */
  public WarehouseSettings withDdlDialect(Dialect d) {
    return new WarehouseSettings(schema, credentials, redshiftIamRole, manifestStore, copyRunner, Optional.of(d));
  }

  public WarehouseSettings withCopyRunner(RedshiftCopyBulkLoad.CopyRunner runner) {
    return new WarehouseSettings(schema, credentials, redshiftIamRole, manifestStore, runner, ddlDialect);
  }
}
