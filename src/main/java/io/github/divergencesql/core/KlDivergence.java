package io.github.divergencesql.core;

/**
 * {@code KL_DIVERGENCE(p, q)}: the Kullback–Leibler divergence D(P‖Q) = Σ pᵢ ln(pᵢ/qᵢ) in nats,
 * where pᵢ = aᵢ/A and qᵢ = bᵢ/B are the row weights normalised by their totals within the group.
 *
 * <ul>
 *   <li>NULL (SQL NULL) for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has p &gt; 0 and q = 0; 0·ln(0/q) = 0.
 *   <li>Never negative; exactly 0 when every row has p = q.
 *   <li>Constant memory. Any finite weights, subnormal to 1e308 in one group, in any order.
 * </ul>
 *
 * <p>Algorithm. V = Σ aᵢ ln(aᵢ/bᵢ) − A ln(A/B) = A·D(P‖Q) ({@link StreamingPairMeasure}). Joining
 * part (x, y) to (A, B) raises V by (A + x) times the divergence of the two-outcome
 * distributions f = (A, x)/(A + x) and g = (B, y)/(B + y), written as Σ gᵢ φ(fᵢ/gᵢ) with
 * φ(t) = t ln t − t + 1 ≥ 0: two non-negative terms, so V has no cancellation whatever the
 * totals. The arguments of φ are 1 + c/(B(A+x)) and 1 − c/(y(A+x)) with c = A·y − B·x taken with
 * one rounding from the double-double totals, so two nearly identical distributions keep full
 * relative precision (the textbook Σ p ln p − Σ p ln q cancels to noise there; scipy 1.17 even
 * returns negative values).
 */
public final class KlDivergence extends StreamingPairMeasure<KlDivergence> {
  static final String NAME = "KL_DIVERGENCE";

  public KlDivergence() {
    super(NAME, true, false);
  }

  /** D(P‖Q) of two weight vectors (a convenience for Java callers and tests). */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new KlDivergence(), p, q);
  }

  @Override
  double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    double c = Numerics.crossDifference(ah, al, bh, bl, xh, xl, yh, yl);
    if (c == 0) {
      return 0;
    }
    double an = ah + xh;
    double bn = bh + yh;
    // (A + x)·(g₁ φ(f₁/g₁) + g₂ φ(f₂/g₂)) = (B·an·φ(1 + c/(B·an)) + y·an·φ(1 − c/(y·an))) / bn;
    // the second ratio overflows when y is tiny next to x (a q weight near 0 where p has mass)
    return (Numerics.weightedPhi(bh, an, c) + Numerics.weightedPhi(yh, an, -c)) / bn;
  }

  @Override
  Wide wideIncrement(Wide f1, Wide f2, Wide g1, Wide g2, Wide delta) {
    return term(f1, g1, delta).plus(term(f2, g2, delta.negate()));
  }

  /** g·φ(f/g) ≥ 0 for shares f, g of one outcome with f − g = d (g &gt; 0 where f &gt; 0). */
  private static Wide term(Wide f, Wide g, Wide d) {
    if (f.isZero()) {
      return g; // φ(0) = 1
    }
    Wide t = f.over(g);
    if (t.e == 0 || t.e == -1) {
      return g.times(Numerics.phi1p(d.over(g).toDouble())); // t in [1/2, 2): t − 1 from d
    }
    if (Math.abs(t.e) < 1000) {
      return g.times(Numerics.phi1p(t.toDouble() - 1));
    }
    if (t.e > 0) {
      return f.times(t.log() - 1); // t ln t − t + 1 with 1 below t's last bit
    }
    return g; // t ln t − t below 2^-990 next to 1
  }

  /**
   * A block alone: Σ aᵢ ln(aᵢ/bᵢ) − X ln(X/Y) = Σ (bᵢX/Y) φ(aᵢY/(bᵢX)), one non-negative term
   * a row, its φ argument 1 + d with d = (aᵢY − bᵢX)/(bᵢX) taken with one rounding from the
   * block's double-double totals.
   */
  @Override
  boolean blockValue(double[] xs, double[] ys, int n, double fx, double fy, double bigX,
      double bigXl, double bigY, double bigYl, DoubleDouble out) {
    double xy = bigX / bigY;
    for (int i = 0; i < n; i++) {
      double x = xs[i] * fx;
      double y = ys[i] * fy;
      if (y == 0) {
        return false; // p > 0 where q has no mass (rows with neither are not kept)
      }
      double yx = y * bigX;
      double r = x * bigY / yx; // (aᵢ/X)/(bᵢ/Y)
      double d = Numerics.blockRatioMinusOne(x, y, bigX, bigXl, bigY, bigYl, yx);
      out.add(x == 0 ? y * xy : rowTerm(y * xy, r, Math.log(r), d)); // φ(0) = 1
    }
    return true;
  }

  /**
   * The one definition of KL's row term against a block's (or a fixed-width stage's) totals
   * X, Y: (bᵢX/Y)·φ(r) with r = (aᵢ/X)/(bᵢ/Y) &gt; 0, {@code log} = ln r and d = r − 1 taken
   * with one rounding ({@link Numerics#blockRatioMinusOne}); {@code yScaled} = bᵢX/Y. Used by
   * {@link #blockValue}, PSI's forward sum and {@link FixedWidthState}.
   */
  static double rowTerm(double yScaled, double r, double log, double d) {
    return yScaled * Numerics.blockPhi(r, log, d);
  }

  @Override
  Double stateResult() {
    if (hasEmptySide()) {
      return null;
    }
    return infinite ? Double.POSITIVE_INFINITY : valuePerP();
  }
}
