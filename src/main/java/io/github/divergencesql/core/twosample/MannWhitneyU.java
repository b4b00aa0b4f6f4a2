package io.github.divergencesql.core.twosample;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * {@code MANN_WHITNEY_U_STATISTIC(x, y)} and {@code MANN_WHITNEY_U_PVALUE(x, y)}: the
 * Mann–Whitney U test as {@code scipy.stats.mannwhitneyu(x, y)} computes it by default
 * (two-sided, continuity correction, {@code method='auto'}):
 * <ul>
 *   <li>the statistic is U of x, U₁ = R₁ − n(n + 1)/2, R₁ the sum of x's ranks in the pooled
 *       sample, ties taking their average rank;
 *   <li>the p-value is exact iff min(n, m) ≤ 8 and the pooled sample has no tie (scipy's rule):
 *       2·P(U ≤ min(U₁, U₂)) from the distribution of U, the coefficients of the Gaussian
 *       binomial [n + m choose min(n, m)]_q (partitions into at most min(n, m) parts, then the
 *       factors 1 − q^(max + i)); past 2^24 values of U the table would not be small and the
 *       normal approximation is used;
 *   <li>otherwise asymptotic: z = (max(U₁, U₂) − nm/2 − ½)/σ, σ² = nm/12 ·
 *       ((N + 1) − Σ(t³ − t)/(N(N − 1))) over the tie groups, p = 2Φ(−z), clipped to [0, 1]
 *       (all values equal: σ = 0 and p = 1, as scipy).
 * </ul>
 * The ranks are taken in one pass over the two sorted samples ({@link PooledValues}): Apache
 * Commons Statistics' {@code MannWhitneyUTest} ranks a pooled copy, and its exact method keeps a
 * table of (n + 1)(m + 1)·min(U₁, U₂) doubles (terabytes for 8 values against 100,000), and
 * its AUTO rule is not scipy's; its normal distribution gives Φ. References: scipy 1.17.1
 * (two_sample_tests.py).
 */
public final class MannWhitneyU extends TwoSampleMeasure<MannWhitneyU> {
  /** The largest U whose exact distribution is tabulated. */
  static final long MAX_EXACT_U = 1 << 24;
  private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

  private final boolean pValue;

  private MannWhitneyU(String function, boolean pValue) {
    super(function);
    this.pValue = pValue;
  }

  public static MannWhitneyU statistic() {
    return new MannWhitneyU("MANN_WHITNEY_U_STATISTIC", false);
  }

  public static MannWhitneyU pValue() {
    return new MannWhitneyU("MANN_WHITNEY_U_PVALUE", true);
  }

  @Override
  Double of(double[] xs, double[] ys) {
    long n1 = xs.length;
    long n2 = ys.length;
    long[] twiceR1 = new long[1];
    double[] ties = new double[1];
    PooledValues.forEach(xs, ys, (z, cx, cy, before) -> {
      long t = (long) cx + cy;
      twiceR1[0] += cx * (2 * before + t + 1);
      ties[0] += (double) t * t * t - t;
    });
    double u1 = (twiceR1[0] - n1 * (n1 + 1)) / 2.0;
    if (!pValue) {
      return u1;
    }
    double u2 = (double) n1 * n2 - u1;
    if (Math.min(n1, n2) <= 8 && ties[0] == 0 && Math.min(u1, u2) <= MAX_EXACT_U) {
      return Math.min(1, 2 * exactCdf((long) Math.min(u1, u2), (int) Math.min(n1, n2),
          Math.max(n1, n2)));
    }
    double n = n1 + n2;
    double mu = n1 * (double) n2 / 2;
    double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - ties[0] / (n * (n - 1))));
    double z = (Math.max(u1, u2) - mu - 0.5) / s; // σ = 0: U = μ, z = −∞, p = 1
    return Math.max(0, Math.min(1, 2 * NORMAL.survivalProbability(z)));
  }

  /**
   * P(U ≤ u) for samples of a and b values (a ≤ 8 in use): the Gaussian binomial's coefficients
   * up to u, over C(a + b, a).
   */
  static double exactCdf(long u, int a, long b) {
    int top = (int) u;
    double[] c = new double[top + 1];
    c[0] = 1;
    for (int i = 1; i <= a; i++) { // 1/(1 − q^i): partitions into parts of at most a
      for (int k = i; k <= top; k++) {
        c[k] += c[k - i];
      }
    }
    for (int i = 1; i <= a; i++) { // × (1 − q^(b + i))
      long shift = b + i;
      for (long k = top; k >= shift; k--) {
        c[(int) k] -= c[(int) (k - shift)];
      }
    }
    double sum = 0;
    for (double v : c) {
      sum += v;
    }
    double total = 1;
    for (int i = 1; i <= a; i++) {
      total = total * (b + i) / i;
    }
    return sum / total;
  }
}
