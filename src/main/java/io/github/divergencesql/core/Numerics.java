package io.github.divergencesql.core;

/**
 * Shared numerics of the measures. Every function here returns a non-negative quantity computed
 * without catastrophic cancellation, so sums of its results lose no relative accuracy.
 */
public final class Numerics {
  private Numerics() {}

  /** Below this |x| the Taylor series of {@link #phi1p} and {@link #expm1MinusX} are used. */
  static final double SERIES_LIMIT = 0.0625;

  /**
   * φ(1 + x) = (1 + x) ln(1 + x) − x, for x ≥ −1; φ(t) = t ln t − t + 1 ≥ 0 is the generator of
   * the Kullback–Leibler divergence (KL = Σ qᵢ φ(pᵢ/qᵢ)).
   *
   * <p>For small |x| the closed form cancels: (1 + x) ln(1 + x) ≈ x + x²/2, so its rounding
   * error (≈ |x|·2⁻⁵³) is divided by x²/2. Below |x| = 1/16 the alternating series
   * Σₖ₌₂ (−1)ᵏ xᵏ / (k(k − 1)) is used instead (truncated after k = 16, remainder below 2⁻⁵⁸
   * of the sum); above it the cancellation costs at most a factor 32, under 1e-14 relative.
   */
  public static double phi1p(double x) {
    if (Math.abs(x) < 0x1p-12) {
      // the first five terms: the next, x⁷/42, is below 2^-60 of x²/2
      return x * x * (0.5 - x * (1.0 / 6 - x * (1.0 / 12 - x * (1.0 / 20 - x * (1.0 / 30)))));
    }
    if (Math.abs(x) < SERIES_LIMIT) {
      double s = 1.0 / 240;
      s = 1.0 / 210 - x * s;
      s = 1.0 / 182 - x * s;
      s = 1.0 / 156 - x * s;
      s = 1.0 / 132 - x * s;
      s = 1.0 / 110 - x * s;
      s = 1.0 / 90 - x * s;
      s = 1.0 / 72 - x * s;
      s = 1.0 / 56 - x * s;
      s = 1.0 / 42 - x * s;
      s = 1.0 / 30 - x * s;
      s = 1.0 / 20 - x * s;
      s = 1.0 / 12 - x * s;
      s = 1.0 / 6 - x * s;
      s = 0.5 - x * s;
      return x * x * s;
    }
    if (x == -1) {
      return 1; // 0·ln 0 = 0
    }
    return (1 + x) * log1p(x) - x;
  }

  /**
   * φ(1 + d) for |d| &lt; {@link #SERIES_LIMIT} by its series d² Σₖ₌₀¹⁴ (−1)ᵏ dᵏ/((k+1)(k+2)),
   * evaluated by Estrin's scheme (a few levels of FMA rather than a chain of fifteen: the
   * block loops evaluate it on every row, branch-free, next to the closed form); within
   * 3e-16 relative of mpmath over the range. Meaningless outside it.
   */
  static double phi1pSeries(double d) {
    double d2 = d * d;
    double d4 = d2 * d2;
    double d8 = d4 * d4;
    double b0 = Math.fma(Math.fma(-1.0 / 20, d, 1.0 / 12), d2, Math.fma(-1.0 / 6, d, 0.5));
    double b1 = Math.fma(Math.fma(-1.0 / 72, d, 1.0 / 56), d2, Math.fma(-1.0 / 42, d, 1.0 / 30));
    double b2 = Math.fma(Math.fma(-1.0 / 156, d, 1.0 / 132), d2,
        Math.fma(-1.0 / 110, d, 1.0 / 90));
    double b3 = Math.fma(1.0 / 240, d2, Math.fma(-1.0 / 210, d, 1.0 / 182));
    return d2 * Math.fma(Math.fma(b3, d4, b2), d8, Math.fma(b1, d4, b0));
  }

