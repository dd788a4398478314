package io.ecompipeline.warehouse.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned migration: a {@code Vnnn__description.sql} file of Redshift DDL on the class path. */
public record Migration(int version, String description, String fileName, String sql, String checksum) {

  public static final String INDEX = "ddl/migrations.index";
  public static final String DIR = "ddl/redshift/";
  private static final Pattern NAME = Pattern.compile("^V(\\d+)__(\\w+)\\.sql$");

  /** Every migration listed in {@value #INDEX}, in version order (versions must increase). */
  public static List<Migration> all() {
    List<Migration> out = new ArrayList<>();
    for (String line : resource(INDEX).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) continue;
      Matcher m = NAME.matcher(name);
      if (!m.matches()) throw new IllegalStateException("Bad migration file name in " + INDEX + ": " + name + " (want V001__what.sql)");
      int v = Integer.parseInt(m.group(1));
      if (!out.isEmpty() && out.get(out.size() - 1).version() >= v) {
        throw new IllegalStateException("Migration versions must increase in " + INDEX + ": " + name);
      }
      String sql = resource(DIR + name).replace("\r\n", "\n");
      out.add(new Migration(v, m.group(2).replace('_', ' '), name, sql, sha256(sql)));
    }
    return out;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String path) {
    try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("Missing class-path resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
