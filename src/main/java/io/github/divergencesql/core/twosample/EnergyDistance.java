package io.github.divergencesql.core.twosample;


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
    return Math.sqrt(2) * Math.sqrt(PooledValues.integrate(xs, ys, (d, width) -> d * d * width));
  }
}
