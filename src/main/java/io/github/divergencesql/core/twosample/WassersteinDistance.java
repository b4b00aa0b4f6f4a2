package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.DoubleDouble;

/**
 * {@code WASSERSTEIN_DISTANCE(x, y)}: the 1-Wasserstein (earth mover's) distance of the two
 * empirical distributions, ∫ |F_x(t) − F_y(t)| dt, as {@code scipy.stats.wasserstein_distance}:
 * between consecutive values of the merged samples both distribution functions are constant, so
 * the integral is a sum of |F_x − F_y| times the gap. The terms are non-negative and summed in
 * double-double, so the only rounding is each term's. 0 for identical samples; NULL while a side
 * is empty.
 */
public final class WassersteinDistance extends TwoSampleMeasure<WassersteinDistance> {
  public WassersteinDistance() {
    super("WASSERSTEIN_DISTANCE");
  }

  @Override
  Double of(double[] xs, double[] ys) {
    DoubleDouble sum = new DoubleDouble();
    int i = 0;
    int j = 0;
    double previous = Math.min(xs[0], ys[0]);
    while (i < xs.length || j < ys.length) {
      double v = j == ys.length || (i < xs.length && xs[i] <= ys[j]) ? xs[i] : ys[j];
      if (v > previous) {
        // F_x and F_y are i/n and j/m on [previous, v): |i·m − j·n| / (n·m) · (v − previous)
        double diff = Math.abs((double) i * ys.length - (double) j * xs.length);
        sum.add(diff / ((double) xs.length * ys.length) * (v - previous));
      }
      while (i < xs.length && xs[i] == v) {
        i++;
      }
      while (j < ys.length && ys[j] == v) {
        j++;
      }
      previous = v;
    }
    return sum.value();
  }
}
