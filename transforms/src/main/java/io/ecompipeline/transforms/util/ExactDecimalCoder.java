package io.ecompipeline.transforms.util;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * A decimal as its scale and unscaled value (a varint when it fits a long, as it always does for
 * money). Beam's BigDecimalCoder formats an error message on every call.
 */
public final class ExactDecimalCoder extends AtomicCoder<BigDecimal> {
  private static final ExactDecimalCoder INSTANCE = new ExactDecimalCoder();

  private ExactDecimalCoder() {}

  public static ExactDecimalCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BigDecimal v, OutputStream out) throws IOException {
    VarInt.encode(v.scale(), out);
    BigInteger unscaled = v.unscaledValue();
    if (unscaled.bitLength() < Long.SIZE) {
      out.write(0);
      VarInt.encode(unscaled.longValue(), out);
    } else {
      byte[] bytes = unscaled.toByteArray();
      out.write(1);
      VarInt.encode(bytes.length, out);
      out.write(bytes);
    }
  }

  @Override
  public BigDecimal decode(InputStream in) throws IOException {
    int scale = VarInt.decodeInt(in);
    if (in.read() == 0) {
      return BigDecimal.valueOf(VarInt.decodeLong(in), scale);
    }
    byte[] bytes = new byte[VarInt.decodeInt(in)];
    new DataInputStream(in).readFully(bytes);
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  @Override
  public void verifyDeterministic() {}
}
