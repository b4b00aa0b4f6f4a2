package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.Numerics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * {@code CRAMER_VON_MISES_STATISTIC(x, y)} and {@code CRAMER_VON_MISES_PVALUE(x, y)}: the
 * two-sample Cramér–von Mises test as {@code scipy.stats.cramervonmises_2samp(x, y)}
 * (Anderson 1962):
 * <ul>
 *   <li>T = U/(nm N) − (4nm − 1)/(6N), U = n Σ(rᵢ − i)² + m Σ(sⱼ − j)² over the sorted samples'
 *       ranks in the pooled sample (ties: average ranks);
 *   <li>the p-value is exact when max(n, m) ≤ 20 (scipy's rule): the share of the C(n + m, n)
 *       orderings whose U reaches the observed one, counted over the lattice of Xiao, Gordon and
 *       Yakovlev (2006), with scipy's own rounding of the threshold; else asymptotic: T
 *       standardised by its exact mean and variance, then 1 − F∞ of the one-sample limiting
 *       distribution (Csörgő and Faraway 1996, eq. 1.2), its series summed until a term is below
 *       1e-7 as scipy sums it, with K_{1/4} from its integral (trapezoidal rule, exponentially
 *       accurate here); 1 where the standardised value is below 0.003;
 *   <li>NULL while a side has fewer than 2 values (scipy: nan).
 * </ul>
 * One pass over the two sorted samples ({@link PooledValues}). References: scipy 1.17.1
 * (two_sample_tests.py).
 */
public final class CramerVonMises extends TwoSampleMeasure<CramerVonMises> {
  /** scipy's switch: exact while the larger sample has at most this many values. */
  static final int MAX_EXACT = 20;

  private final boolean pValue;

  private CramerVonMises(String function, boolean pValue) {
    super(function);
    this.pValue = pValue;
  }

  public static CramerVonMises statistic() {
    return new CramerVonMises("CRAMER_VON_MISES_STATISTIC", false);
  }

  public static CramerVonMises pValue() {
    return new CramerVonMises("CRAMER_VON_MISES_PVALUE", true);
  }

  @Override
  Double of(double[] xs, double[] ys) {
    int nx = xs.length;
    int ny = ys.length;
    if (nx < 2 || ny < 2) {
      return null;
    }
    // 2(rank − i) is an integer (ranks are halves at most): its squares summed exactly, in 128
    // bits, so U and T are exact before their one rounding (a double sum of 10^6 squares past
    // 2^53 was off by 1e-6 relative)
    long[][] squares = new long[2][2];
    long[] seen = new long[2];
    PooledValues.forEach(xs, ys, (z, cx, cy, before) -> {
      long twiceRank = 2 * before + cx + cy + 1;
      for (int c = 0; c < cx; c++) {
        long d = twiceRank - 2 * (++seen[0]);
        Numerics.addProduct128(squares[0], d, d);
      }
      for (int c = 0; c < cy; c++) {
        long d = twiceRank - 2 * (++seen[1]);
        Numerics.addProduct128(squares[1], d, d);
      }
    });
    // 4U = n Σ(2rᵢ − 2i)² + m Σ(2sⱼ − 2j)²; T = U/(kN) − (4k − 1)/(6N) = (3·4U − 2k(4k − 1))/(12kN)
    BigInteger fourU = Numerics.toBigInteger(squares[0][0], squares[0][1]).multiply(BigInteger.valueOf(nx))
        .add(Numerics.toBigInteger(squares[1][0], squares[1][1]).multiply(BigInteger.valueOf(ny)));
    BigInteger k = BigInteger.valueOf((long) nx * ny);
    BigInteger numerator = fourU.multiply(BigInteger.valueOf(3)).subtract(
        k.shiftLeft(1).multiply(k.shiftLeft(2).subtract(BigInteger.ONE)));
    BigInteger denominator = k.multiply(BigInteger.valueOf(12L * (nx + ny)));
    double t = new BigDecimal(numerator).divide(new BigDecimal(denominator),
        MathContext.DECIMAL128).doubleValue();
    double u = new BigDecimal(fourU).divide(BigDecimal.valueOf(4)).doubleValue();
    if (!pValue) {
      return t;
    }
    return Math.max(nx, ny) <= MAX_EXACT ? exactP(u, nx, ny) : asymptoticP(t, nx, ny);
  }

  /** scipy's {@code _pval_cvm_2samp_exact(u, m, n)}. */
  static double exactP(double s, int m, int n) {
    long lcm = (long) m / gcd(m, n) * n;
    long a = lcm / m;
    long b = lcm / n;
    long mn = (long) m * n;
    double zeta = floorDivide((double) (lcm * lcm * (m + n)) * (6 * s - (double) (mn * (4 * mn
        - 1))), 6.0 * mn * mn);
    // each lattice point's table of (value, frequency), values ascending, as two arrays: a
    // merge of two sorted tables is linear, and adding a constant keeps the order
    long[][] values = new long[m + 1][];
    long[][] freqs = new long[m + 1][];
    values[0] = new long[] {0};
    freqs[0] = new long[] {1};
    for (int v = 1; v <= m; v++) {
      values[v] = new long[0];
      freqs[v] = new long[0];
    }
    for (int u = 0; u <= n; u++) {
      long[] tmpValues = new long[0];
      long[] tmpFreqs = new long[0];
      for (int v = 0; v <= m; v++) {
        long[][] merged = merge(tmpValues, tmpFreqs, values[v], freqs[v]);
        long res = (a * v - b * u) * (a * v - b * u);
        for (int i = 0; i < merged[0].length; i++) {
          merged[0][i] += res;
        }
        tmpValues = merged[0];
        tmpFreqs = merged[1];
        values[v] = tmpValues;
        freqs[v] = tmpFreqs;
      }
    }
    long count = 0;
    for (int i = 0; i < values[m].length; i++) {
      if (values[m][i] >= zeta) {
        count += freqs[m][i];
      }
    }
    return (double) count / binomial(m + n, m);
  }

  /** Two ascending (value, frequency) tables merged, equal values' frequencies added. */
  private static long[][] merge(long[] av, long[] af, long[] bv, long[] bf) {
    long[] v = new long[av.length + bv.length];
    long[] f = new long[v.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < av.length || j < bv.length) {
      if (j == bv.length || (i < av.length && av[i] < bv[j])) {
        v[k] = av[i];
        f[k++] = af[i++];
      } else if (i == av.length || bv[j] < av[i]) {
        v[k] = bv[j];
        f[k++] = bf[j++];
      } else {
        v[k] = av[i];
        f[k++] = af[i++] + bf[j++];
      }
    }
    return new long[][] {java.util.Arrays.copyOf(v, k), java.util.Arrays.copyOf(f, k)};
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static double binomial(int n, int k) {
    return new BigDecimal(BigIntegerMath.binomial(n, k)).doubleValue();
  }

  /** Python's (and numpy's) float floor division a // b. */
  static double floorDivide(double a, double b) {
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) {
      div -= 1.0;
    }
    if (div == 0) {
      return Math.copySign(0.0, a / b);
    }
    double floor = Math.floor(div);
    if (div - floor > 0.5) {
      floor += 1.0;
    }
    return floor;
  }

  /** scipy's {@code _pval_cvm_2samp_asymptotic}. */
  static double asymptoticP(double t, int nx, int ny) {
    double n = (double) nx + ny;
    double et = (1 + 1 / n) / 6;
    BigInteger bn = BigInteger.valueOf((long) nx + ny);
    BigInteger bk = BigInteger.valueOf((long) nx * ny);
    BigInteger numerator = bn.add(BigInteger.ONE).multiply(BigInteger.valueOf(4).multiply(bk)
        .multiply(bn).subtract(BigInteger.valueOf(3).multiply(BigInteger.valueOf((long) nx * nx
        + (long) ny * ny))).subtract(BigInteger.TWO.multiply(bk)));
    BigInteger denominator = BigInteger.valueOf(45).multiply(bn).multiply(bn)
        .multiply(BigInteger.valueOf(4)).multiply(bk);
    double vt = new BigDecimal(numerator).divide(new BigDecimal(denominator),
        MathContext.DECIMAL128).doubleValue();
    double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
    if (!(tn >= 0.003)) {
      return 1.0;
    }
    return Math.max(0, 1 - limitingCdf(tn));
  }

  /** scipy's {@code _cdf_cvm_inf(x)}: terms added until one is below 1e-7 in magnitude. */
  static double limitingCdf(double x) {
    double total = 0;
    for (int k = 0; ; k++) {
      double u = Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1))
          / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
      double y = 4 * k + 1;
      double q = y * y / (16 * x);
      double term = u * Math.sqrt(y) * scaledBesselK(q);
      total += term;
      if (!(Math.abs(term) >= 1e-7)) {
        return total;
      }
    }
  }

  /**
   * e^(−q) K_{1/4}(q) = ∫₀^∞ e^(−q(1 + cosh s)) cosh(s/4) ds, by the trapezoidal rule, which
   * converges exponentially for this analytic, doubly exponentially decaying integrand.
   */
  static double scaledBesselK(double q) {
    double h = 1.0 / 32;
    double sum = 0.5 * Math.exp(-2 * q);
    for (int i = 1; ; i++) {
      double s = i * h;
      double f = Math.exp(-q * (1 + Math.cosh(s))) * Math.cosh(s / 4);
      sum += f;
      if (f < 1e-300 || (f <= 1e-18 * sum && q * Math.cosh(s) > 50)) {
        return sum * h;
      }
    }
  }

  /** Exact binomial coefficients for the lattice's count. */
  private static final class BigIntegerMath {
    static BigInteger binomial(int n, int k) {
      BigInteger r = BigInteger.ONE;
      for (int i = 1; i <= k; i++) {
        r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
      }
      return r;
    }
  }
}