  /**
   * (x·Y − y·X)/(y·X) for a row (x, y) of a block with double-double totals X, Y (hi, lo) and
   * yX = y·X: r − 1 for r = (x/X)/(y/Y), the difference taken with one rounding, so it is
   * exactly 0 where the row's shares agree.
   */
  static double blockRatioMinusOne(double x, double y, double bigX, double bigXl, double bigY,
      double bigYl, double yX) {
    return (productDifference(bigY, x, bigX, y) + (bigYl * x - bigXl * y)) / yX;
  }

  /**
   * φ(r) for a row of a block (x &gt; 0), given r, ln r and d = r − 1 from
   * {@link #blockRatioMinusOne}: the closed form r ln r − (r − 1) far from 1 (at most 33 times
   * r's few roundings at the limit), the series at d near 1. Both are computed and one kept:
   * branch-free, as a mispredicted branch between a logarithm and a series costs more than the
   * series.
   */
  static double blockPhi(double r, double lnR, double d) {
    double far = r * lnR - (r - 1);
    double near = phi1pSeries(d);
    return Math.abs(r - 1) < SERIES_LIMIT ? near : far;
  }

  /**
   * r − 1 − ln r = r·φ(1/r) ≥ 0, the reverse direction's term of a row (PSI), given r, ln r and
   * d = r − 1 as for {@link #blockPhi}: the closed form far from 1, near it r times φ's series
   * at 1/r − 1 = −d/(1 + d); branch-free as {@link #blockPhi}.
   */
  static double blockPsi(double r, double lnR, double d) {
    double far = (r - 1) - lnR;
    double near = r * phi1pSeries(-d / (1 + d));
    return Math.abs(r - 1) < SERIES_LIMIT ? near : far;
  }

  /**
   * ln(Y/y) for 0 &lt; y ≤ Y, Y a double-double (big + bigLo): directly where y ≤ Y/2 (the
   * logarithm is then at least ln 2, so the quotient's rounding stays relative), else as
   * ln(1 + (Y − y)/y) with Y − y exact, so a y near Y keeps full relative precision. The row
   * terms of cross-entropy and entropy against a block's or a stage's total.
   */
  static double logRatio(double big, double bigLo, double y) {
    return y <= 0.5 * big ? Math.log(big / y) : log1p(Math.max(0, (big - y) + bigLo) / y);
  }

  /**
   * ln(1 + x) to a few ulps through the intrinsic {@link Math#log} (several times faster than
   * {@link Math#log1p}): with u = fl(1 + x), ln(1 + x) = ln(u)·x/(u − 1), the rounding of u
   * cancelling between ln u and u − 1 (Goldberg, "What every computer scientist should know
   * about floating-point arithmetic", 1991, Theorem 4).
   */
  static double log1p(double x) {
    double u = 1 + x;
    if (u == 1) {
      return x;
    }
    if (u == Double.POSITIVE_INFINITY) {
      return Math.log(x);
    }
    return Math.log(u) * (x / (u - 1));
  }

  /**
   * w·φ(1 + v/w) = (w + v) ln(1 + v/w) − v ≥ 0 for the weight w = f1·f2 ≥ 0 and v ≥ −w: a weight
   * times φ of a ratio. The callers keep w within 2^±900 (ordinary parts, see SideTotal) or 0.
   * Stays finite and accurate when v/w overflows (both terms are then about v·ln(v/w) ≫ v, so the
   * form through logarithms does not cancel).
   */
  static double weightedPhi(double f1, double f2, double v) {
    if (v == 0) {
      return 0;
    }
    double w = f1 * f2;
    if (w == 0) {
      return 0; // v < 0 = w only by rounding: nothing there
    }
    // v ≥ −w exactly; v and w carry separate roundings, so v/w can land a hair below −1
    double x = Math.max(-1, v / w);
    if (x < 0x1p500) {
      return w * phi1p(x);
    }
    return (w + v) * log1pRatio(v, w) - v;
  }

