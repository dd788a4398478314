package io.ecompipeline.transforms.aggregates;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The division rules of contract §4: money DECIMAL(18,2), rates DECIMAL(9,4), half-up, and a
 * division by zero gives 0 at the column's scale.
 */
final class Decimals {
  static final int MONEY_SCALE = 2;
  static final int RATE_SCALE = 4;

  private Decimals() {}

  static BigDecimal money(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
  }

  /** amount / count at money scale; 0.00 when count is 0. */
  static BigDecimal moneyPer(BigDecimal amount, long count) {
    return count == 0
        ? BigDecimal.ZERO.setScale(MONEY_SCALE)
        : amount.divide(BigDecimal.valueOf(count), MONEY_SCALE, RoundingMode.HALF_UP);
  }

  /** numerator / denominator at rate scale; 0.0000 when the denominator is 0. */
  static BigDecimal rate(long numerator, long denominator) {
    return denominator == 0
        ? BigDecimal.ZERO.setScale(RATE_SCALE)
        : BigDecimal.valueOf(numerator)
            .divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
  }
}
