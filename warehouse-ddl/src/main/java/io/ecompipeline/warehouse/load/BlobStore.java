package io.ecompipeline.warehouse.load;

import java.io.IOException;

/**
 * Writes bytes to, and sizes, objects by URI. The Redshift loader writes its COPY manifests through
 * this, so the pipeline can plug in Beam FileSystems (s3://) while tests use local files.
 */
public interface BlobStore {
  void write(String uri, byte[] content) throws IOException;

  /** Size in bytes of an existing object (a manifest needs each Parquet file's content_length). */
  long size(String uri) throws IOException;
}