  /**
   * eᵛ − 1 − v ≥ 0, the Gaussian KL's variance term. Series Σₖ₌₂ vᵏ/k! (to k = 10) below |v| = 1/16
   * (where expm1(v) − v would cancel), else expm1(v) − v.
   */
  static double expm1MinusX(double v) {
    if (Math.abs(v) < SERIES_LIMIT) {
      double s = 1 + v / 10;
      s = 1 + v * s / 9;
      s = 1 + v * s / 8;
      s = 1 + v * s / 7;
      s = 1 + v * s / 6;
      s = 1 + v * s / 5;
      s = 1 + v * s / 4;
      s = 1 + v * s / 3;
      return v * v * s / 2;
    }
    return Math.expm1(v) - v;
  }

  /**
   * A₁ ln(1 + B₂/B₁) + A₂ ln(1 + B₁/B₂) ≥ 0: the increase of Σ aᵢ ln(B/bᵢ) when part
   * (A₂, B₂) is pooled with part (A₁, B₁). A side with no p-mass contributes nothing; a side with
   * p-mass must have q-mass (B &gt; 0), which the callers guarantee (else the measure is infinite).
   */
  static double poolingIncrement(double a1, double b1, double a2, double b2) {
    double t = 0;
    if (a1 > 0) {
      t += a1 * log1pRatio(b2, b1);
    }
    if (a2 > 0) {
      t += a2 * log1pRatio(b1, b2);
    }
    return t;
  }

  /** The rounding error of s = fl(a + b): a + b − s exactly (Knuth's TwoSum). */
  public static double twoSumError(double a, double b, double s) {
    double bp = s - a;
    return (a - (s - bp)) + (b - bp);
  }

  /** s += (hi, lo): a two's complement 128-bit sum kept as {high, low} longs. */
  public static void add128(long[] s, long hi, long lo) {
    long l = s[1] + lo;
    s[0] += hi + (Long.compareUnsigned(l, s[1]) < 0 ? 1 : 0);
    s[1] = l;
  }

  /** s += a·b exactly, in 128 bits. */
  public static void addProduct128(long[] s, long a, long b) {
    add128(s, Math.multiplyHigh(a, b), a * b);
  }

  /** A 128-bit {high, low} value as a BigInteger. */
  public static java.math.BigInteger toBigInteger(long hi, long lo) {
    return java.math.BigInteger.valueOf(hi).shiftLeft(64)
        .add(new java.math.BigInteger(Long.toUnsignedString(lo)));
  }

  /** ln(1 + num/den) for num ≥ 0, den > 0, also when num/den overflows. */
  static double log1pRatio(double num, double den) {
    double r = num / den;
    return r < Double.POSITIVE_INFINITY ? log1p(r) : Math.log(num) - Math.log(den);
  }

  /**
   * a·b − c·d with about one rounding error: Kahan's difference of products, the error of c·d
   * recovered exactly with a fused multiply-add. Exactly 0 when a·b and c·d are the same product.
   */
  static double productDifference(double a, double b, double c, double d) {
    double w = c * d;
    double e = Math.fma(-c, d, w);
    double f = Math.fma(a, b, -w);
    return f + e;
  }

  /**
   * A·b − B·a for the double-double totals A, B and parts a, b, given as hi/lo pairs. This is the
   * quantity whose sign and size say how far the ratio a/b of one part is from the ratio A/B of
   * the other; it must be computed from the unrounded totals (see {@link DoubleDouble}).
   */
  static double crossDifference(double ah, double al, double bh, double bl,
      double xh, double xl, double yh, double yl) {
    // A = ah + al, B = bh + bl, a = xh + xl, b = yh + yl:  A·b − B·a
    return productDifference(ah, yh, bh, xh) + ((ah * yl + al * yh) - (bh * xl + bl * xh));
  }

  /** The binary exponent of x &gt; 0, subnormals included (x = m·2^e with 1 ≤ m &lt; 2). */
  static int exponent(double x) {
    return x >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1p54) - 54;
  }
}
