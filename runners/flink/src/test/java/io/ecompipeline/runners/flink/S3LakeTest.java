package io.ecompipeline.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecompipeline.pipelines.cli.EcomCli;
import io.ecompipeline.pipelines.s3.BeamBlobStore;
import io.ecompipeline.pipelines.s3.S3Settings;
import io.ecompipeline.pipelines.testing.GoldSnapshot;
import io.ecompipeline.pipelines.testing.ParityLake;
import io.ecompipeline.testing.s3proxy.S3ProxyServer;
import io.ecompipeline.warehouse.ddl.StarSchema;
import io.ecompipeline.warehouse.load.BulkLoad;
import io.ecompipeline.warehouse.load.LoadRequest;
import io.ecompipeline.warehouse.load.RedshiftCopyBulkLoad;
import io.ecompipeline.warehouse.load.TableLoad;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole pipeline on a real S3 API: S3Proxy in its own JVM on 127.0.0.1 (filesystem store, signature
 * checks on; its AWS SDK cannot share this JVM with Beam's, see {@link S3ProxyServer}). Bronze is
 * uploaded, two days run on embedded Flink with {@code --lake s3://…}, and the gold read back from
 * S3 must equal a local run's gold byte for byte. Then the Redshift loader's COPY manifest is
 * written through the pipeline's BlobStore onto the same S3.
 */
class S3LakeTest {
  private static final String ACCESS = "ecom-test-access";
  private static final String SECRET = "ecom-test-secret-key";
  private static final String BUCKET = "ecom-lake";
  private static final String PREFIX = "prod";
  private static final String LAKE = "s3://" + BUCKET + "/" + PREFIX;
  private static final String DAY2 = "2025-03-02";

  @RegisterExtension
  final S3ProxyServer s3proxy = S3ProxyServer.withCredentials(ACCESS, SECRET);

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void twoDaysOnS3GiveTheLocalGoldAndTheRedshiftManifestLandsThere() throws Exception {
    Path dir = Path.of("target", "s3-lake");
    Path local = ParityLake.copyFor(dir, "local");
    ParityLake.run(local, "flink", ParityLake.FIRST, DAY2);
    GoldSnapshot expected = GoldSnapshot.of(local);

    // Credentials reach Beam's S3 filesystem through the default AWS chain (system properties here).
    System.setProperty("aws.accessKeyId", ACCESS);
    System.setProperty("aws.secretAccessKey", SECRET);
    String endpoint = s3proxy.getUri().toString();
    try (S3Client s3 = S3Client.builder().endpointOverride(s3proxy.getUri()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET))).build()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      Path source = ParityLake.source(dir);
      try (Stream<Path> files = Files.walk(source.resolve("bronze"))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String key = PREFIX + "/" + source.relativize(f).toString().replace('\\', '/');
          s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
        }
      }

      assertEquals(0, EcomCli.execute("run", "--runner", "flink", "--lake", LAKE, "--from", ParityLake.FIRST, "--to", DAY2,
          "--no-load", "--config", ParityLake.rules(dir).toString(), "--s3-endpoint", endpoint, "--s3-region", "us-east-1", "--s3-path-style"));

      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(PREFIX + "/")).contents().forEach((S3Object o) -> keys.add(o.key()));
      Set<String> layers = new TreeSet<>();
      keys.forEach(k -> layers.add(k.split("/")[1]));
      assertTrue(layers.containsAll(Set.of("bronze", "silver", "gold", "quarantine", "_runs")), "layers on S3: " + layers);
      assertTrue(keys.contains(PREFIX + "/_runs/" + DAY2 + "/manifest.json"), "the run manifest is on S3");
      assertTrue(keys.stream().anyMatch(k -> k.startsWith(PREFIX + "/silver/order_items/order_date=")), "partitioned silver on S3");
      assertTrue(keys.stream().anyMatch(k -> k.startsWith(PREFIX + "/quarantine/")), "quarantine on S3");
      assertFalse(keys.stream().anyMatch(k -> k.contains("/_staging/")), "staging was cleaned up: " + keys);
      String manifest = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "/_runs/" + DAY2 + "/manifest.json")).asUtf8String();
      assertTrue(manifest.contains("succeeded"), manifest);
      // Unchanged files were kept on S3 through their staged markers (LakePublisher.KEPT), not copied.
      assertTrue(manifest.matches("(?s).*\"write\\.[a-z_]+\\.files_reused\" : [1-9].*"), "no file was kept: " + manifest);

      // Gold read back from S3 equals the local run's, row by row and byte for byte.
      Path downloaded = dir.resolve("downloaded");
      ParityLake.copyFor(dir, "downloaded"); // a clean folder
      List<String> goldFiles = new ArrayList<>();
      for (String k : keys) {
        if (k.startsWith(PREFIX + "/gold/")) {
          Path to = downloaded.resolve(k.substring(PREFIX.length() + 1));
          Files.createDirectories(to.getParent());
          Files.write(to, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(k)).asByteArray());
          goldFiles.add("s3://" + BUCKET + "/" + k);
        }
      }
      assertEquals("", expected.differences(GoldSnapshot.of(downloaded), "local", "s3"), "gold on S3 differs from the local run");

      // The Redshift COPY manifest through the pipeline's BlobStore (Beam FileSystems on S3).
      FileSystems.setDefaultPipelineOptions(new S3Settings("us-east-1", endpoint, true).applyTo(PipelineOptionsFactory.create()));
      List<String> facts = goldFiles.stream().filter(f -> f.contains("/gold/fact_order_line/")).sorted().toList();
      TableLoad load = TableLoad.months("fact_order_line", Set.of("2025-03"), facts);
      LoadRequest request = new LoadRequest(DAY2, LAKE + "/gold", List.of(load));
      AtomicReference<String> copied = new AtomicReference<>();
      new RedshiftCopyBulkLoad("arn:aws:iam::123456789012:role/ecom-redshift-copy", new BeamBlobStore(),
          (conn, staging, sql, uri, entries) -> copied.set(sql))
          .load(null, new BulkLoad.Staging("stg_fact_order_line", "analytics", StarSchema.table("fact_order_line"), request, load, facts));

      String manifestKey = PREFIX + "/gold/_manifests/" + DAY2 + "/fact_order_line.manifest";
      String written = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(manifestKey)).asUtf8String();
      List<RedshiftCopyBulkLoad.ManifestEntry> entries = new ArrayList<>();
      for (String f : facts) {
        String key = f.substring(("s3://" + BUCKET + "/").length());
        entries.add(new RedshiftCopyBulkLoad.ManifestEntry(f, s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()));
      }
      assertFalse(entries.isEmpty());
      assertEquals(RedshiftCopyBulkLoad.manifestJson(entries), written);
      assertTrue(copied.get().contains("FROM 's3://" + BUCKET + "/" + manifestKey + "'"), copied.get());
    }
  }
}
