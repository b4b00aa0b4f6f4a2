package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code ENTROPY(w)}: the Shannon entropy H(P) = −Σ pᵢ ln pᵢ in nats of the distribution whose
 * outcome weights are the rows' w, normalised within the group (Trino's entropy of counts).
 *
 * <ul>
 *   <li>NULL for no non-NULL row, or when the total weight is 0; NULL rows are ignored.
 *   <li>0·ln 0 = 0. Never negative; in [0, ln n] for n outcomes. Constant memory.
 * </ul>
 *
 * <p>Algorithm. The state holds the total S and T = Σ wᵢ ln(S/wᵢ) = S·H. Pooling two parts
 * gives T = T₁ + T₂ + S₁ ln(1 + S₂/S₁) + S₂ ln(1 + S₁/S₂), all terms ≥ 0 — a cross-entropy
 * pooling step with q = p — so an entropy of 1e-13 (one dominant outcome) keeps full precision.
 */
public final class Entropy implements UnaryAccumulator<Entropy> {
  static final String NAME = "ENTROPY";

  private final SideTotal s = new SideTotal();
  /** S·H(P), in s's units. */
  private final DoubleDouble t = new DoubleDouble();

  /** H(P) of one weight vector. */
  public static Double of(double... w) {
    Entropy h = new Entropy();
    for (double x : w) {
      h.add(x);
    }
    return h.result();
  }

  @Override
  public void add(double w) {
    addParts(weight(NAME, "p", w), 0);
  }

  /** Adds one outcome whose weight is the unevaluated sum {@code wh + wl}. */
  public void addParts(double wh, double wl) {
    absorb(wh, wl, 0, null);
  }

  @Override
  public Entropy merge(Entropy other) {
    absorb(other.s.sum.hi, other.s.sum.lo, other.s.exponent, other.t);
    return this;
  }

  private void absorb(double xh, double xl, int xs, DoubleDouble tx) {
    if (xh == 0) {
      return;
    }
    t.scale(s.fit(xh, xs));
    double x = s.units(xh, xs);
    if (tx != null) {
      t.add(s.units(tx.hi, xs), s.units(tx.lo, xs));
    }
    t.add(Numerics.poolingIncrement(s.sum.hi, s.sum.hi, x, x));
    s.sum.add(x, s.units(xl, xs));
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    s.write(out);
    t.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    s.read(in);
    t.read(in);
  }

  @Override
  public Double result() {
    if (!s.hasMass) {
      return null;
    }
    return t.value() / s.sum.value();
  }
}
