package io.github.divergencesql.core;

import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code KL_DIVERGENCE(p, q)}: the Kullback–Leibler divergence D(P‖Q) = Σ pᵢ ln(pᵢ/qᵢ) in nats,
 * where pᵢ = aᵢ/A and qᵢ = bᵢ/B are the row weights normalised by their totals within the group.
 *
 * <ul>
 *   <li>NULL (SQL NULL) for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has p &gt; 0 and q = 0; 0·ln(0/q) = 0.
 *   <li>Never negative; exactly 0 when every row has p = q.
 *   <li>Constant memory: three double-double sums and a flag.
 * </ul>
 *
 * <p>Algorithm. The state holds the totals A, B and D = Σ aᵢ ln(aᵢ/bᵢ) − A ln(A/B) = A·D(P‖Q).
 * Joining a part with totals (x, y) to one with totals (A, B) raises D by the divergence of the
 * two-outcome distributions (A, x) and (B, y), scaled by A + x; written with φ(t) = t ln t − t + 1
 * and r = (A + x)/(B + y) it is B·r·φ(A/(B r)) + y·r·φ(x/(y r)), two non-negative terms. A row is
 * a part with D = 0, so {@link #add} and {@link #merge} are one operation and D is a sum of
 * non-negative increments: no cancellation, whatever the totals. The arguments of φ are
 * 1 + c/(B(A+x)) and 1 − c/(y(A+x)) with c = A·y − B·x computed from the double-double totals with
 * one rounding, so two nearly identical distributions keep full relative precision (the textbook
 * Σ p ln p − Σ p ln q cancels to noise there; scipy 1.17 even returns negative values).
 */
public final class KlDivergence implements PairMeasure<KlDivergence> {
  static final String NAME = "KL_DIVERGENCE";

  private final DoubleDouble a = new DoubleDouble();
  private final DoubleDouble b = new DoubleDouble();
  private final DoubleDouble d = new DoubleDouble();
  private boolean infinite;

  /** D(P‖Q) of two weight vectors (a convenience for Java callers and tests). */
  public static Double of(double[] p, double[] q) {
    KlDivergence kl = new KlDivergence();
    for (int i = 0; i < p.length; i++) {
      kl.add(p[i], q[i]);
    }
    return kl.result();
  }

  @Override
  public void add(double p, double q) {
    addParts(weight(NAME, "p", p), 0, weight(NAME, "q", q), 0);
  }

  @Override
  public void addParts(double ph, double pl, double qh, double ql) {
    absorb(ph, pl, qh, ql);
    checkTotals(NAME);
  }

  void checkTotals(String function) {
    InvalidArgumentException.total(function, "p", a);
    InvalidArgumentException.total(function, "q", b);
  }

  @Override
  public KlDivergence merge(KlDivergence other) {
    infinite |= other.infinite;
    if (!infinite) {
      d.add(other.d);
    }
    absorb(other.a.hi, other.a.lo, other.b.hi, other.b.lo);
    return this;
  }

  void absorb(double xh, double xl, double yh, double yl) {
    if (xh == 0 && yh == 0) {
      return;
    }
    if (!infinite) {
      if (yh == 0) {
        infinite = true; // p > 0 where q has no mass
      } else if (b.hi != 0) {
        d.add(increment(a.hi, a.lo, b.hi, b.lo, xh, xl, yh, yl));
      } // else this side is empty (B = 0 and not infinite means A = 0): D stays 0
    }
    a.add(xh);
    a.lo += xl;
    b.add(yh);
    b.lo += yl;
  }

  /** The increase of D when part (x, y) joins part (A, B); requires B &gt; 0 and y &gt; 0. */
  private static double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    int sp = Numerics.sideScale(ah + xh);
    if (sp != 0) {
      ah = Math.scalb(ah, -sp);
      al = Math.scalb(al, -sp);
      xh = Math.scalb(xh, -sp);
      xl = Math.scalb(xl, -sp);
    }
    int sq = Numerics.sideScale(bh + yh);
    if (sq != 0) {
      bh = Math.scalb(bh, -sq);
      bl = Math.scalb(bl, -sq);
      yh = Math.scalb(yh, -sq);
      yl = Math.scalb(yl, -sq);
    }
    double c = Numerics.crossDifference(ah, al, bh, bl, xh, xl, yh, yl);
    if (c == 0) {
      return 0;
    }
    double an = ah + xh;
    double bn = bh + yh;
    double delta = (bh * an / bn) * Numerics.phi1p(c / (bh * an))
        + (yh * an / bn) * Numerics.phi1p(-c / (yh * an));
    return sp == 0 ? delta : Math.scalb(delta, sp); // D = A·KL scales with the p side
  }

  @Override
  public Double result() {
    if (a.isZero() || b.isZero()) {
      return null;
    }
    if (infinite) {
      return Double.POSITIVE_INFINITY;
    }
    return d.value() / a.value();
  }
}
