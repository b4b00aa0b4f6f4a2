package io.github.divergencesql.core.twosample;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code ANDERSON_DARLING_STATISTIC(x, y)} and {@code ANDERSON_DARLING_PVALUE(x, y)}: the
 * k-sample Anderson–Darling test for k = 2, as {@code scipy.stats.anderson_ksamp([x, y],
 * variant='midrank')} (Scholz and Stephens 1987, eq. 7, the midrank form for ties):
 * <ul>
 *   <li>the statistic is the standardised (A²akN − (k − 1))/σ_N, scipy's {@code statistic}, with
 *       σ_N² from Scholz and Stephens' eq. 4 (the harmonic sums over N);
 *   <li>the p-value is interpolated as scipy does: a least-squares quadratic of ln(significance)
 *       on the critical values for k = 2 (0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001), evaluated
 *       at the statistic, and capped: 0.25 below the first critical value, 0.001 above the last
 *       (scipy warns there); so p is in [0.001, 0.25] and says only "at least" or "at most" at
 *       the ends;
 *   <li>NULL with 3 values or fewer in all, or fewer than 2 distinct values (scipy: an error or
 *       nan).
 * </ul>
 * One pass over the two sorted samples ({@link PooledValues}). References: scipy 1.17.1
 * (two_sample_tests.py).
 */
public final class AndersonDarling extends TwoSampleMeasure<AndersonDarling> {
  /** scipy's significance levels and its critical values' coefficients b0 + b1/√m + b2/m. */
  private static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
  /** The critical values for k = 2 (m = k − 1 = 1), in double as scipy forms them. */
  private static final double[] CRITICAL = new double[7];
  /** ln p ≈ FIT[0] A² + FIT[1] A + FIT[2]: the least-squares quadratic through the table. */
  private static final double[] FIT;

  static {
    for (int i = 0; i < 7; i++) {
      CRITICAL[i] = B0[i] + B1[i] / Math.sqrt(1) + B2[i] / 1;
    }
    FIT = quadraticFit(CRITICAL, SIGNIFICANCE);
  }

  private final boolean pValue;

  private AndersonDarling(String function, boolean pValue) {
    super(function);
    this.pValue = pValue;
  }

  public static AndersonDarling statistic() {
    return new AndersonDarling("ANDERSON_DARLING_STATISTIC", false);
  }

  public static AndersonDarling pValue() {
    return new AndersonDarling("ANDERSON_DARLING_PVALUE", true);
  }

  @Override
  Double of(double[] xs, double[] ys) {
    int k = 2;
    double nx = xs.length;
    double ny = ys.length;
    double n = nx + ny;
    if (n <= 3) {
      return null;
    }
    double[] sum = new double[2]; // Σ_j over x, over y
    long[] below = new long[2]; // values of x, of y below the current one
    int[] distinct = new int[1];
    PooledValues.forEach(xs, ys, (z, cx, cy, before) -> {
      double l = (double) cx + cy;
      double b = before + l / 2;
      double denominator = b * (n - b) - n * l / 4;
      double mx = below[0] + cx / 2.0;
      double my = below[1] + cy / 2.0;
      double dx = n * mx - nx * b;
      double dy = n * my - ny * b;
      sum[0] += l / n * dx * dx / denominator;
      sum[1] += l / n * dy * dy / denominator;
      below[0] += cx;
      below[1] += cy;
      distinct[0]++;
    });
    if (distinct[0] < 2) {
      return null;
    }
    double a2kn = (n - 1) / n * (sum[0] / nx + sum[1] / ny);
    double bigH = 1 / nx + 1 / ny;
    double h = 0;
    for (long i = 1; i < (long) n; i++) {
      h += 1.0 / i;
    }
    double g = 0;
    double tail = 0; // Σ_{i = N − j + 1}^{N − 1} 1/i
    for (long j = 2; j < (long) n; j++) {
      tail += 1.0 / ((long) n - j + 1);
      g += tail / j;
    }
    double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
    double bb = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH
        + 4 * h;
    double d = (2 * h + 6) * k * k - 4 * h * k;
    double sigmaSq = (a * n * n * n + bb * n * n + c * n + d) / ((n - 1) * (n - 2) * (n - 3));
    double statistic = (a2kn - (k - 1)) / Math.sqrt(sigmaSq);
    if (!pValue) {
      return statistic;
    }
    if (statistic < CRITICAL[0]) {
      return 0.25;
    }
    if (statistic > CRITICAL[6]) {
      return 0.001;
    }
    return Math.exp((FIT[0] * statistic + FIT[1]) * statistic + FIT[2]);
  }

  /** The least-squares quadratic of ln(ys) on xs, highest power first (numpy's polyfit, exact). */
  static double[] quadraticFit(double[] xs, double[] ys) {
    MathContext mc = new MathContext(60);
    BigDecimal[][] m = new BigDecimal[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        m[r][c] = BigDecimal.ZERO;
      }
    }
    for (int i = 0; i < xs.length; i++) {
      BigDecimal x = new BigDecimal(xs[i]);
      BigDecimal[] powers = {x.multiply(x), x, BigDecimal.ONE};
      BigDecimal y = new BigDecimal(Math.log(ys[i]));
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] = m[r][c].add(powers[r].multiply(powers[c]));
        }
        m[r][3] = m[r][3].add(powers[r].multiply(y));
      }
    }
    for (int p = 0; p < 3; p++) { // Gauss–Jordan; the normal matrix is positive definite
      for (int r = 0; r < 3; r++) {
        if (r != p) {
          BigDecimal f = m[r][p].divide(m[p][p], mc);
          for (int c = p; c < 4; c++) {
            m[r][c] = m[r][c].subtract(f.multiply(m[p][c]), mc);
          }
        }
      }
    }
    double[] fit = new double[3];
    for (int r = 0; r < 3; r++) {
      fit[r] = m[r][3].divide(m[r][r], mc).doubleValue();
    }
    return fit;
  }
}
