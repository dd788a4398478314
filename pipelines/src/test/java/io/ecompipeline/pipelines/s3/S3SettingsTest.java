package io.ecompipeline.pipelines.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class S3SettingsTest {
  @Test
  void commandLineWinsOverEnvironmentAndReachesTheAwsOptions() {
    Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://env:9000", "ECOM_S3_PATH_STYLE", "true");
    assertEquals(new S3Settings("eu-west-1", "http://env:9000", true), S3Settings.of(null, null, null, env));
    S3Settings cli = S3Settings.of("us-east-2", "http://127.0.0.1:8080", false, env);
    assertEquals(new S3Settings("us-east-2", "http://127.0.0.1:8080", false), cli);

    PipelineOptions o = new S3Settings("us-east-2", "http://127.0.0.1:8080", true).applyTo(PipelineOptionsFactory.create());
    assertEquals(Region.US_EAST_2, o.as(AwsOptions.class).getAwsRegion());
    assertEquals(URI.create("http://127.0.0.1:8080"), o.as(AwsOptions.class).getEndpoint());
    assertEquals(PathStyleS3ClientBuilderFactory.class, o.as(S3Options.class).getS3ClientFactoryClass());
  }

  @Test
  void nothingSetLeavesTheSdkDefaultsAndABadEndpointIsRefused() {
    S3Settings none = S3Settings.of(null, null, null, Map.of());
    assertNull(none.region());
    assertNull(none.endpoint());
    assertThrows(IllegalArgumentException.class, () -> new S3Settings(null, "not a url", false));
  }

  @Test
  void aLocalLakeFixesTheUnusedRegionAndALakeOnS3KeepsWhatWasGiven() {
    PipelineOptions local = S3Settings.DEFAULTS.applyTo(PipelineOptionsFactory.create(), false);
    assertEquals(Region.US_EAST_1, local.as(AwsOptions.class).getAwsRegion());
    PipelineOptions given = new S3Settings("sa-east-1", null, false).applyTo(PipelineOptionsFactory.create(), false);
    assertEquals(Region.SA_EAST_1, given.as(AwsOptions.class).getAwsRegion());
    PipelineOptions onS3 = new S3Settings("eu-west-1", null, false).applyTo(PipelineOptionsFactory.create(), true);
    assertEquals(Region.EU_WEST_1, onS3.as(AwsOptions.class).getAwsRegion());
  }
}
