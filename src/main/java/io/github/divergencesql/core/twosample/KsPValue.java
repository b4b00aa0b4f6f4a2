package io.github.divergencesql.core.twosample;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * {@code KS_PVALUE(x, y)}: the two-sided p-value of the two-sample Kolmogorov–Smirnov test, as
 * {@code scipy.stats.ks_2samp(x, y)} computes it by default ({@code method='auto'}), method
 * choice included, with Apache Commons Statistics' {@link KolmogorovSmirnovTest}:
 * <ul>
 *   <li>exact when {@code max(n, m) <= 10000} (scipy's {@code MAX_AUTO_N}; Commons' own AUTO
 *       switches at {@code >= 10000}, which gave 5.399e-26 for scipy's 6.263e-26 on scipy's
 *       {@code testLarge}); with ties, the exact p-value of the observed D, as scipy;
 *   <li>else the asymptotic {@code kstwo.sf(D, round(m n / (m + n)))} — the exact one-sample
 *       distribution at the effective size, not Kolmogorov's limit; where {@code m n / (m + n)}
 *       is exactly k + ½, rounded half to even as numpy does ({@code 71} vs {@code 10011} values);
 *   <li>where scipy's exact attempt fails and it falls back to the asymptotic (for n = m, when its
 *       alternating series rounds above 1, e.g. n = m = 7 and D = 1/7: 0.99996 rather than 1),
 *       the same fallback: the series is evaluated in scipy's order of operations to see when;
 *   <li>a side of one value (which Commons refuses): every rank k of x among the m y values is
 *       equally likely and gives D = max(k, m − k)/m, so the exact p-value is the share of the
 *       m + 1 ranks whose D reaches the observed one; above 10,000 values scipy's asymptotic
 *       {@code kstwo.sf(D, 1)} = 2(1 − D) for D &gt; ½.
 * </ul>
 * Agrees with scipy 1.17.1 within 1e-13 relative wherever scipy is exact and 2e-11 on the
 * asymptotic path (Commons' and scipy's evaluations of that distribution), on every boundary
 * size (KsPvalueTest, data from scipy itself). 1 for identical samples.
 */
public final class KsPValue extends TwoSampleMeasure<KsPValue> {
  /** scipy's {@code MAX_AUTO_N}: exact up to this many values on the larger side. */
  static final int MAX_EXACT = 10_000;
  private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

  public KsPValue() {
    super("KS_PVALUE");
  }

  @Override
  Double of(double[] xs, double[] ys) {
    return pValue(xs, ys);
  }

  /** {@code scipy.stats.ks_2samp(xs, ys).pvalue} of two sorted, non-empty samples. */
  static double pValue(double[] xs, double[] ys) {
    int n = xs.length;
    int m = ys.length;
    boolean exact = Math.max(n, m) <= MAX_EXACT;
    if (Math.min(n, m) == 1) {
      double d = KsStatistic.statistic(xs, ys);
      return exact ? oneValueExact(d, Math.max(n, m)) : effectiveSizeSf(d, 1);
    }
    if (exact) {
      KolmogorovSmirnovTest.TwoResult r = KS.with(PValueMethod.EXACT).test(xs, ys);
      if (n == m) {
        long h = Math.round(r.getStatistic() * n);
        if (h > 0 && scipySquareSeries(n, h) > 1) { // scipy: "Exact calculation unsuccessful"
          return effectiveSizeSf((double) h / n, (int) Math.rint(n / 2.0));
        }
      }
      return r.getPValue();
    }
    KolmogorovSmirnovTest.TwoResult r = KS.with(PValueMethod.ASYMPTOTIC).test(xs, ys);
    double big = Math.max(n, m);
    double small = Math.min(n, m);
    double en = big * small / (big + small); // scipy's order of operations
    if (Math.round(en) == Math.rint(en)) {
      return r.getPValue(); // Commons' kstwo.sf(D, Math.round(en)): the same size as numpy's
    }
    return effectiveSizeSf(r.getStatistic(), (int) Math.rint(en)); // numpy: half to even
  }

  /**
   * scipy's {@code _compute_prob_outside_square(n, h)}, the same floating-point operations in
   * the same order: scipy takes a result above 1 as a failed exact computation.
   */
  static double scipySquareSeries(long n, long h) {
    double p = 0.0;
    for (long k = n / h; k >= 0; k--) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
    }
    return 2 * p;
  }

  /**
   * {@code scipy.stats.kstwo.sf(d, size)}: P(D ≥ d) for the one-sample statistic of
   * {@code size} values, through Commons' public one-sample test (its default method): the
   * values 0 … size − 1 against a "distribution" that puts value 0 at d and value i at
   * (i + ½)/size, so the statistic is exactly d (every other deviation is 1/(2 size) &lt; d).
   */
  static double effectiveSizeSf(double d, int size) {
    if (size == 1) {
      return d <= 0.5 ? 1 : d >= 1 ? 0 : 2 * (1 - d);
    }
    if (d * size <= 0.5) {
      return 1; // D of size values is at least 1/(2 size)
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = i;
    }
    KolmogorovSmirnovTest.OneResult r = KS.test(values, v -> v == 0 ? d : (v + 0.5) / size);
    if (r.getStatistic() != d) {
      throw new IllegalStateException("KS_PVALUE: effective-size statistic " + r.getStatistic()
          + " is not " + d);
    }
    return r.getPValue();
  }

  /** The exact p-value of D = d for one value among m: the share of ranks reaching d. */
  private static double oneValueExact(double d, int m) {
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
