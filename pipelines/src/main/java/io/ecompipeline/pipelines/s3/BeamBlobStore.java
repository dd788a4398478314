package io.ecompipeline.pipelines.s3;

import io.ecompipeline.warehouse.load.BlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A {@link BlobStore} over Beam's FileSystems: the Redshift loader writes its COPY manifests next to
 * the gold files wherever the lake is (s3:// in production, a folder in tests), with the same S3
 * settings as the pipeline ({@code FileSystems.setDefaultPipelineOptions} must have run).
 */
public final class BeamBlobStore implements BlobStore {
  @Override
  public void write(String uri, byte[] content) throws IOException {
    ResourceId id = FileSystems.matchNewResource(uri, false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, "application/json"))) {
      out.write(content);
    }
  }

  @Override
  public long size(String uri) throws IOException {
    return FileSystems.matchSingleFileSpec(uri).sizeBytes();
  }
}
