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

  StreamingPairMeasure(String name, boolean infiniteWithoutQ, boolean geometricUnits) {
    this.name = name;
    this.infiniteWithoutQ = infiniteWithoutQ;
    this.geometricUnits = geometricUnits;
  }

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
    absorb(InvalidArgumentException.weight(name, "p", p), 0, 0,
        InvalidArgumentException.weight(name, "q", q), 0, 0);
  }

  @Override
  public final void addParts(double ph, double pl, double qh, double ql) {
    absorb(ph, pl, 0, qh, ql, 0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final M merge(M other) {
    StreamingPairMeasure<M> o = other;
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

  /** True when either side has no rows with weight: the result is then NULL. */
  final boolean hasEmptySide() {
    return !a.hasMass || !b.hasMass;
  }

  /** V divided by A (KL, cross-entropy); requires both sides non-empty. */
  final double valuePerP() {
    return value.value() / a.sum.value();
  }

  @Override
  public final void writeState(DataOutput out) throws IOException {
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
