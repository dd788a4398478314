package io.ecompipeline.pipelines.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Replaces the PII columns of customer rows (email, phone, first_name, last_name) by the hex
 * SHA-256 of salt + value. Deterministic, so SCD2 change detection and re-runs still work, and
 * idempotent: a value that already is a hash (read back from masked silver) is kept as is.
 */
public final class MaskPii extends PTransform<PCollection<Row>, PCollection<Row>> {
  public static final List<String> PII_COLUMNS = List.of("email", "phone", "first_name", "last_name");
  private static final int HASH_LENGTH = 64;

  private final String salt;

  private MaskPii(String salt) {
    this.salt = salt;
  }

  public static MaskPii withSalt(String salt) {
    if (salt == null || salt.isEmpty()) {
      throw new IllegalArgumentException("MaskPii needs a salt: set ECOM_PII_SALT");
    }
    return new MaskPii(salt);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    List<String> present = PII_COLUMNS.stream().filter(schema::hasField).toList();
    String s = salt;
    return rows.apply("Hash PII columns", MapElements.into(TypeDescriptors.rows()).via((Row r) -> mask(r, present, s)))
        .setCoder(rows.getCoder());
  }

  /**
   * The row with its PII columns hashed. Values are swapped by position: Beam's {@code
   * Row.fromRow(..).withFieldValue(name, ..)} parses each field name with a grammar, which cost
   * more than the hashing.
   */
  static Row mask(Row row, List<String> columns, String salt) {
    Schema schema = row.getSchema();
    List<Object> values = new ArrayList<>(row.getValues());
    for (String c : columns) {
      int i = schema.indexOf(c);
      String v = (String) values.get(i);
      if (v != null) {
        values.set(i, hash(salt, v));
      }
    }
    return Row.withSchema(schema).attachValues(values);
  }

  /** The salted hash of one value; a value that already is a hash is returned unchanged. */
  public static String hash(String salt, String value) {
    if (isHash(value)) {
      return value;
    }
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      return HexFormat.of().formatHex(d.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@code value} is a hash as {@link #hash} writes it: 64 lowercase hex digits. A loop, not
   * a regular expression: every customer row read back from silver is checked, four values each.
   */
  static boolean isHash(String value) {
    if (value.length() != HASH_LENGTH) {
      return false;
    }
    for (int i = 0; i < HASH_LENGTH; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
