package io.github.divergencesql.core;

import java.util.Arrays;

/**
 * The rows of a group kept in two growing primitive arrays (16 bytes a row; 32 when the
 * weights are double-double category sums), for the measures
 * whose terms depend on both final totals: {@link JsDivergence} and {@link TotalVariationDistance}.
 * Rows with both weights 0 carry no mass and are not stored.
 */
final class PairBuffer {
  /** A term of a row, homogeneous of degree 2 in the weights. */
  interface RowTerm {
    /** @param diff aᵢB − bᵢA, @param sum aᵢB + bᵢA (each side scaled by its own power of two) */
    double of(double diff, double sum);
  }

  private double[] p = new double[8];
  private double[] q = new double[8];
  /** Low parts of weights that are double-double sums (keyed forms); null until one is seen. */
  private double[] pLo;
  private double[] qLo;
  private int n;
  final DoubleDouble a = new DoubleDouble();
  final DoubleDouble b = new DoubleDouble();

  void add(String function, double xh, double xl, double yh, double yl) {
    if (xh == 0 && yh == 0) {
      return;
    }
    if (n == p.length) {
      int capacity = Math.max(8, n + (n >> 1));
      p = Arrays.copyOf(p, capacity);
      q = Arrays.copyOf(q, capacity);
      if (pLo != null) {
        pLo = Arrays.copyOf(pLo, capacity);
        qLo = Arrays.copyOf(qLo, capacity);
      }
    }
    if ((xl != 0 || yl != 0) && pLo == null) {
      pLo = new double[p.length];
      qLo = new double[p.length];
    }
    p[n] = xh;
    q[n] = yh;
    if (pLo != null) {
      pLo[n] = xl;
      qLo[n] = yl;
    }
    n++;
    a.add(xh);
    a.lo += xl;
    b.add(yh);
    b.lo += yl;
    InvalidArgumentException.total(function, "p", a);
    InvalidArgumentException.total(function, "q", b);
  }

  void addAll(String function, PairBuffer other) {
    for (int i = 0; i < other.n; i++) {
      add(function, other.p[i], other.pLo == null ? 0 : other.pLo[i],
          other.q[i], other.qLo == null ? 0 : other.qLo[i]);
    }
  }

  boolean hasEmptySide() {
    return a.isZero() || b.isZero();
  }

  /**
   * Σᵢ term(aᵢB − bᵢA, aᵢB + bᵢA) / (A·B), compensated; aᵢB − bᵢA is taken with one rounding
   * from the double-double totals, so it is exactly 0 on rows where the normalised weights agree.
   */
  double sumOverRows(RowTerm term) {
    double ah = a.hi;
    double al = a.lo;
    double bh = b.hi;
    double bl = b.lo;
    double scaleP = Math.scalb(1.0, -Numerics.sideScale(ah));
    double scaleQ = Math.scalb(1.0, -Numerics.sideScale(bh));
    ah *= scaleP;
    al *= scaleP;
    bh *= scaleQ;
    bl *= scaleQ;
    DoubleDouble sum = new DoubleDouble();
    for (int i = 0; i < n; i++) {
      double x = p[i] * scaleP;
      double y = q[i] * scaleQ;
      double xl = pLo == null ? 0 : pLo[i] * scaleP;
      double yl = qLo == null ? 0 : qLo[i] * scaleQ;
      double diff = Numerics.crossDifference(x, xl, y, yl, ah, al, bh, bl);
      sum.add(term.of(diff, x * bh + y * ah));
    }
    return sum.value() / (ah * bh);
  }
}
