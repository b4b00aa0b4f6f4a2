package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import static io.github.divergencesql.core.InvalidArgumentException.weight;

/**
 * {@code PSI(p, q)}: the population stability index Σ (pᵢ − qᵢ) ln(pᵢ/qᵢ) = D(P‖Q) + D(Q‖P),
 * the symmetrised (Jeffreys) divergence, in nats.
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>+Infinity when some row has exactly one of p, q equal to 0.
 *   <li>Never negative; exactly 0 when every row has p = q. Constant memory.
 * </ul>
 *
 * <p>Computed as the sum of two {@link KlDivergence} states, each a sum of non-negative terms,
 * so the sum has the relative precision of its parts.
 */
public final class Psi implements PairMeasure<Psi> {
  static final String NAME = "PSI";

  private final KlDivergence forward = new KlDivergence();
  private final KlDivergence reverse = new KlDivergence();

  /** PSI of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new Psi(), p, q);
  }

  @Override
  public void add(double p, double q) {
    weight(NAME, "p", p);
    weight(NAME, "q", q);
    forward.add(p, q); // each KL state folds its rows in blocks
    reverse.add(q, p);
  }

  @Override
  public void addParts(double ph, double pl, double qh, double ql) {
    forward.addParts(ph, pl, qh, ql);
    reverse.addParts(qh, ql, ph, pl);
  }

  @Override
  public Psi merge(Psi other) {
    forward.merge(other.forward);
    reverse.merge(other.reverse);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    forward.writeState(out);
    reverse.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    forward.readState(in);
    reverse.readState(in);
  }

  @Override
  public Double result() {
    Double f = forward.result();
    Double r = reverse.result();
    return f == null || r == null ? null : f + r;
  }
}
