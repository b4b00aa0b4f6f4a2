package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One side's running total weight, kept in units of 2^exponent: the true total is
 * {@code sum · 2^exponent}. Quantities measured in this side's units (A·KL, A·H(P,Q), S·H(P))
 * are stored with the same exponent. Scaling by a power of two is exact; exponents are even so
 * that square roots of products of two sides stay exact too.
 *
 * <p>Whether the side has rows with weight is a flag of its own ({@link #hasMass}): a total is
 * never read as "no rows" because it was rescaled to 0 beside a far larger part.
 *
 * <p>Ranges, which the streaming measures rely on: a non-empty total lies between 2^-400 and
 * 2^440 units (the first part sets the units: 0 for weights within 2^±400, so ordinary weights
 * are never scaled, else the part's own exponent; {@link #add} moves the units when the total
 * passes 2^440). A part between {@link #PART_LOW} and {@link #PART_HIGH} units is "ordinary":
 * every product of a total or part of one side with one of the other then stays within
 * 2^±900, far from overflow and underflow.
 */
final class SideTotal {
  /** A first part within 2^±400 leaves the units at 2^0. */
  private static final int HEADROOM = 400;
  static final double PART_LOW = 0x1p-450;
  static final double PART_HIGH = 0x1p420;
  private static final double TOTAL_HIGH = 0x1p440;

  final DoubleDouble sum = new DoubleDouble();
  int exponent;
  boolean hasMass;

  /** An empty side takes its units from its first part {@code hi · 2^partExponent}. */
  void prepare(double hi, int partExponent) {
    if (!hasMass && hi != 0) {
      int e = (Numerics.exponent(hi) + partExponent) & ~1;
      exponent = Math.abs(e) <= HEADROOM ? 0 : e;
    }
  }

  /** True when a part whose hi is {@code hi}, {@code units} in this side's units, is ordinary. */
  static boolean ordinary(double units, double hi) {
    return hi == 0 || (units >= PART_LOW && units <= PART_HIGH);
  }

  /**
   * Adds a part given in this side's units, {@code hi} being its hi part before conversion (so
   * a part that underflowed still counts as mass). Returns k &lt; 0 when the units moved: every
   * other value stored in this side's units must be multiplied by 2^k; 0 when nothing moved.
   */
  int add(double hi, double x, double xl) {
    if (hi == 0) {
      return 0;
    }
    hasMass = true;
    sum.add(x, xl);
    if (sum.hi <= TOTAL_HIGH) {
      return 0;
    }
    int k = -(Math.getExponent(sum.hi) & ~1);
    sum.scale(k);
    exponent -= k;
    return k;
  }

  /**
   * Adds a part {@code (hi + lo)·2^partExponent} of any size, moving the units to the larger of
   * the total and the part (the smaller may lose bits it cannot have in a double-double sum).
   * Returns k as {@link #add} does.
   */
  int addWide(double hi, double lo, int partExponent) {
    if (hi == 0) {
      return 0;
    }
    int top = Numerics.exponent(hi) + partExponent;
    if (hasMass) {
      top = Math.max(top, Numerics.exponent(sum.hi) + exponent);
    }
    top &= ~1;
    int k = exponent - top;
    sum.scale(k);
    exponent = top;
    hasMass = true;
    sum.add(Math.scalb(hi, partExponent - top), Math.scalb(lo, partExponent - top));
    return k;
  }

  /**
   * Makes room for a part {@code hi · 2^partExponent} that is about to be added: an empty side
   * takes its units from the part, and a part more than 2^400 above the units moves them to the
   * part's (rescaling the sum). Returns k as {@link #add} does. For measures that add in units
   * afterwards ({@link Entropy}, {@link PairBuffer}) and whose increments lose nothing they could
   * show when the smaller of total and part underflows.
   */
  int fit(double hi, int partExponent) {
    if (hi == 0) {
      return 0;
    }
    if (!hasMass) {
      prepare(hi, partExponent);
      hasMass = true;
      return 0;
    }
    int e = (Numerics.exponent(hi) + partExponent) & ~1;
    if (e - exponent <= HEADROOM) {
      return 0;
    }
    int k = exponent - e;
    sum.scale(k);
    exponent = e;
    return k;
  }

  /** A value given in units of 2^partExponent, in this side's units. */
  double units(double v, int partExponent) {
    return partExponent == exponent ? v : Math.scalb(v, partExponent - exponent);
  }

  void write(DataOutput out) throws IOException {
    sum.write(out);
    out.writeInt(exponent);
    out.writeBoolean(hasMass);
  }

  void read(DataInput in) throws IOException {
    sum.read(in);
    exponent = in.readInt();
    hasMass = in.readBoolean();
  }
}
