package io.ecompipeline.transforms.dimensions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Deterministic surrogate keys of dimension versions: the first 8 bytes of SHA-256 of
 * {@code naturalKey + '|' + valid_from in epoch microseconds}, masked to a non-negative long, so
 * the same version gets the same key on every runner and every re-run and never the unknown -1.
 */
public final class SurrogateKeys {
  /** The key of every dimension's unknown member. */
  public static final long UNKNOWN = -1L;

  private SurrogateKeys() {}

  public static long of(String naturalKey, Instant validFrom) {
    long micros = io.ecompipeline.transforms.schema.Table.epochMicros(validFrom);
    byte[] hash = sha256().digest((naturalKey + "|" + micros).getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong() & Long.MAX_VALUE;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
