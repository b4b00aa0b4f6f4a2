package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The one streaming state of the two-sided measures ({@link KlDivergence}, {@link CrossEntropy},
 * {@link HellingerDistance}; {@link Psi} is two KL states): the side totals A and B, each with
 * its own exponent and "has rows" flag ({@link SideTotal}), one pooled quantity V in double-double
 * (A·KL, A·H(P,Q) or √(AB)·H²), and an infinity flag. It owns adding, merging, rescaling and the
 * state codec; a measure supplies only the increase of V when a part joins the state, and its
 * result.
 *
 * <p>Joining a part with totals (x, y) to a state with totals (A, B) raises V by the measure of
 * the two two-outcome distributions f = (A, x)/(A + x) and g = (B, y)/(B + y), times A + x (or
 * √((A + x)(B + y)) for Hellinger). A row is a part with V = 0, so adding and merging are one
 * operation, and V is a sum of non-negative increments. The increment has two forms:
 * <ul>
 *   <li>ordinary (every part within 2^-450 … 2^420 of its side's units, always true for weights
 *       within 2^±400 of each other): doubles in the sides' units, the measure's
 *       {@link #increment} — the fast path;
 *   <li>wide (a part and a total of one side more than 2^400 apart, e.g. weights 1e-300 and 1e300
 *       in one group): the two-outcome measure from {@link Wide} numbers, whose ratios may lie
 *       far beyond the double range, the measure's {@link #wideIncrement}.
 * </ul>
 * Both forms take the distance between the two sides from c = A·y − B·x, computed with one
 * rounding from the double-double totals, so identical sides give exactly 0 on both paths and
 * nearly identical ones keep their relative precision.
 *
 * <p>Rows added one at a time are first kept in a {@link RowBlock} and folded in as one part of
 * up to 256 rows where the measure has a block form ({@link #blockValue}: KL, cross-entropy;
 * {@link Psi} folds its own): the pooling step then runs once a block, and a row costs one term.
 *
 * @param <M> the concrete measure
 */
public abstract class StreamingPairMeasure<M extends StreamingPairMeasure<M>>
    implements PairMeasure<M> {
  private final String name;
  /** True for measures that are +Infinity where p &gt; 0 = q (KL, cross-entropy). */
  private final boolean infiniteWithoutQ;
  /** True when V is in √(a's units · b's units) (Hellinger), else in a's units. */
  private final boolean geometricUnits;

  final SideTotal a = new SideTotal();
  final SideTotal b = new SideTotal();
  /** V, the pooled quantity, in the units {@link #valueExponent} names. */
  final DoubleDouble value = new DoubleDouble();
  boolean infinite;

  /**
   * Fewer pending rows than this are absorbed one by one when folded: a block form pays off
   * only over many rows, and a small group then gives the very bits it gave row by row.
   */
  static final int BLOCK_FOLD_MIN = 32;

  /** Rows added but not yet folded into the state (see {@link #blockValue}). */
  private final RowBlock block = new RowBlock();

  StreamingPairMeasure(String name, boolean infiniteWithoutQ, boolean geometricUnits) {
    this.name = name;
    this.infiniteWithoutQ = infiniteWithoutQ;
    this.geometricUnits = geometricUnits;
  }

  /**
   * The block form of the measure, where it has one: adds to {@code out} the V of the block of
   * rows (x[i]·fx, y[i]·fy) taken alone, whose totals are X + XL and Y + YL (in [1, 2), every
   * row within 2^400 of its side's largest), and returns false where the block's measure is
   * infinite. A measure without a block form (Hellinger, whose V is in geometric units)
   * overrides {@link #noBlockForm()} instead, and absorbs each row as it comes.
   *
   * <p>Why blocks: V of a block alone is a sum of one cheap non-negative term per row (the
   * block's totals are known when it is folded), and the block then joins the state as one part
   * through the same exact pooling as a merge; so a row costs about one logarithm instead of a
   * pooling step, with the same properties (exact 0 for identical sides, relative precision for
   * nearly identical ones).
   */
  boolean blockValue(double[] x, double[] y, int n, double fx, double fy, double bigX,
      double bigXl, double bigY, double bigYl, DoubleDouble out) {
    throw new UnsupportedOperationException();
  }

  /** True for measures without a block form: every row is absorbed as it comes. */
  boolean noBlockForm() {
    return false;
  }

  /** The result of the state without pending rows (the measure's own rule). */
  abstract Double stateResult();

  /**
   * The increase of V when part (x, y) joins state (A, B), all in their sides' units (ordinary
   * range, see {@link SideTotal}); never called with p &gt; 0 = q where that is infinite.
   */
  abstract double increment(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl);

  /**
   * The measure of the two-outcome distributions f = (f1, f2) and g = (g1, g2), with
   * delta = f1 − g1 = g2 − f2 taken from c (never called where it is infinite).
   */
  abstract Wide wideIncrement(Wide f1, Wide f2, Wide g1, Wide g2, Wide delta);

  @Override
  public final void add(double p, double q) {
    double x = InvalidArgumentException.weight(name, "p", p);
    double y = InvalidArgumentException.weight(name, "q", q);
    if (noBlockForm()) {
      absorb(x, 0, 0, y, 0, 0);
      return;
    }
    if (x == 0 && y == 0) {
      return;
    }
    if (block.full()) {
      flush();
    }
    block.put(x, y);
  }

  @Override
  public final void addParts(double ph, double pl, double qh, double ql) {
    absorb(ph, pl, 0, qh, ql, 0);
  }

  /** Folds the pending rows into the state. */
  private void flush() {
    int n = block.n;
    block.n = 0;
    foldBlock(block.x, block.y, n);
  }

  /**
   * Joins a block of rows to the state as one part: its totals through {@link #absorb}, then its
   * own V, as a merge does. A small block, one whose weights span more than 2^400 on a side, or
   * one whose totals lie beyond 2^±1000 joins row by row instead (the latter by the wide path).
   */
  private void foldBlock(double[] xs, double[] ys, int n) {
    BlockTotals t = BlockTotals.of(xs, ys, n);
    if (t == null) {
      absorbRows(xs, ys, n);
      return;
    }
    DoubleDouble v = new DoubleDouble();
    boolean finite = infinite || blockValue(xs, ys, n, t.fx(), t.fy(), t.xh() * t.fx(),
        t.xl() * t.fx(), t.yh() * t.fy(), t.yl() * t.fy(), v);
    foldPart(t.xh(), t.xl(), t.yh(), t.yl(), t.kx(), v, !finite);
  }

  /**
   * The totals of a block of rows, in double-double, and the powers of two that scale each into
   * [1, 2): what a block form needs. {@link #of} returns null for a block that must join row by
   * row: fewer than {@link #BLOCK_FOLD_MIN} rows, a side with no weight, weights of one side more
   * than 2^400 apart, or a total beyond 2^±1000.
   */
  record BlockTotals(double xh, double xl, double yh, double yl, int kx, int ky, double fx,
      double fy) {
    static BlockTotals of(double[] xs, double[] ys, int n) {
      if (n < BLOCK_FOLD_MIN) {
        return null;
      }
      double sx = 0;
      double ex = 0;
      double sy = 0;
      double ey = 0;
      double xmax = 0;
      double xmin = Double.MAX_VALUE;
      double ymax = 0;
      double ymin = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        double x = xs[i];
        double y = ys[i];
        double t = sx + x;
        ex += Numerics.twoSumError(sx, x, t);
        sx = t;
        t = sy + y;
        ey += Numerics.twoSumError(sy, y, t);
        sy = t;
        if (x != 0) {
          xmax = Math.max(xmax, x);
          xmin = Math.min(xmin, x);
        }
        if (y != 0) {
          ymax = Math.max(ymax, y);
          ymin = Math.min(ymin, y);
        }
      }
      double xh = sx + ex;
      double xl = ex - (xh - sx);
      double yh = sy + ey;
      double yl = ey - (yh - sy);
      int kx = xh == 0 ? 0 : Numerics.exponent(xh);
      int ky = yh == 0 ? 0 : Numerics.exponent(yh);
      if (xh == 0 || yh == 0 || !(xh < Double.POSITIVE_INFINITY && yh < Double.POSITIVE_INFINITY)
          || xmax > xmin * 0x1p400 || ymax > ymin * 0x1p400 || Math.abs(kx) > 1000
          || Math.abs(ky) > 1000) {
        return null;
      }
      return new BlockTotals(xh, xl, yh, yl, kx, ky, Math.scalb(1.0, -kx), Math.scalb(1.0, -ky));
    }
  }

  /**
   * Joins a part with totals (xh + xl, yh + yl) and its own V (in units of 2^vExponent, or
   * infinite) to the state, as {@link #merge} joins a partial state.
   */
  final void foldPart(double xh, double xl, double yh, double yl, int vExponent, DoubleDouble v,
      boolean partInfinite) {
    infinite |= partInfinite;
    absorb(xh, xl, 0, yh, yl, 0);
    if (!infinite && v.hi != 0) {
      int k = vExponent - valueExponent();
      value.add(Math.scalb(v.hi, k), Math.scalb(v.lo, k));
    }
  }

  /** Adds one row row-by-row (the pooling step), as {@code addParts} does without checks. */
  final void absorbRow(double x, double y) {
    absorb(x, 0, 0, y, 0, 0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final M merge(M other) {
    StreamingPairMeasure<M> o = other;
    if (block.n > 0) {
      flush();
    }
    if (o.block.n > 0) { // the other state's pending rows, as a block of their own; o unchanged
      foldBlock(o.block.x, o.block.y, o.block.n);
    }
    infinite |= o.infinite;
    absorb(o.a.sum.hi, o.a.sum.lo, o.a.exponent, o.b.sum.hi, o.b.sum.lo, o.b.exponent);
    // then the other state's own V, in this state's units as they are now
    if (!infinite && o.value.hi != 0) {
      int k = o.valueExponent() - valueExponent();
      value.add(Math.scalb(o.value.hi, k), Math.scalb(o.value.lo, k));
    }
    return (M) this;
  }

  private int valueExponent() {
    return geometricUnits ? (a.exponent + b.exponent) / 2 : a.exponent;
  }

  /** Joins a part with totals x = (xh + xl)·2^xs and y = (yh + yl)·2^ys. */
  private void absorb(double xh, double xl, int xs, double yh, double yl, int ys) {
    if (xh == 0 && yh == 0) {
      return;
    }
    a.prepare(xh, xs);
    b.prepare(yh, ys);
    double x = a.units(xh, xs);
    double y = b.units(yh, ys);
    if (!SideTotal.ordinary(x, xh) || !SideTotal.ordinary(y, yh)) {
      absorbWide(xh, xl, xs, yh, yl, ys);
      return;
    }
    double xlo = a.units(xl, xs);
    double ylo = b.units(yl, ys);
    if (!infinite) {
      if (infiniteWithoutQ && yh == 0) {
        infinite = true; // p > 0 where q has no mass
      } else {
        value.add(increment(a.sum.hi, a.sum.lo, b.sum.hi, b.sum.lo, x, xlo, y, ylo));
      }
    }
    int ka = a.add(xh, x, xlo);
    int kb = b.add(yh, y, ylo);
    if ((ka | kb) != 0) {
      value.scale(geometricUnits ? (ka + kb) / 2 : ka); // exponents are even
    }
  }

  private void absorbWide(double xh, double xl, int xs, double yh, double yl, int ys) {
    Wide delta = null;
    Wide f1 = null;
    Wide f2 = null;
    Wide g1 = null;
    Wide g2 = null;
    boolean nowInfinite = infinite || infiniteWithoutQ && yh == 0;
    if (!nowInfinite) {
      Wide wa = Wide.of(a.sum.hi, a.exponent);
      Wide wb = Wide.of(b.sum.hi, b.exponent);
      Wide wx = Wide.of(xh, xs);
      Wide wy = Wide.of(yh, ys);
      Wide ap = wa.plus(wx);
      Wide bp = wb.plus(wy);
      f1 = wa.over(ap);
      f2 = wx.over(ap);
      g1 = wb.over(bp);
      g2 = wy.over(bp);
      delta = Wide.crossDifference(a.sum.hi, a.sum.lo, a.exponent, b.sum.hi, b.sum.lo,
          b.exponent, xh, xl, xs, yh, yl, ys).over(ap.times(bp));
    }
    int before = valueExponent();
    a.addWide(xh, xl, xs);
    b.addWide(yh, yl, ys);
    value.scale(before - valueExponent());
    infinite = nowInfinite;
    if (infinite) {
      return;
    }
    // V grows by the two-outcome measure times A + x (or √((A + x)(B + y))), now in units
    double scale = geometricUnits ? Math.sqrt(a.sum.value()) * Math.sqrt(b.sum.value())
        : a.sum.value();
    value.add(wideIncrement(f1, f2, g1, g2, delta).times(scale).toDouble());
  }

  /** True when either side has no rows with weight: the result is then NULL (no pending rows). */
  final boolean hasEmptySide() {
    return !a.hasMass || !b.hasMass;
  }

  /** V divided by A (KL, cross-entropy); requires both sides non-empty. */
  final double valuePerP() {
    return value.value() / a.sum.value();
  }

  private void absorbRows(double[] xs, double[] ys, int n) {
    for (int i = 0; i < n; i++) {
      absorb(xs[i], 0, 0, ys[i], 0, 0);
    }
  }

  /**
   * The result of the rows so far; pending rows are folded into the state, which is then put
   * back as it was, so reading changes nothing (window frames read repeatedly).
   */
  @Override
  public final Double result() {
    if (block.n == 0) {
      return stateResult();
    }
    double[] saved = save();
    int n = block.n;
    flush();
    Double result = stateResult();
    restore(saved);
    block.n = n;
    return result;
  }

  /** The numbers of the state without its pending rows: {@link #STATE_WIDTH} of them. */
  static final int STATE_WIDTH = 11;

  /** The state's numbers, for {@link #restore} after a read that folded pending rows. */
  final double[] save() {
    double[] s = new double[STATE_WIDTH];
    saveTo(s, 0);
    return s;
  }

  /**
   * Writes the state's numbers (pending rows not included) to s[off] … s[off + 10]: A (hi, lo,
   * exponent, has mass), B (the same), V (hi, lo), infinite (what {@link FixedWidthState} pools
   * through this class).
   */
  final void saveTo(double[] s, int off) {
    s[off] = a.sum.hi;
    s[off + 1] = a.sum.lo;
    s[off + 2] = a.exponent;
    s[off + 3] = a.hasMass ? 1 : 0;
    s[off + 4] = b.sum.hi;
    s[off + 5] = b.sum.lo;
    s[off + 6] = b.exponent;
    s[off + 7] = b.hasMass ? 1 : 0;
    s[off + 8] = value.hi;
    s[off + 9] = value.lo;
    s[off + 10] = infinite ? 1 : 0;
  }

  final void restore(double[] s) {
    restore(s, 0);
  }

  /** Sets the state from numbers {@link #saveTo} wrote at s[off]. */
  final void restore(double[] s, int off) {
    a.sum.hi = s[off];
    a.sum.lo = s[off + 1];
    a.exponent = (int) s[off + 2];
    a.hasMass = s[off + 3] != 0;
    b.sum.hi = s[off + 4];
    b.sum.lo = s[off + 5];
    b.exponent = (int) s[off + 6];
    b.hasMass = s[off + 7] != 0;
    value.hi = s[off + 8];
    value.lo = s[off + 9];
    infinite = s[off + 10] != 0;
  }

  /** Writes the state with the pending rows folded in (they are folded in this state too). */
  @Override
  public final void writeState(DataOutput out) throws IOException {
    if (block.n > 0) {
      flush();
    }
    a.write(out);
    b.write(out);
    value.write(out);
    out.writeBoolean(infinite);
  }

  @Override
  public final void readState(DataInput in) throws IOException {
    a.read(in);
    b.read(in);
    value.read(in);
    infinite = in.readBoolean();
  }
}
