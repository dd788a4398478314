package io.ecompipeline.warehouse.load;

import io.ecompipeline.warehouse.ddl.Identifiers;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach and load a warehouse besides its URL: target schema, credentials, the Redshift IAM
 * role, where Redshift manifests are written and how the COPY is run.
 */
public record WarehouseSettings(
    String schema,
    Optional<Credentials> credentials,
    Optional<String> redshiftIamRole,
    BlobStore manifestStore,
    RedshiftCopyBulkLoad.CopyRunner copyRunner) {

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
        RedshiftCopyBulkLoad.EXECUTE);
  }

  /** Plain defaults: schema analytics, no credentials, local manifests, real COPY. */
  public static WarehouseSettings defaults() {
    return new WarehouseSettings(DEFAULT_SCHEMA, Optional.empty(), Optional.empty(), new LocalBlobStore(), RedshiftCopyBulkLoad.EXECUTE);
  }

  public WarehouseSettings withSchema(String s) {
    return new WarehouseSettings(s, credentials, redshiftIamRole, manifestStore, copyRunner);
  }

  public WarehouseSettings withCredentials(Credentials c) {
    return new WarehouseSettings(schema, Optional.of(c), redshiftIamRole, manifestStore, copyRunner);
  }

  public WarehouseSettings withRedshiftIamRole(String role) {
    return new WarehouseSettings(schema, credentials, Optional.of(role), manifestStore, copyRunner);
  }

  public WarehouseSettings withManifestStore(BlobStore store) {
    return new WarehouseSettings(schema, credentials, redshiftIamRole, store, copyRunner);
  }

  public WarehouseSettings withCopyRunner(RedshiftCopyBulkLoad.CopyRunner runner) {
    return new WarehouseSettings(schema, credentials, redshiftIamRole, manifestStore, runner);
  }
}
