package io.ecompipeline.transforms.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;

/**
 * A decimal of a fixed scale (money: 2, rates: 4) carried as its unscaled value in one INT64.
 * Beam's DECIMAL coder writes scale and unscaled bytes per value and formats an error message
 * for a null check on every call: across the shuffles of a day that was 7% of all CPU. A value
 * with more places than the scale is refused (never rounded here: rounding is the transforms'
 * business, half-up, where the contract says).
 */
public final class ScaledDecimal implements LogicalType<BigDecimal, Long> {
  public static final String IDENTIFIER = "io.ecompipeline:scaled_decimal";
  private final int scale;

  private ScaledDecimal(int scale) {
    this.scale = scale;
  }

  public static ScaledDecimal of(int scale) {
    return new ScaledDecimal(scale);
  }

  @Override
  public String getIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public FieldType getArgumentType() {
    return FieldType.INT32;
  }

  @Override
  public Integer getArgument() {
    return scale;
  }

  @Override
  public FieldType getBaseType() {
    return FieldType.INT64;
  }

  @Override
  public Long toBaseType(BigDecimal input) {
    return input == null ? null : unscaled(input, scale);
  }

  /** {@code value} × 10^scale as a long; refuses more places than {@code scale} and overflow. */
  public static long unscaled(BigDecimal value, int scale) {
    // Moving the point keeps a small value's digits in a long, and a whole value's longValueExact
    // returns them: unscaledValue() made a BigInteger of every amount coded.
    return value.setScale(scale, RoundingMode.UNNECESSARY).scaleByPowerOfTen(scale).longValueExact();
  }

  @Override
  public BigDecimal toInputType(Long base) {
    return base == null ? null : BigDecimal.valueOf(base, scale);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScaledDecimal d && d.scale == scale;
  }

  @Override
  public int hashCode() {
    return IDENTIFIER.hashCode() * 31 + scale;
  }
}
