package io.github.divergencesql.core;

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

  private final DoubleDouble a = new DoubleDouble();
  private final DoubleDouble b = new DoubleDouble();
  private final DoubleDouble t = new DoubleDouble();
  private boolean infinite;

  /** H(P, Q) of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    CrossEntropy h = new CrossEntropy();
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
    absorb(ph, pl, qh, ql, 0);
    InvalidArgumentException.total(NAME, "p", a);
    InvalidArgumentException.total(NAME, "q", b);
  }

  @Override
  public CrossEntropy merge(CrossEntropy other) {
    infinite |= other.infinite;
    absorb(other.a.hi, other.a.lo, other.b.hi, other.b.lo, other.t.value());
    return this;
  }

  private void absorb(double xh, double xl, double yh, double yl, double tx) {
    if (xh == 0 && yh == 0) {
      return;
    }
    if (!infinite) {
      if (yh == 0) {
        infinite = true; // p > 0 where q has no mass
      } else {
        t.add(tx);
        t.add(Numerics.poolingIncrement(a.hi, b.hi, xh, yh));
      }
    }
    a.add(xh);
    a.lo += xl;
    b.add(yh);
    b.lo += yl;
  }

  @Override
  public Double result() {
    if (a.isZero() || b.isZero()) {
      return null;
    }
    if (infinite) {
      return Double.POSITIVE_INFINITY;
    }
    return t.value() / a.value();
  }
}
