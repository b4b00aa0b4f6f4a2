package io.github.divergencesql.core;

/**
 * {@code JS_DIVERGENCE(p, q)}: the Jensen–Shannon divergence ½D(P‖M) + ½D(Q‖M), M = (P + Q)/2,
 * in nats, in [0, ln 2]. This is the divergence, not scipy's {@code jensenshannon} (its square
 * root, a distance).
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>Finite for any zero bins (ln 2 for disjoint supports); exactly 0 when every row has p = q.
 *   <li>Buffers the rows (two primitive doubles a row): M depends on both final totals.
 * </ul>
 *
 * <p>With dᵢ = (pᵢ − qᵢ)/(pᵢ + qᵢ), pᵢ/mᵢ = 1 + dᵢ and qᵢ/mᵢ = 1 − dᵢ, so
 * JS = ½ Σ mᵢ (φ(1 + dᵢ) + φ(1 − dᵢ)) with φ(t) = t ln t − t + 1: non-negative terms only, and
 * dᵢ = (aᵢB − bᵢA)/(aᵢB + bᵢA) is taken with one rounding from the double-double totals.
 */
public final class JsDivergence extends BufferedPairMeasure<JsDivergence> {
  static final String NAME = "JS_DIVERGENCE";
  private static final double LN2 = Math.log(2);

  public JsDivergence() {
    super(NAME);
  }

  /** JS divergence of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new JsDivergence(), p, q);
  }

  @Override
  public Double result() {
    return rows.hasEmptySide() ? null : of(rows);
  }

  /** The JS divergence of the buffered rows, both sides with mass. */
  static double of(PairBuffer rows) {
    // mᵢ = (aᵢB + bᵢA) / (2AB), so ½ Σ mᵢ g(dᵢ) = Σ sumᵢ g(dᵢ) / (4AB)
    double js = rows.sumOverRows((diff, ab, ba) -> {
      double sum = ab + ba;
      double d = Math.max(-1, Math.min(1, diff / sum)); // |d| ≤ 1 exactly, not only up to rounding
      return sum * (Numerics.phi1p(d) + Numerics.phi1p(-d));
    }) / 4;
    return Math.min(LN2, js);
  }
}
