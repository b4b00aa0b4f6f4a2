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
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < xs.length && j < ys.length) {
      double v = Math.min(xs[i], ys[j]);
      while (i < xs.length && xs[i] == v) {
        i++;
      }
      while (j < ys.length && ys[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / xs.length - (double) j / ys.length));
    }
    return d;
  }
}
