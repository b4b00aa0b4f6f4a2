package io.github.divergencesql.core.twosample;


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
    // F_x and F_y are i/n and j/m on each gap: |i·m − j·n| / (n·m) times its width
    return PooledValues.integrate(xs, ys, (d, width) -> Math.abs(d) * width);
  }
}
