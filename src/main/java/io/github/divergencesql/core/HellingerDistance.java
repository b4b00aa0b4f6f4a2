package io.github.divergencesql.core;

import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code HELLINGER_DISTANCE(p, q)}: H(P, Q) = √(1 − Σ √(pᵢ qᵢ)) = √(½ Σ (√pᵢ − √qᵢ)²), in [0, 1],
 * p and q normalised within the group.
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>Finite for any zero bins (1 for disjoint supports); exactly 0 when every row has p = q.
 *   <li>Constant memory.
 * </ul>
 *
 * <p>Algorithm. The state holds the totals A, B and U = √(AB) − Σ √(aᵢbᵢ) = √(AB)·H². Joining a
 * part (x, y) to a part (A, B) raises U by √((A+x)(B+y)) − √(AB) − √(xy)
 * = (√(Ay) − √(xB))² / (√((A+x)(B+y)) + √(AB) + √(xy)) ≥ 0 (Cauchy–Schwarz), and
 * √(Ay) − √(xB) = c / (√(Ay) + √(xB)) with c = A·y − B·x taken from the double-double totals, so
 * no step cancels. The closed form 1 − Σ √(pᵢqᵢ) loses everything below 1e-16 instead.
 */
public final class HellingerDistance implements PairMeasure<HellingerDistance> {
  static final String NAME = "HELLINGER_DISTANCE";

  private final DoubleDouble a = new DoubleDouble();
  private final DoubleDouble b = new DoubleDouble();
  private final DoubleDouble u = new DoubleDouble();

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    HellingerDistance h = new HellingerDistance();
    for (int i = 0; i < p.length; i++) {
      h.add(p[i], q[i]);
    }
    return h.result();
  }

  @Override
  public void add(double p, double q) {
    addParts(weight(NAME, "p", p), 0, weight(NAME, "q", q), 0);
  }

  @Override
  public void addParts(double ph, double pl, double qh, double ql) {
    absorb(ph, pl, qh, ql);
    InvalidArgumentException.total(NAME, "p", a);
    InvalidArgumentException.total(NAME, "q", b);
  }

  @Override
  public HellingerDistance merge(HellingerDistance other) {
    u.add(other.u);
    absorb(other.a.hi, other.a.lo, other.b.hi, other.b.lo);
    return this;
  }

  private void absorb(double xh, double xl, double yh, double yl) {
    if (xh == 0 && yh == 0) {
      return;
    }
    u.add(increment(a.hi, a.lo, b.hi, b.lo, xh, xl, yh, yl));
    a.add(xh);
    a.lo += xl;
    b.add(yh);
    b.lo += yl;
  }

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
      return 0; // includes an empty part, and two parts with no q-mass (or no p-mass)
    }
    double root = c / (Math.sqrt(ah * yh) + Math.sqrt(xh * bh));
    double delta = root * root
        / (Math.sqrt((ah + xh) * (bh + yh)) + Math.sqrt(ah * bh) + Math.sqrt(xh * yh));
    return Math.scalb(delta, (sp + sq) / 2); // U = √(AB)·H² scales as √(p side · q side)
  }

  @Override
  public Double result() {
    if (a.isZero() || b.isZero()) {
      return null;
    }
    double h2 = u.value() / (Math.sqrt(a.value()) * Math.sqrt(b.value()));
    return Math.sqrt(Math.min(1.0, h2));
  }
}
