package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code KL_DIVERGENCE(p, q)}: the Kullback–Leibler divergence D(P‖Q) = Σ pᵢ ln(pᵢ/qᵢ) in nats,
 * where pᵢ = aᵢ/A and qᵢ = bᵢ/B are the row weights normalised by their totals within the group.
 *
 * <ul>
 *   <li>NULL (SQL NULL) for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has p &gt; 0 and q = 0; 0·ln(0/q) = 0.
 *   <li>Never negative; exactly 0 when every row has p = q.
 *   <li>Constant memory: three double-double sums, two exponents and a flag. Any finite
 *       weights work, subnormal to 1e308, also when their sum exceeds the double range.
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

  private final SideTotal a = new SideTotal();
  private final SideTotal b = new SideTotal();
  /** A·KL, in a's units. */
  private final DoubleDouble d = new DoubleDouble();
  private boolean infinite;

  /** D(P‖Q) of two weight vectors (a convenience for Java callers and tests). */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new KlDivergence(), p, q);
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
  public KlDivergence merge(KlDivergence other) {
    infinite |= other.infinite;
    absorb(other.a.sum.hi, other.a.sum.lo, other.a.exponent,
        other.b.sum.hi, other.b.sum.lo, other.b.exponent, other.d);
    return this;
  }

  /**
   * Joins a part with totals x = (xh + xl)·2^xs, y = (yh + yl)·2^ys and, for a merged state, its
   * own D (in units of 2^xs).
   */
  void absorb(double xh, double xl, int xs, double yh, double yl, int ys, DoubleDouble dx) {
    if (xh == 0 && yh == 0) {
      return;
    }
    d.scale(a.fit(xh, xs));
    b.fit(yh, ys);
    double x = a.units(xh, xs);
    double xlo = a.units(xl, xs);
    double y = b.units(yh, ys);
    double ylo = b.units(yl, ys);
    if (y == 0 && yh != 0) {
      y = Double.MIN_VALUE; // below 2^-1074 of the q total: as small as a double gets
    }
    if (!infinite) {
      if (dx != null) {
        d.add(a.units(dx.hi, xs), a.units(dx.lo, xs));
      }
      if (y == 0) {
        infinite = true; // p > 0 where q has no mass
      } else if (!b.isZero()) {
        d.add(increment(a.sum.hi, a.sum.lo, b.sum.hi, b.sum.lo, x, xlo, y, ylo));
      } // else this state is empty (B = 0 and not infinite means A = 0): D stays 0
    }
    a.sum.add(x, xlo);
    b.sum.add(y, ylo);
  }

  /**
   * The increase of D when part (x, y) joins part (A, B), all in their sides' units (near 1, so
   * no product leaves the double range); requires B &gt; 0 and y &gt; 0.
   */
  private static double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    double c = Numerics.crossDifference(ah, al, bh, bl, xh, xl, yh, yl);
    if (c == 0) {
      return 0;
    }
    double an = ah + xh;
    double bn = bh + yh;
    // B·r·φ(1 + c/(B·an)) + y·r·φ(1 − c/(y·an)) with r = an/bn; the second ratio overflows
    // when y is tiny next to x (a q weight near 0 where p has mass)
    return (Numerics.weightedPhi(bh, an, c) + Numerics.weightedPhi(yh, an, -c)) / bn;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    a.write(out);
    b.write(out);
    d.write(out);
    out.writeBoolean(infinite);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    a.read(in);
    b.read(in);
    d.read(in);
    infinite = in.readBoolean();
  }

  @Override
  public Double result() {
    if (a.isZero() || b.isZero()) {
      return null;
    }
    if (infinite) {
      return Double.POSITIVE_INFINITY;
    }
    return d.value() / a.sum.value();
  }
}
