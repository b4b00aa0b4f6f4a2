package io.github.divergencesql.core.twosample;

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
}
