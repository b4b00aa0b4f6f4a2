package io.github.divergencesql.core;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * {@code KS_PVALUE(x, y)}: the two-sided p-value of the two-sample Kolmogorov–Smirnov test, as
 * {@code scipy.stats.ks_2samp(x, y)} computes it by default: Apache Commons Statistics'
 * {@link KolmogorovSmirnovTest} with its defaults (exact for small samples, else asymptotic; with
 * ties the exact p-value of the observed D, as scipy), which agrees with scipy 1.10 within
 * 1e-13 relative on our reference cases (NumericDriftTest). Commons refuses a side of one value;
 * there the exact distribution is simple: with one x among m y values, every rank k of x (0..m
 * y values below it) is equally likely and gives D = max(k, m − k)/m, so the p-value is the
 * share of the m + 1 ranks whose D reaches the observed one. 1 for identical samples.
 */
public final class KsPValue extends TwoSampleMeasure<KsPValue> {
  public KsPValue() {
    super("KS_PVALUE");
  }

  @Override
  double of(double[] xs, double[] ys) {
    if (xs.length >= 2 && ys.length >= 2) {
      return KolmogorovSmirnovTest.withDefaults().test(xs, ys).getPValue();
    }
    double d = KsStatistic.statistic(xs, ys);
    int m = Math.max(xs.length, ys.length);
    int reach = 0;
    for (int k = 0; k <= m; k++) {
      // D for rank k, compared in integers: max(k, m − k) ≥ d·m, with d = r/m exactly
      if (Math.max(k, m - k) >= Math.round(d * m)) {
        reach++;
      }
    }
    return (double) reach / (m + 1);
  }
}
