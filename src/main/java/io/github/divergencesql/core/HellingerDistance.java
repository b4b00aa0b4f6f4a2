package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

  private final SideTotal a = new SideTotal();
  private final SideTotal b = new SideTotal();
  /** √(AB)·H², in units of √(a's units · b's units). */
  private final DoubleDouble u = new DoubleDouble();

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new HellingerDistance(), p, q);
  }

  @Override
  public void add(double p, double q) {
    addParts(weight(NAME, "p", p), 0, weight(NAME, "q", q), 0);
  }

  @Override
  public void addParts(double ph, double pl, double qh, double ql) {
    absorb(ph, pl, 0, qh, ql, 0, null);
  }

  @Override
  public HellingerDistance merge(HellingerDistance other) {
    absorb(other.a.sum.hi, other.a.sum.lo, other.a.exponent,
        other.b.sum.hi, other.b.sum.lo, other.b.exponent, other.u);
    return this;
  }

  private void absorb(double xh, double xl, int xs, double yh, double yl, int ys,
      DoubleDouble ux) {
    if (xh == 0 && yh == 0) {
      return;
    }
    int kp = a.fit(xh, xs);
    int kq = b.fit(yh, ys);
    u.scale((kp + kq) / 2); // exponents are even
    double x = a.units(xh, xs);
    double xlo = a.units(xl, xs);
    double y = b.units(yh, ys);
    double ylo = b.units(yl, ys);
    if (ux != null) {
      int k = (xs - a.exponent + ys - b.exponent) / 2;
      u.add(Math.scalb(ux.hi, k), Math.scalb(ux.lo, k));
    }
    u.add(increment(a.sum.hi, a.sum.lo, b.sum.hi, b.sum.lo, x, xlo, y, ylo));
    a.sum.add(x, xlo);
    b.sum.add(y, ylo);
  }

  /** The increase of U when part (x, y) joins part (A, B), in the sides' units. */
  private static double increment(double ah, double al, double bh, double bl,
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
  public void writeState(DataOutput out) throws IOException {
    a.write(out);
    b.write(out);
    u.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    a.read(in);
    b.read(in);
    u.read(in);
  }

  @Override
  public Double result() {
    if (a.isZero() || b.isZero()) {
      return null;
    }
    double h2 = u.value() / (Math.sqrt(a.sum.value()) * Math.sqrt(b.sum.value()));
    return Math.sqrt(Math.min(1.0, h2));
  }
}
