package io.ecompipeline.warehouse.testing;

import io.ecompipeline.warehouse.ddl.StarSchema.Column;
import io.ecompipeline.warehouse.load.BulkLoad;
import io.ecompipeline.warehouse.load.ParquetFiles;
import io.ecompipeline.warehouse.load.RedshiftCopyBulkLoad;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Stands in for Redshift's {@code COPY … FROM 's3://…' FORMAT AS PARQUET MANIFEST} when the
 * Redshift driver talks to PostgreSQL: reads the manifest's files (mapped from s3:// to the local
 * lake) and inserts their rows into the staging table over the same connection and transaction,
 * by position, as COPY does. Records every COPY statement it replaced.
 */
public final class PostgresWayCopyRunner implements RedshiftCopyBulkLoad.CopyRunner {
  private final FakeS3 s3;
  public final List<String> copies = new CopyOnWriteArrayList<>();

  public PostgresWayCopyRunner(FakeS3 s3) {
    this.s3 = s3;
  }

  @Override
  public void run(Connection conn, BulkLoad.Staging staging, String copySql, String manifestUri,
      List<RedshiftCopyBulkLoad.ManifestEntry> entries) throws SQLException {
    copies.add(copySql);
    // read the manifest the loader wrote, as Redshift would, and check each file's content_length
    List<String> local = new ArrayList<>();
    String manifest;
    try {
      manifest = java.nio.file.Files.readString(s3.local(manifestUri));
    } catch (java.io.IOException e) {
      throw new SQLException("Manifest " + manifestUri + " not found", e);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\\{\"url\":\"([^\"]+)\",\"mandatory\":true,\"meta\":\\{\"content_length\":(\\d+)}}").matcher(manifest);
    while (m.find()) {
      Path file = s3.local(m.group(1));
      try {
        if (java.nio.file.Files.size(file) != Long.parseLong(m.group(2))) throw new SQLException("content_length mismatch for " + m.group(1));
      } catch (java.io.IOException e) {
        throw new SQLException("Mandatory file " + m.group(1) + " is missing", e);
      }
      local.add(file.toString());
    }
    if (local.size() != entries.size()) throw new SQLException("Manifest lists " + local.size() + " files, expected " + entries.size());
    List<Column> cols = staging.target().columns();
    String values = cols.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").collect(Collectors.joining(", "));
    try (Connection duck = ParquetFiles.openInMemory();
        Statement q = duck.createStatement();
        ResultSet rs = q.executeQuery("SELECT * FROM " + ParquetFiles.readParquet(local));
        PreparedStatement ins = conn.prepareStatement("INSERT INTO " + staging.stagingTable() + " VALUES (" + values + ")")) {
      int width = rs.getMetaData().getColumnCount();
      if (width != cols.size()) {
        throw new SQLException("Parquet files have " + width + " columns but " + staging.stagingTable() + " has " + cols.size());
      }
      int batch = 0;
      while (rs.next()) {
        for (int i = 1; i <= width; i++) {
          String v = rs.getString(i);
          if (v != null && cols.get(i - 1).sqlType().equals("TIMESTAMP")) v = v.replaceFirst("\\+00(:00)?$", "");
          ins.setString(i, v);
        }
        ins.addBatch();
        if (++batch % 1000 == 0) ins.executeBatch();
      }
      ins.executeBatch();
    }
  }

  /** Maps s3://bucket/key to a local directory, and is the loader's BlobStore for manifests. */
  public static final class FakeS3 implements io.ecompipeline.warehouse.load.BlobStore {
    private final String bucketUri;
    private final Path root;

    public FakeS3(String bucketUri, Path root) {
      this.bucketUri = bucketUri.endsWith("/") ? bucketUri : bucketUri + "/";
      this.root = root;
    }

    public Path local(String uri) {
      if (!uri.startsWith(bucketUri)) throw new IllegalArgumentException("Not in the fake bucket: " + uri);
      return root.resolve(uri.substring(bucketUri.length()));
    }

    @Override
    public void write(String uri, byte[] content) throws java.io.IOException {
      Path p = local(uri);
      java.nio.file.Files.createDirectories(p.getParent());
      java.nio.file.Files.write(p, content);
    }

    @Override
    public long size(String uri) throws java.io.IOException {
      return java.nio.file.Files.size(local(uri));
    }
  }
}
