package io.github.divergencesql.core;

/**
 * A double with an exponent of its own, m·2^e (m = 0 or 1 ≤ |m| &lt; 2): the numbers of the
 * wide path of {@link StreamingPairMeasure}, where a part and a total of the same side are more
 * than 2^400 apart and their ratio (down to 2^-2100 for a subnormal weight beside 1e308) leaves
 * the double range. Every operation rounds once, like the double operation it stands for;
 * nothing overflows or underflows until {@link #toDouble}.
 */
final class Wide {
  static final Wide ZERO = new Wide(0, 0);
  private static final double LN2 = Math.log(2);

  final double m;
  final int e;

  private Wide(double m, int e) {
    this.m = m;
    this.e = e;
  }

  /** v·2^e for a finite v. */
  static Wide of(double v, int e) {
    if (v == 0) {
      return ZERO;
    }
    int k = Numerics.exponent(Math.abs(v));
    return new Wide(Math.scalb(v, -k), e + k);
  }

  boolean isZero() {
    return m == 0;
  }

  Wide times(Wide o) {
    return of(m * o.m, e + o.e);
  }

  Wide times(double d) {
    return of(m * d, e);
  }

  /** this / o; 0 when this is 0 (also 0/0: the share of a side that has no mass). */
  Wide over(Wide o) {
    return m == 0 ? ZERO : of(m / o.m, e - o.e);
  }

  Wide negate() {
    return new Wide(-m, e);
  }

  /** The sum of two non-negative numbers. */
  Wide plus(Wide o) {
    if (o.m == 0) {
      return this;
    }
    if (m == 0) {
      return o;
    }
    if (e < o.e) {
      return o.plus(this);
    }
    int d = e - o.e;
    return d > 60 ? this : of(m + Math.scalb(o.m, -d), e);
  }

  /** √ of a non-negative number. */
  Wide sqrt() {
    return (e & 1) == 0 ? of(Math.sqrt(m), e / 2) : of(Math.sqrt(2 * m), (e - 1) / 2);
  }

  /** ln of a positive number. */
  double log() {
    return Math.log(m) + e * LN2;
  }

  /** The nearest double: ±Infinity above the double range, 0 (or subnormal) below it. */
  double toDouble() {
    return Math.scalb(m, e);
  }

  /**
   * A·y − B·x for the double-double numbers A = (ah + al)·2^ea, B, x and y (non-negative, each at
   * its own exponent), with one rounding where the two products are close (so the difference of
   * two nearly proportional parts keeps its relative precision, as {@link
   * Numerics#crossDifference} does in the ordinary range) and exactly 0 when they are equal.
   */
  static Wide crossDifference(double ah, double al, int ea, double bh, double bl, int eb,
      double xh, double xl, int xs, double yh, double yl, int ys) {
    boolean first = ah != 0 && yh != 0;
    boolean second = bh != 0 && xh != 0;
    if (!first && !second) {
      return ZERO;
    }
    // normalise each number to a hi part in [1, 2): exact (powers of two)
    int ka = first ? Numerics.exponent(ah) : 0;
    int ky = first ? Numerics.exponent(yh) : 0;
    int kb = second ? Numerics.exponent(bh) : 0;
    int kx = second ? Numerics.exponent(xh) : 0;
    int e1 = ka + ea + ky + ys;
    int e2 = kb + eb + kx + xs;
    if (!second || first && e1 - e2 > 200) {
      return of(Math.scalb(ah, -ka) * Math.scalb(yh, -ky), e1);
    }
    if (!first || e2 - e1 > 200) {
      return of(-Math.scalb(bh, -kb) * Math.scalb(xh, -kx), e2);
    }
    int top = Math.max(e1, e2);
    int s1 = e1 - top - ka;
    int s2 = e2 - top - kb;
    double c = Numerics.crossDifference(Math.scalb(ah, s1), Math.scalb(al, s1),
        Math.scalb(bh, s2), Math.scalb(bl, s2), Math.scalb(xh, -kx), Math.scalb(xl, -kx),
        Math.scalb(yh, -ky), Math.scalb(yl, -ky));
    return of(c, top);
  }
}
