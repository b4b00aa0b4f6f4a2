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
 * so the sum has the relative precision of its parts; added rows are folded into both in blocks,
 * one logarithm a row for the two.
 */
public final class Psi implements PairMeasure<Psi> {
  static final String NAME = "PSI";

  private final KlDivergence forward = new KlDivergence();
  private final KlDivergence reverse = new KlDivergence();

  /** PSI of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new Psi(), p, q);
  }

  /** Rows added but not yet folded into both states, as in {@link StreamingPairMeasure}. */
  private final RowBlock block = new RowBlock();

  @Override
  public void add(double p, double q) {
    double x = weight(NAME, "p", p);
    double y = weight(NAME, "q", q);
    if (x == 0 && y == 0) {
      return;
    }
    if (block.full()) {
      flush();
    }
    block.put(x, y);
  }

  @Override
  public void addParts(double ph, double pl, double qh, double ql) {
    forward.addParts(ph, pl, qh, ql);
    reverse.addParts(qh, ql, ph, pl);
  }

  private void flush() {
    int n = block.n;
    block.n = 0;
    fold(block.x, block.y, n);
  }

  /**
   * Joins a block of rows to both KL states, each as one part (see
   * {@link StreamingPairMeasure}), with one logarithm a row for both: with r = (aᵢ/X)/(bᵢ/Y)
   * and L = ln r, the forward term is (bᵢX/Y)·φ(r) = (bᵢX/Y)(rL − (r − 1)) and the reverse one
   * (aᵢY/X)·φ(1/r) = bᵢ(r − 1 − L); near r = 1 both from φ's series, at d = r − 1 (one rounding
   * from the totals) and at 1/r − 1 = −d/(1 + d).
   */
  private void fold(double[] xs, double[] ys, int n) {
    StreamingPairMeasure.BlockTotals t = StreamingPairMeasure.BlockTotals.of(xs, ys, n);
    if (t == null) {
      for (int i = 0; i < n; i++) {
        forward.absorbRow(xs[i], ys[i]);
        reverse.absorbRow(ys[i], xs[i]);
      }
      return;
    }
    double bigX = t.xh() * t.fx();
    double bigXl = t.xl() * t.fx();
    double bigY = t.yh() * t.fy();
    double bigYl = t.yl() * t.fy();
    double xy = bigX / bigY;
    double yx = bigY / bigX;
    DoubleDouble vf = new DoubleDouble();
    DoubleDouble vr = new DoubleDouble();
    boolean forwardInfinite = false;
    boolean reverseInfinite = false;
    for (int i = 0; i < n; i++) {
      double x = xs[i] * t.fx();
      double y = ys[i] * t.fy();
      if (x == 0) { // forward φ(0) = 1; nothing in the reverse direction
        vf.add(y * xy);
        reverseInfinite = true; // q > 0 where p has no mass
        continue;
      }
      if (y == 0) {
        forwardInfinite = true;
        vr.add(x * yx);
        continue;
      }
      double ybx = y * bigX;
      double r = x * bigY / ybx;
      double log = Math.log(r);
      double d = Numerics.blockRatioMinusOne(x, y, bigX, bigXl, bigY, bigYl, ybx);
      vf.add(KlDivergence.rowTerm(y * xy, r, log, d));
      vr.add(reverseRowTerm(y, r, log, d));
    }
    forward.foldPart(t.xh(), t.xl(), t.yh(), t.yl(), t.kx(), vf, forwardInfinite);
    reverse.foldPart(t.yh(), t.yl(), t.xh(), t.xl(), t.ky(), vr, reverseInfinite);
  }

  @Override
  public Psi merge(Psi other) {
    flush();
    if (other.block.n > 0) { // the other state's pending rows, as a block; other unchanged
      fold(other.block.x, other.block.y, other.block.n);
    }
    forward.merge(other.forward);
    reverse.merge(other.reverse);
    return this;
  }

  /** Writes both states with the pending rows folded in (they are folded in this one too). */
  @Override
  public void writeState(DataOutput out) throws IOException {
    flush();
    forward.writeState(out);
    reverse.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    forward.readState(in);
    reverse.readState(in);
  }

  /** The PSI so far; pending rows are folded into the states, which are then put back. */
  @Override
  public Double result() {
    if (block.n == 0) {
      return stateResult();
    }
    double[] f = forward.save();
    double[] r = reverse.save();
    int n = block.n;
    flush();
    Double result = stateResult();
    forward.restore(f);
    reverse.restore(r);
    block.n = n;
    return result;
  }

  Double stateResult() {
    Double f = forward.result();
    Double r = reverse.result();
    return f == null || r == null ? null : f + r;
  }

  /**
   * The one definition of PSI's reverse row term, D(Q‖P)'s, against a block's totals: bᵢ·ψ(r)
   * with r, {@code log} and d as for {@link KlDivergence#rowTerm}. Used by the block fold and
   * {@link FixedWidthState}.
   */
  static double reverseRowTerm(double y, double r, double log, double d) {
    return y * Numerics.blockPsi(r, log, d);
  }
}
