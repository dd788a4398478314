package io.ecompipeline.pipelines.s3;

import java.net.URI;
import java.util.Map;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.regions.Region;

/**
 * Where the lake's S3 API is: region, endpoint override (S3-compatible stores, VPC endpoints) and
 * path-style addressing. Credentials are never here: Beam's AwsOptions default to the AWS SDK's
 * default chain (environment, system properties, profile, web identity, container, instance
 * profile).
 *
 * @param region e.g. eu-west-1, or null for the SDK's default region chain
 * @param endpoint e.g. http://127.0.0.1:9000, or null for AWS's own endpoint
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
 */
public record S3Settings(String region, String endpoint, boolean pathStyle) {
  public static final S3Settings DEFAULTS = new S3Settings(null, null, false);

  /** Environment variables read when the command line does not say. */
  public static final String REGION_ENV = "AWS_REGION";
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL_S3";
  public static final String ENDPOINT_ENV_GLOBAL = "AWS_ENDPOINT_URL";
  public static final String PATH_STYLE_ENV = "ECOM_S3_PATH_STYLE";

  public S3Settings {
    if (endpoint != null) {
      URI u = URI.create(endpoint);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("the S3 endpoint must be a URL like http://127.0.0.1:9000, got " + endpoint);
      }
    }
  }

  /** Command-line values win; null ones fall back to {@code env}. */
  public static S3Settings of(String region, String endpoint, Boolean pathStyle, Map<String, String> env) {
    String r = firstNonBlank(region, env.get(REGION_ENV), env.get("AWS_DEFAULT_REGION"));
    String e = firstNonBlank(endpoint, env.get(ENDPOINT_ENV), env.get(ENDPOINT_ENV_GLOBAL));
    boolean p = pathStyle != null ? pathStyle : Boolean.parseBoolean(env.getOrDefault(PATH_STYLE_ENV, "false"));
    return new S3Settings(r, e, p);
  }

  /** Sets the AWS options Beam's S3 filesystem builds its client from, for a lake on S3. */
  public PipelineOptions applyTo(PipelineOptions options) {
    return applyTo(options, true);
  }

  /**
   * Sets the AWS options Beam's S3 filesystem builds its client from. For a lake that is not on
   * S3 and no region given, the region is fixed instead of looked up: the SDK's default region
   * chain ends by probing the EC2 instance metadata service, which off EC2 costs ~1.5 s of retries
   * each time Beam registers its file systems, i.e. on every run of a backfill.
   */
  public PipelineOptions applyTo(PipelineOptions options, boolean lakeOnS3) {
    AwsOptions aws = options.as(AwsOptions.class);
    if (region != null) {
      aws.setAwsRegion(Region.of(region));
    } else if (!lakeOnS3) {
      aws.setAwsRegion(Region.US_EAST_1);
    }
    if (endpoint != null) {
      aws.setEndpoint(URI.create(endpoint));
    }
    if (pathStyle) {
      options.as(S3Options.class).setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
    }
    return options;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
