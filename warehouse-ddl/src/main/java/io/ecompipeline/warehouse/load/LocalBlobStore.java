package io.ecompipeline.warehouse.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link BlobStore} over local paths and file: URIs; refuses s3:// with what to do instead. */
public final class LocalBlobStore implements BlobStore {
  @Override
  public void write(String uri, byte[] content) throws IOException {
    Path p = path(uri);
    if (p.getParent() != null) Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  @Override
  public long size(String uri) throws IOException {
    return Files.size(path(uri));
  }

  static Path path(String uri) {
    if (uri.startsWith("file:")) return Path.of(URI.create(uri));
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("LocalBlobStore cannot reach " + uri
          + ": pass a BlobStore for that scheme (the pipeline's uses Beam FileSystems)");
    }
    return Path.of(uri);
  }
}
