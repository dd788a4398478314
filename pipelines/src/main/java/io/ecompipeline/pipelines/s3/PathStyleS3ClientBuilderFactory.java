package io.ecompipeline.pipelines.s3;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client (region, endpoint, credentials from AwsOptions) with path-style addressing, for
 * S3-compatible stores (MinIO, S3Proxy) that do not serve virtual-host buckets. Named by class in
 * {@code --s3ClientFactoryClass}, so it travels to Flink/Spark workers with the options.
 */
public class PathStyleS3ClientBuilderFactory extends DefaultS3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return super.createBuilder(options).forcePathStyle(true);
  }
}
