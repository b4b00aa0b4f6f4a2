package io.github.divergencesql.core.twosample;

import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code APPROX_KS_PVALUE(x, y [, k])}: the two-sided asymptotic p-value of the two-sample
 * Kolmogorov–Smirnov test for the sketches' statistic D ({@link ApproxKsStatistic}) and the sides'
 * counts n and m: Kolmogorov's limiting distribution, Q(z) = P(K &gt; z) at
 * z = √(n m/(n + m)) D, as R's {@code ks.test(exact = FALSE)}, scipy's
 * {@code kstwobign.sf(z)} ({@code scipy.special.kolmogorov}) and the limit DataSketches' own
 * {@code KolmogorovSmirnov} threshold is drawn from. Apache Commons Statistics has it only
 * package-private, and its finite-n form (scipy's {@code ks_2samp(method='asymp')}) needs the
 * values themselves, which a sketch does not keep; the two differ by about 5% at
 * n m/(n + m) = 100 and 0.5% at 10,000, below the sketches' own rank error at those sizes.
 * References: numeric_drift.py's {@code kolmogorov_sf} (mpmath at 60 digits), ApproxTest.
 */
public final class ApproxKsPValue extends SketchedTwoSample<ApproxKsPValue> {
  /** Below this z the cdf's Jacobi form converges fastest, above it the survival series. */
  private static final double SERIES_FROM = 1.0;

  public ApproxKsPValue() {
    super("APPROX_KS_PVALUE");
  }

  @Override
  Double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    return pValue(ApproxKsStatistic.statistic(xs, ys), xs.getN(), ys.getN());
  }

  static double pValue(double d, long n, long m) {
    double size = (double) n * m / ((double) n + m);
    return kolmogorovSf(Math.sqrt(size) * d);
  }

  /**
   * Q(z) = P(K &gt; z): 2 Σ (−1)^(k−1) e^(−2 k² z²) for z ≥ 1 (full relative precision far into
   * the tail), else 1 − √(2π)/z Σ e^(−(2k−1)² π²/(8 z²)), the cdf's Jacobi form; each sum stops
   * when a term no longer changes it.
   */
  static double kolmogorovSf(double z) {
    if (!(z > 0)) {
      return z == z ? 1 : Double.NaN;
    }
    double sum = 0;
    if (z >= SERIES_FROM) {
      double sign = 1;
      for (int k = 1; ; k++) {
        double term = Math.exp(-2.0 * k * k * z * z);
        if (sum + term == sum || term == 0) {
          return 2 * sum;
        }
        sum += sign * term;
        sign = -sign;
      }
    }
    double w = -Math.PI * Math.PI / (8 * z * z);
    for (int k = 1; ; k += 2) {
      double term = Math.exp((double) k * k * w);
      if (sum + term == sum || term == 0) {
        return 1 - Math.sqrt(2 * Math.PI) / z * sum;
      }
      sum += term;
    }
  }
}
