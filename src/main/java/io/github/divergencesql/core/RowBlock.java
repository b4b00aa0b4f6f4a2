package io.github.divergencesql.core;

import java.util.Arrays;

/**
 * Rows added to a two-sided streaming state but not yet folded into it (see
 * {@link StreamingPairMeasure}): two arrays that start at {@link #FIRST} rows and double up to
 * {@link #MAX}, so a million small groups stay small and a large one folds every {@code MAX}
 * rows.
 */
final class RowBlock {
  /** The first capacity, and the most rows a block holds before it is folded in. */
  static final int FIRST = 4;
  static final int MAX = 256;

  double[] x;
  double[] y;
  /** Rows held. */
  int n;

  /**
   * Makes room for one more row; true when the block is full at {@link #MAX} and must be folded
   * (and {@link #n} set to 0) before the row is {@link #put}.
   */
  boolean full() {
    if (x == null) {
      x = new double[FIRST];
      y = new double[FIRST];
    } else if (n == x.length) {
      if (n == MAX) {
        return true;
      }
      x = Arrays.copyOf(x, 2 * n);
      y = Arrays.copyOf(y, 2 * n);
    }
    return false;
  }

  void put(double a, double b) {
    x[n] = a;
    y[n] = b;
    n++;
  }
}
