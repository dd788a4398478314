package io.ecompipeline.transforms.util;

/**
 * The 64-bit hashing the lake's sets and digests share: FNV-1a, and the SplitMix64 finaliser that
 * spreads a hash over all 64 bits. Fast, not cryptographic: collisions only cost work or, for the
 * writer's content digest, are made negligible by summing two independent hashes.
 */
public final class Hash64 {
  /** FNV-1a's offset basis: the hash of nothing. */
  public static final long FNV_BASIS = 0xcbf29ce484222325L;
  /** FNV-1a's prime. */
  public static final long FNV_PRIME = 0x100000001b3L;

  private Hash64() {}

  /** FNV-1a over the UTF-16 code units of {@code s}. */
  public static long fnv1a(CharSequence s) {
    long h = FNV_BASIS;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }

  /** The SplitMix64 finaliser. */
  public static long mix(long h) {
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
