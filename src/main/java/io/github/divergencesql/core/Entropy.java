package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
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

  /** Rows added but not yet folded in, as in {@link StreamingPairMeasure}; null until one. */
  private double[] block;
  private int pending;

  @Override
  public void add(double w) {
    double x = weight(NAME, "p", w);
    if (x == 0) {
      return;
    }
    if (block == null) {
      block = new double[RowBlock.FIRST];
    } else if (pending == block.length) {
      if (pending < RowBlock.MAX) {
        block = Arrays.copyOf(block, 2 * pending);
      } else {
        pending = 0;
        fold(block, block.length);
      }
    }
    block[pending++] = x;
  }

  /** Adds one outcome whose weight is the unevaluated sum {@code wh + wl}. */
  public void addParts(double wh, double wl) {
    absorb(wh, wl, 0, null);
  }

  @Override
  public Entropy merge(Entropy other) {
    flush();
    if (other.pending > 0) { // the other state's pending rows, as a block; other is unchanged
      fold(other.block, other.pending);
    }
    absorb(other.s.sum.hi, other.s.sum.lo, other.s.exponent, other.t);
    return this;
  }

  private void flush() {
    int n = pending;
    pending = 0;
    fold(block, n);
  }

  /**
   * Joins a block of weights as one part, as a merge does: its total W and its own
   * T = Σ wᵢ ln(W/wᵢ), one non-negative term a row (ln(W/wᵢ) directly where wᵢ ≤ W/2, else as
   * ln(1 + (W − wᵢ)/wᵢ) with W − wᵢ exact). Small blocks, blocks spanning more than 2^400 and
   * totals beyond 2^±1000 join row by row.
   */
  private void fold(double[] ws, int n) {
    double sw = 0;
    double ew = 0;
    double max = 0;
    double min = Double.MAX_VALUE;
    if (n >= StreamingPairMeasure.BLOCK_FOLD_MIN) {
      for (int i = 0; i < n; i++) {
        double w = ws[i];
        double u = sw + w;
        ew += Numerics.twoSumError(sw, w, u);
        sw = u;
        max = Math.max(max, w);
        min = Math.min(min, w);
      }
    }
    double wh = sw + ew;
    double wl = ew - (wh - sw);
    int k = wh > 0 ? Numerics.exponent(wh) : 0;
    if (n < StreamingPairMeasure.BLOCK_FOLD_MIN || !(wh < Double.POSITIVE_INFINITY)
        || max > min * 0x1p400 || Math.abs(k) > 1000) {
      for (int i = 0; i < n; i++) {
        absorb(ws[i], 0, 0, null);
      }
      return;
    }
    double f = Math.scalb(1.0, -k);
    double bigW = wh * f;
    double bigWl = wl * f;
    DoubleDouble tb = new DoubleDouble();
    for (int i = 0; i < n; i++) {
      double w = ws[i] * f;
      tb.add(rowTerm(w, bigW, bigWl));
    }
    absorb(bigW, bigWl, k, tb);
  }

  /** Adds one weight as a pooling step, as a small block does (no check, no block). */
  void absorbRow(double w) {
    absorb(w, 0, 0, null);
  }

  /** The numbers of the state without pending rows. */
  static final int STATE_WIDTH = 6;

  /** Writes S (hi, lo, exponent, has mass) and T (hi, lo) to s[off] … s[off + 5]. */
  void saveTo(double[] out, int off) {
    out[off] = s.sum.hi;
    out[off + 1] = s.sum.lo;
    out[off + 2] = s.exponent;
    out[off + 3] = s.hasMass ? 1 : 0;
    out[off + 4] = t.hi;
    out[off + 5] = t.lo;
  }

  /** Sets the state (without pending rows) from numbers {@link #saveTo} wrote. */
  void restore(double[] in, int off) {
    s.sum.hi = in[off];
    s.sum.lo = in[off + 1];
    s.exponent = (int) in[off + 2];
    s.hasMass = in[off + 3] != 0;
    t.hi = in[off + 4];
    t.lo = in[off + 5];
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

  /** Writes the state with the pending rows folded in (they are folded in this state too). */
  @Override
  public void writeState(DataOutput out) throws IOException {
    flush();
    s.write(out);
    t.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    s.read(in);
    t.read(in);
  }

  /** The entropy so far; pending rows are folded into a copy, so reading changes nothing. */
  @Override
  public Double result() {
    if (pending == 0) {
      return stateResult();
    }
    double[] saved = new double[STATE_WIDTH];
    saveTo(saved, 0);
    int n = pending;
    flush();
    Double result = stateResult();
    restore(saved, 0);
    pending = n;
    return result;
  }

  Double stateResult() {
    if (!s.hasMass) {
      return null;
    }
    return t.value() / s.sum.value();
  }

  /**
   * The one definition of entropy's row term against a block's (or a fixed-width stage's) total
   * W = big + bigLo: wᵢ·ln(W/wᵢ) for 0 &lt; wᵢ ≤ W ({@link Numerics#logRatio}). Used by the
   * block fold and {@link FixedWidthState}.
   */
  static double rowTerm(double w, double big, double bigLo) {
    return w * Numerics.logRatio(big, bigLo, w);
  }
}
