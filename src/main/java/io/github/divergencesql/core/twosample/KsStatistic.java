package io.github.divergencesql.core.twosample;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * {@code KS_STATISTIC(x, y)}: the two-sample Kolmogorov–Smirnov statistic D = sup |F_x − F_y|
 * of the two empirical distribution functions, ties included (both functions step at a tied
 * value before they are compared). Apache Commons Statistics'
 * {@link KolmogorovSmirnovTest#statistic(double[], double[])} computes it; a one-value side, which
 * that refuses, is {@link #statistic} here. 0 for identical samples; NULL while a side is empty.
 */
public final class KsStatistic extends TwoSampleMeasure<KsStatistic> {
  public KsStatistic() {
    super("KS_STATISTIC");
  }

  @Override
  Double of(double[] xs, double[] ys) {
    return xs.length < 2 || ys.length < 2 ? statistic(xs, ys)
        : KolmogorovSmirnovTest.withDefaults().statistic(xs, ys);
  }

  /** D of two sorted samples by one merge walk: both distribution functions after each value. */
  static double statistic(double[] xs, double[] ys) {
    double[] d = {0};
    long[] seen = new long[2];
    PooledValues.forEach(xs, ys, (z, cx, cy, before) -> {
      seen[0] += cx;
      seen[1] += cy;
      d[0] = Math.max(d[0], Math.abs((double) seen[0] / xs.length
          - (double) seen[1] / ys.length));
    });
    return d[0];
  }
}
