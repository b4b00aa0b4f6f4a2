package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code CROSS_ENTROPY(p, q)}: H(P, Q) = −Σ pᵢ ln qᵢ in nats, p and q normalised within the group
 * (H(P, Q) = H(P) + D(P‖Q)).
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has p &gt; 0 and q = 0; rows with p = 0 add nothing.
 *   <li>Never negative. Constant memory.
 * </ul>
 *
 * <p>Algorithm. The state holds the totals A, B and T = Σ aᵢ ln(B/bᵢ) = A·H(P, Q). Pooling two
 * parts (A₁, B₁, T₁) and (A₂, B₂, T₂) gives T = T₁ + T₂ + A₁ ln(1 + B₂/B₁) + A₂ ln(1 + B₁/B₂):
 * every term is non-negative, so T keeps full relative precision even when H is tiny.
 */
public final class CrossEntropy implements PairMeasure<CrossEntropy> {
  static final String NAME = "CROSS_ENTROPY";

  private final SideTotal a = new SideTotal();
  private final SideTotal b = new SideTotal();
  /** A·H(P, Q), in a's units. */
  private final DoubleDouble t = new DoubleDouble();
  private boolean infinite;

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new CrossEntropy(), p, q);
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
  public CrossEntropy merge(CrossEntropy other) {
    infinite |= other.infinite;
    absorb(other.a.sum.hi, other.a.sum.lo, other.a.exponent,
        other.b.sum.hi, other.b.sum.lo, other.b.exponent, other.t);
    return this;
  }

  private void absorb(double xh, double xl, int xs, double yh, double yl, int ys,
      DoubleDouble tx) {
    if (xh == 0 && yh == 0) {
      return;
    }
    t.scale(a.fit(xh, xs));
    b.fit(yh, ys);
    double x = a.units(xh, xs);
    double y = b.units(yh, ys);
    if (!infinite) {
      if (y == 0) {
        infinite = true; // p > 0 where q has no mass
      } else {
        if (tx != null) {
          t.add(a.units(tx.hi, xs), a.units(tx.lo, xs));
        }
        t.add(Numerics.poolingIncrement(a.sum.hi, b.sum.hi, x, y));
      }
    }
    a.sum.add(x, a.units(xl, xs));
    b.sum.add(y, b.units(yl, ys));
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    a.write(out);
    b.write(out);
    t.write(out);
    out.writeBoolean(infinite);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    a.read(in);
    b.read(in);
    t.read(in);
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
    return t.value() / a.sum.value();
  }
}
