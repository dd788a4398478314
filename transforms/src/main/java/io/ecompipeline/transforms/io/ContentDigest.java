package io.ecompipeline.transforms.io;

import io.ecompipeline.transforms.util.Hash64;
import java.nio.ByteBuffer;

/**
 * What a file holds, independent of the order its elements came in: their count and two sums of
 * 64-bit hashes of their encodings (a multiset hash; a changed file keeps all three only with
 * probability about 2^-128). The writer records it in the files it writes and, when the live file
 * already records the digest of the elements it is about to write, copies that file instead of
 * encoding the same bytes again.
 */
final class ContentDigest {
  /** Bytes of a digest in front of each encoded chunk. */
  static final int BYTES = 24;

  private long count;
  private long sumA;
  private long sumB;

  /** Adds the element encoded in {@code bytes[from, to)}. */
  void add(byte[] bytes, int from, int to) {
    // Two independent hashes in one pass over the bytes: FNV-1a, and a multiplicative one.
    long a = Hash64.FNV_BASIS;
    long b = 0x9e3779b97f4a7c15L;
    for (int i = from; i < to; i++) {
      a = (a ^ (bytes[i] & 0xff)) * Hash64.FNV_PRIME;
      b = (b + (bytes[i] & 0xff)) * 0xff51afd7ed558ccdL;
    }
    count++;
    sumA += Hash64.mix(a ^ (to - from));
    sumB += Hash64.mix(b + (to - from));
  }

  /** Adds the digest written at the start of {@code chunk} by {@link #writeTo}. */
  void addHeaderOf(byte[] chunk) {
    ByteBuffer in = ByteBuffer.wrap(chunk, 0, BYTES);
    count += in.getLong();
    sumA += in.getLong();
    sumB += in.getLong();
  }

  void writeTo(byte[] chunk) {
    ByteBuffer.wrap(chunk, 0, BYTES).putLong(count).putLong(sumA).putLong(sumB);
  }

  long count() {
    return count;
  }

  /** The digest as recorded in a file: {@code <format>:<count>:<sumA>:<sumB>} (hex). */
  String recorded(String format) {
    return format + ":" + Long.toHexString(count) + ":" + Long.toHexString(sumA) + ":" + Long.toHexString(sumB);
  }
}
