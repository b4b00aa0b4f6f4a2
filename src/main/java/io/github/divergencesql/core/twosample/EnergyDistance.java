package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.DoubleDouble;

/**
 * {@code ENERGY_DISTANCE(x, y)}: the energy distance of the two samples' distributions, as
 * {@code scipy.stats.energy_distance(x, y)}: √2 · √(∫ (F_x − F_y)² dz) over their empirical
 * distribution functions, which equals √(2 E|X − Y| − E|X − X'| − E|Y − Y'|). One pass over the
 * two sorted samples ({@link PooledValues}), O(n log n) for the sort rather than the O(n²)
 * pairwise form; the integral is summed as double-double. 0 for identical samples. References:
 * scipy 1.17.1 (two_sample_tests.py).
 */
public final class EnergyDistance extends TwoSampleMeasure<EnergyDistance> {
  public EnergyDistance() {
    super("ENERGY_DISTANCE");
  }

  @Override
  Double of(double[] xs, double[] ys) {
    double n = xs.length;
    double m = ys.length;
    DoubleDouble sum = new DoubleDouble();
    double[] last = {Double.NaN, 0}; // previous value, F_x − F_y there
    long[] seen = new long[2];
    PooledValues.forEach(xs, ys, (z, cx, cy, before) -> {
      if (!Double.isNaN(last[0])) {
        sum.add(last[1] * last[1] * (z - last[0]));
      }
      seen[0] += cx;
      seen[1] += cy;
      last[0] = z;
      last[1] = seen[0] / n - seen[1] / m;
    });
    return Math.sqrt(2) * Math.sqrt(sum.value());
  }
}
