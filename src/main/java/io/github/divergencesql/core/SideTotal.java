package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One side's running total weight, kept near 1 by a binary exponent: the true total is
 * {@code sum · 2^exponent}. Quantities measured in this side's units (A·KL, A·H(P,Q), S·H(P))
 * are stored with the same exponent. So products of a p-side and a q-side weight never overflow
 * or underflow, subnormal weights keep their bits, and a total beyond the double range (two
 * weights of 1e308) is still exact. Scaling by a power of two is exact; exponents are even so
 * that square roots of products of two sides stay exact too.
 */
final class SideTotal {
  /** How far above the current total a part may sit before the exponent moves to it. */
  private static final int HEADROOM = 400;

  final DoubleDouble sum = new DoubleDouble();
  int exponent;

  /**
   * Makes room for a part whose total is {@code hi · 2^partExponent}: if the side is empty, or
   * the part would sit more than 2^400 above its total, the exponent moves to the part's
   * (rescaling the sum). Returns k such that every other value stored in this side's units must
   * be multiplied by 2^k; 0 when nothing moved.
   */
  int fit(double hi, int partExponent) {
    if (hi == 0) {
      return 0;
    }
    int e = (Numerics.exponent(hi) + partExponent) & ~1;
    if (sum.isZero() && Math.abs(e) <= HEADROOM) {
      e = 0; // ordinary weights need no scaling: the common case stays free of scalb
    } else if (!sum.isZero() && e - exponent <= HEADROOM) {
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

  boolean isZero() {
    return sum.isZero();
  }

  void write(DataOutput out) throws IOException {
    sum.write(out);
    out.writeInt(exponent);
  }

  void read(DataInput in) throws IOException {
    sum.read(in);
    exponent = in.readInt();
  }
}
