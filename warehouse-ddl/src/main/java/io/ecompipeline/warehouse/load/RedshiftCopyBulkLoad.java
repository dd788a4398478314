package io.ecompipeline.warehouse.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Redshift loads Parquet from S3 itself: write a manifest listing the run's files (so COPY loads
 * exactly those, never a stale file under the prefix) and run
 * {@code COPY staging FROM 's3://…/manifest' IAM_ROLE '…' FORMAT AS PARQUET MANIFEST}.
 *
 * <p>Running the COPY is the {@link CopyRunner} seam: production executes it; the integration test
 * (Redshift driver → PostgreSQL) substitutes one that loads the manifest's files another way.
 */
public final class RedshiftCopyBulkLoad implements BulkLoad {

  /** One manifest entry. */
  public record ManifestEntry(String url, long contentLength) {}

  /** Executes the COPY for a written manifest, inside the loader's transaction. */
  @FunctionalInterface
  public interface CopyRunner {
    void run(Connection conn, Staging staging, String copySql, String manifestUri, List<ManifestEntry> entries)
        throws SQLException, IOException;
  }

  /** The production runner: send the COPY to Redshift. */
  public static final CopyRunner EXECUTE = (conn, staging, sql, uri, entries) -> {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  };

  private static final Pattern IAM_ROLE = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$");

  private final String iamRole;
  private final BlobStore store;
  private final CopyRunner runner;

  public RedshiftCopyBulkLoad(String iamRole, BlobStore store, CopyRunner runner) {
    if (iamRole == null || !IAM_ROLE.matcher(iamRole).matches()) {
      throw new IllegalArgumentException("Redshift COPY needs an IAM role ARN (arn:aws:iam::123456789012:role/name) in "
          + "ECOM_REDSHIFT_IAM_ROLE or the loader settings; got '" + iamRole + "'");
    }
    this.iamRole = iamRole;
    this.store = Objects.requireNonNull(store);
    this.runner = Objects.requireNonNull(runner);
  }

  @Override
  public void load(Connection conn, Staging s) throws SQLException, IOException {
    if (s.files().isEmpty()) return;
    List<ManifestEntry> entries = new ArrayList<>();
    for (String f : s.files()) entries.add(new ManifestEntry(f, store.size(f)));
    String uri = manifestUri(s.request(), s.target().name());
    store.write(uri, manifestJson(entries).getBytes(StandardCharsets.UTF_8));
    runner.run(conn, s, copySql(s.stagingTable(), uri, iamRole), uri, entries);
  }

  /** Where a run's manifest for a table goes: {@code <goldRoot>/_manifests/<runId>/<table>.manifest}. */
  public static String manifestUri(LoadRequest request, String table) {
    return request.goldRoot() + "/_manifests/" + request.runId() + "/" + table + ".manifest";
  }

  /** The manifest text Redshift expects for Parquet: every entry mandatory, with its content_length. */
  public static String manifestJson(List<ManifestEntry> entries) {
    StringBuilder b = new StringBuilder("{\n  \"entries\": [\n");
    for (int i = 0; i < entries.size(); i++) {
      ManifestEntry e = entries.get(i);
      b.append("    {\"url\":\"").append(jsonEscape(e.url())).append("\",\"mandatory\":true,\"meta\":{\"content_length\":")
          .append(e.contentLength()).append("}}").append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    return b.append("  ]\n}\n").toString();
  }

  /** The COPY statement. The manifest URI and role are validated, as they cannot be bound parameters. */
  public static String copySql(String stagingTable, String manifestUri, String iamRole) {
    if (!manifestUri.startsWith("s3://") || manifestUri.contains("'")) {
      throw new IllegalArgumentException("Redshift COPY reads manifests from s3:// only (gold root must be s3://…): " + manifestUri);
    }
    return "COPY " + stagingTable + " FROM '" + manifestUri + "' IAM_ROLE '" + iamRole + "' FORMAT AS PARQUET MANIFEST";
  }

  /** Redshift's own record of why the COPY failed: SYS_LOAD_ERROR_DETAIL, else STL_LOAD_ERRORS. */
  @Override
  public Optional<String> failureDetail(Connection conn) {
    Optional<String> sys = rows(conn,
        "SELECT file_name, line_number, column_name, error_message FROM sys_load_error_detail "
            + "WHERE session_id = pg_backend_pid() ORDER BY start_time DESC LIMIT 5");
    if (sys.isPresent()) return sys;
    return rows(conn,
        "SELECT filename, line_number, colname, err_reason FROM stl_load_errors "
            + "WHERE query = pg_last_copy_id() ORDER BY starttime DESC LIMIT 5");
  }

  private static Optional<String> rows(Connection conn, String sql) {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append("\n  file ").append(trim(rs.getString(1))).append(" line ").append(rs.getLong(2))
            .append(" column ").append(trim(rs.getString(3))).append(": ").append(trim(rs.getString(4)));
      }
      return b.length() == 0 ? Optional.empty() : Optional.of(b.toString());
    } catch (SQLException e) {
      try {
        conn.rollback(); // a failed system-view query aborts the transaction on Redshift/PostgreSQL
      } catch (SQLException ignored) {
        // nothing more to report
      }
      return Optional.empty();
    }
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.toString();
  }
}
