package io.github.divergencesql.core;

/**
 * {@code HELLINGER_DISTANCE(p, q)}: H(P, Q) = √(1 − Σ √(pᵢ qᵢ)) = √(½ Σ (√pᵢ − √qᵢ)²), in [0, 1],
 * p and q normalised within the group.
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>Finite for any zero bins (1 for disjoint supports); exactly 0 when every row has p = q.
 *   <li>Constant memory. Any finite weights, in any order.
 * </ul>
 *
 * <p>Algorithm. V = √(AB) − Σ √(aᵢbᵢ) = √(AB)·H² ({@link StreamingPairMeasure}). Joining a part
 * (x, y) to (A, B) raises V by √((A+x)(B+y)) − √(AB) − √(xy)
 * = (√(Ay) − √(xB))² / (√((A+x)(B+y)) + √(AB) + √(xy)) ≥ 0 (Cauchy–Schwarz), and
 * √(Ay) − √(xB) = c / (√(Ay) + √(xB)) with c = A·y − B·x taken from the double-double totals, so
 * no step cancels. The closed form 1 − Σ √(pᵢqᵢ) loses everything below 1e-16 instead.
 */
public final class HellingerDistance extends StreamingPairMeasure<HellingerDistance> {
  static final String NAME = "HELLINGER_DISTANCE";

  public HellingerDistance() {
    super(NAME, false, true);
  }

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new HellingerDistance(), p, q);
  }

  @Override
  double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    double c = Numerics.crossDifference(ah, al, bh, bl, xh, xl, yh, yl);
    if (c == 0) {
      return 0; // includes an empty part, and two parts with no q-mass (or no p-mass)
    }
    double root = c / (Math.sqrt(ah * yh) + Math.sqrt(xh * bh));
    return root * root
        / (Math.sqrt((ah + xh) * (bh + yh)) + Math.sqrt(ah * bh) + Math.sqrt(xh * yh));
  }

  @Override
  Wide wideIncrement(Wide f1, Wide f2, Wide g1, Wide g2, Wide delta) {
    // the same identity on the shares: (δ / (√(f₁g₂) + √(f₂g₁)))² / (1 + √(f₁g₁) + √(f₂g₂))
    if (delta.isZero()) {
      return Wide.ZERO;
    }
    Wide root = delta.over(f1.times(g2).sqrt().plus(f2.times(g1).sqrt()));
    double den = 1 + f1.times(g1).sqrt().toDouble() + f2.times(g2).sqrt().toDouble();
    return root.times(root).times(1 / den);
  }

  /** Hellinger's V is in geometric units: every row is absorbed as it comes. */
  @Override
  boolean noBlockForm() {
    return true;
  }

  @Override
  Double stateResult() {
    if (hasEmptySide()) {
      return null;
    }
    double h2 = value.value() / (Math.sqrt(a.sum.value()) * Math.sqrt(b.sum.value()));
    return Math.sqrt(Math.min(1.0, h2));
  }
}
