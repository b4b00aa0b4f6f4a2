package io.github.divergencesql.core;

/**
 * {@code CROSS_ENTROPY(p, q)}: H(P, Q) = −Σ pᵢ ln qᵢ in nats, p and q normalised within the group
 * (H(P, Q) = H(P) + D(P‖Q)).
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has p &gt; 0 and q = 0; rows with p = 0 add nothing.
 *   <li>Never negative. Constant memory. Any finite weights, in any order.
 * </ul>
 *
 * <p>Algorithm. V = Σ aᵢ ln(B/bᵢ) = A·H(P, Q) ({@link StreamingPairMeasure}). Pooling part
 * (x, y) into (A, B) raises it by A ln(1 + y/B) + x ln(1 + B/y), (A + x) times the two-outcome
 * cross-entropy: every term is non-negative, so V keeps full relative precision even when H is
 * tiny.
 */
public final class CrossEntropy extends StreamingPairMeasure<CrossEntropy> {
  static final String NAME = "CROSS_ENTROPY";

  public CrossEntropy() {
    super(NAME, true, false);
  }

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new CrossEntropy(), p, q);
  }

  @Override
  double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    return Numerics.poolingIncrement(ah, bh, xh, yh);
  }

  @Override
  Wide wideIncrement(Wide f1, Wide f2, Wide g1, Wide g2, Wide delta) {
    // −f₁ ln g₁ − f₂ ln g₂ = f₁ ln(1 + g₂/g₁) + f₂ ln(1 + g₁/g₂)
    return term(f1, g2, g1).plus(term(f2, g1, g2));
  }

  /** f·ln(1 + num/den); 0 where f = 0 (den &gt; 0 where f &gt; 0). */
  private static Wide term(Wide f, Wide num, Wide den) {
    if (f.isZero() || num.isZero()) {
      return Wide.ZERO;
    }
    Wide r = num.over(den);
    if (r.e < -1000) {
      return f.times(r); // ln(1 + r) = r to the last bit
    }
    return f.times(r.e < 1000 ? Numerics.log1p(r.toDouble()) : r.log());
  }

  /**
   * A block alone: Σ aᵢ ln(Y/bᵢ), one non-negative term a row; ln(Y/bᵢ) as ln(1 + (Y − bᵢ)/bᵢ)
   * with Y − bᵢ from the double-double total, so a dominant row (bᵢ near Y) keeps its precision.
   */
  @Override
  boolean blockValue(double[] xs, double[] ys, int n, double fx, double fy, double bigX,
      double bigXl, double bigY, double bigYl, DoubleDouble out) {
    for (int i = 0; i < n; i++) {
      double x = xs[i] * fx;
      if (x != 0) {
        double y = ys[i] * fy;
        if (y == 0) {
          return false; // p > 0 where q has no mass
        }
        out.add(rowTerm(x, y, bigY, bigYl));
      }
    }
    return true;
  }

  @Override
  Double stateResult() {
    if (hasEmptySide()) {
      return null;
    }
    return infinite ? Double.POSITIVE_INFINITY : valuePerP();
  }

  /**
   * The one definition of cross-entropy's row term against a block's (or a fixed-width stage's)
   * q total Y = big + bigLo: aᵢ·ln(Y/bᵢ) for 0 &lt; bᵢ ≤ Y ({@link Numerics#logRatio}). Used by
   * {@link #blockValue} and {@link FixedWidthState}.
   */
  static double rowTerm(double x, double y, double big, double bigLo) {
    return x * Numerics.logRatio(big, bigLo, y);
  }
}
