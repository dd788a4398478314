package io.ecompipeline.transforms.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What a fact needs of one dimension version: its {@code [valid_from, valid_to)} in epoch
 * microseconds and its surrogate key. The point-in-time side inputs hold these instead of whole
 * dimension rows, so that every worker's copy of a dimension is three longs per version (a
 * customer row is ~15 fields, a dozen of them text).
 */
public record VersionSpan(long validFrom, long validTo, long key) {
  static final Coder<VersionSpan> CODER = new SpanCoder();

  boolean holds(long micros) {
    return validFrom <= micros && micros < validTo;
  }

  private static final class SpanCoder extends AtomicCoder<VersionSpan> {
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(VersionSpan span, OutputStream out) throws IOException {
      LONG.encode(span.validFrom, out);
      LONG.encode(span.validTo, out);
      LONG.encode(span.key, out);
    }

    @Override
    public VersionSpan decode(InputStream in) throws IOException {
      return new VersionSpan(LONG.decode(in), LONG.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
