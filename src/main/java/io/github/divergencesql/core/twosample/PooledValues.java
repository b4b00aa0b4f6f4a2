package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.DoubleDouble;
import java.util.function.DoubleBinaryOperator;

/**
 * The pooled sample of two sorted samples, walked once in ascending order of its distinct
 * values: what the rank tests need (Mann–Whitney, Anderson–Darling, Cramér–von Mises) and the
 * empirical distribution functions (energy distance), without a pooled copy or a rank array.
 * Stateless and thread-safe.
 */
final class PooledValues {
  private PooledValues() {
  }

  /** Receives a distinct value z, how often it is in x and in y, and how many values precede it. */
  interface Visitor {
    void value(double z, int inX, int inY, long before);
  }

  /** Visits the distinct values of sorted {@code xs} and {@code ys} together, ascending. */
  static void forEach(double[] xs, double[] ys, Visitor visitor) {
    int i = 0;
    int j = 0;
    long before = 0;
    while (i < xs.length || j < ys.length) {
      double z = j == ys.length || (i < xs.length && xs[i] <= ys[j]) ? xs[i] : ys[j];
      int cx = 0;
      while (i < xs.length && xs[i] == z) {
        i++;
        cx++;
      }
      int cy = 0;
      while (j < ys.length && ys[j] == z) {
        j++;
        cy++;
      }
      visitor.value(z, cx, cy, before);
      before += (long) cx + cy;
    }
  }

  /**
   * ∫ term(F_x − F_y, width) over the gaps between consecutive distinct pooled values, summed as
   * double-double, with the difference of the two distribution functions on a gap formed as
   * (i·m − j·n)/(n·m) (one rounding): the 1-Wasserstein distance integrates |d|, the energy
   * distance d².
   */
  static double integrate(double[] xs, double[] ys, DoubleBinaryOperator term) {
    double n = xs.length;
    double m = ys.length;
    DoubleDouble sum = new DoubleDouble();
    double[] previous = {Double.NaN};
    long[] seen = new long[2];
    forEach(xs, ys, (z, cx, cy, before) -> {
      if (before > 0) {
        double d = ((double) seen[0] * m - (double) seen[1] * n) / (n * m);
        sum.add(term.applyAsDouble(d, z - previous[0]));
      }
      seen[0] += cx;
      seen[1] += cy;
      previous[0] = z;
    });
    return sum.value();
  }
}
