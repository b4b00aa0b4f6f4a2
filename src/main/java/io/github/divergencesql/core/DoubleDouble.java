package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A mutable running sum kept as an unevaluated pair {@code hi + lo} (cascaded summation,
 * Ogita, Rump and Oishi's Sum2 with Knuth's TwoSum).
 *
 * <p>The accumulators need the pair itself, not only its rounded value: a divergence of two
 * nearly identical distributions is a difference of products of the totals (see
 * {@link Numerics#crossDifference}), and the rounding error of a plain running total would
 * enter it at first order. With the pair the totals are exact to about n·2⁻¹⁰⁶ relative.
 * Mutable and allocation-free, so it can sit in a per-group state.
 */
public final class DoubleDouble {
  double hi;
  double lo;

  public void add(double x) {
    double s = hi + x;
    lo += Numerics.twoSumError(hi, x, s);
    hi = s;
  }

  void add(DoubleDouble other) {
    add(other.hi, other.lo);
  }

  /** Adds a value given as an unevaluated pair. */
  public void add(double xh, double xl) {
    add(xh);
    lo += xl;
  }

  /** The leading part. */
  public double hi() {
    return hi;
  }

  /** The trailing part: the sum is hi + lo, unevaluated. */
  public double lo() {
    return lo;
  }

  /** Multiplies by 2^k (exact unless a part leaves the double range). */
  void scale(int k) {
    if (k != 0) {
      hi = Math.scalb(hi, k);
      lo = Math.scalb(lo, k);
    }
  }

  /**
   * The rounded value of {@code hi + lo}; +Infinity once a summand or the sum left the double
   * range (the error term is NaN then: Infinity − Infinity).
   */
  public double value() {
    return hi == Double.POSITIVE_INFINITY ? hi : hi + lo;
  }

  void write(DataOutput out) throws IOException {
    out.writeDouble(hi);
    out.writeDouble(lo);
  }

  void read(DataInput in) throws IOException {
    hi = in.readDouble();
    lo = in.readDouble();
  }
}
