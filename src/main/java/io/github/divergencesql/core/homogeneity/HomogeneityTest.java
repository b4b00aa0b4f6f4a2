package io.github.divergencesql.core.homogeneity;

import io.github.divergencesql.core.BufferedPairMeasure;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.Numerics;
import io.github.divergencesql.core.PairBuffer;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The two-sample test of homogeneity on the 2 × k table of counts whose columns are the outcomes
 * (rows of the group, or keys of the keyed form): is the distribution of the p sample the same as
 * that of the q sample? The statistic (G or Pearson's χ²) and its p-value from the chi-squared
 * distribution with k − 1 degrees of freedom, as
 * {@code scipy.stats.chi2_contingency(table, correction=False)} (with
 * {@code lambda_="log-likelihood"} for G) computes them.
 *
 * <ul>
 *   <li>NULL (statistic and p-value) for no rows, or when either sample's total count is 0.
 *   <li>Outcomes where both counts are 0 do not count. Fewer than two outcomes: statistic 0,
 *       p-value NULL (no degrees of freedom).
 *   <li>Counts must be finite and non-negative (errors as for weights). Non-integer counts are
 *       taken as they are: the statistic is then that of a sample of that size, and scaling every
 *       count by c scales the statistic by c.
 *   <li>A statistic beyond the double range is +Infinity, its p-value 0.
 *   <li>Samples whose totals are more than 2^960 apart are an error (the smaller one's share of
 *       the pooled counts would be subnormal, and its terms lose their bits).
 *   <li>Buffers the rows (two primitive doubles a row), as JS and TV do.
 * </ul>
 *
 * <p>Why not Commons Statistics' {@code GTest} and {@code ChiSquareTest}: they take the whole
 * table as {@code long} counts and sum Σ O ln(O/E) and Σ (O − E)²/E directly; here the rows arrive
 * one at a time into mergeable per-group states, counts may be fractional, and the forms below
 * keep the precision those sums lose. The distribution is Commons'.
 *
 * <p>Numerics. With u, v the two samples' distributions, π = A/N and π' = B/N their shares of
 * the N = A + B counts and m = πu + π'v the pooled distribution (the expected counts are
 * Aᵢ = A·mᵢ, Bᵢ = B·mᵢ), the statistics are
 * G = 2N Σ mᵢ (π φ(uᵢ/mᵢ) + π' φ(vᵢ/mᵢ)) with φ(t) = t ln t − t + 1 ≥ 0, and
 * χ² = N π π' Σ (uᵢ − vᵢ)² / mᵢ: sums of non-negative terms, each taken from uᵢ − vᵢ, which is
 * computed with one rounding from the exact totals. The textbook forms Σ O ln(O/E) and
 * Σ (O − E)²/E subtract nearly equal numbers when the samples are nearly proportional (scipy
 * loses digits there); these do not, so both statistics keep full relative precision, and are
 * exactly 0 for exactly proportional counts. The p-value is Apache Commons Statistics' chi-squared
 * survival function (the regularized upper incomplete gamma function, never 1 − cdf), so it keeps
 * its relative precision down to the smallest normal double.
 *
 * <p>One class for the four SQL functions: {@link #gStatistic()}, {@link #gPValue()},
 * {@link #chiSquareStatistic()}, {@link #chiSquarePValue()}.
 */
public final class HomogeneityTest extends BufferedPairMeasure<HomogeneityTest> {
  /** The two statistics. */
  private enum Statistic {
    /** G = 2 Σ O ln(O/E), the log-likelihood ratio statistic. */
    G {
      @Override
      double of(PairBuffer rows, PairBuffer.Pooled pooled) {
        double pa = pooled.shareA();
        double pb = pooled.shareB();
        double sum = rows.sumOverRows((diff, ab, ba) -> {
          double m = pa * ab + pb * ba; // mᵢ·AB
          if (m == 0) {
            return 0; // a row below 2^-1074 of the pooled total: nothing a double can add
          }
          double t = diff / m; // (uᵢ − vᵢ)/mᵢ, so uᵢ/mᵢ = 1 + π't and vᵢ/mᵢ = 1 − πt
          return m * (pa * Numerics.phi1p(Math.max(-1, pb * t))
              + pb * Numerics.phi1p(Math.max(-1, -pa * t)));
        });
        return Math.scalb(2 * pooled.mantissa() * sum, pooled.exponent());
      }
    },
    /** χ² = Σ (O − E)²/E, Pearson's statistic. */
    CHI_SQUARE {
      @Override
      double of(PairBuffer rows, PairBuffer.Pooled pooled) {
        double pa = pooled.shareA();
        double pb = pooled.shareB();
        double sum = rows.sumOverRows((diff, ab, ba) -> {
          double m = pa * ab + pb * ba;
          return m == 0 ? 0 : diff * (diff / m); // m = 0: as for G
        });
        return Math.scalb(pooled.mantissa() * pa * pb * sum, pooled.exponent());
      }
    };

    /** The statistic of rows with two outcomes or more and two samples of comparable size. */
    abstract double of(PairBuffer rows, PairBuffer.Pooled pooled);
  }

  /**
   * Past this factor between the samples' totals the smaller sample's share is no longer a
   * normal double: its terms would be computed from a subnormal and lose their precision.
   */
  static final double MIN_SHARE = 0x1p-960;

  private final String name;
  private final Statistic statistic;
  private final boolean pValue;

  private HomogeneityTest(String name, Statistic statistic, boolean pValue) {
    super(name);
    this.name = name;
    this.statistic = statistic;
    this.pValue = pValue;
  }

  /** {@code G_TEST_STATISTIC(p, q)}. */
  public static HomogeneityTest gStatistic() {
    return new HomogeneityTest("G_TEST_STATISTIC", Statistic.G, false);
  }

  /** {@code G_TEST_PVALUE(p, q)}. */
  public static HomogeneityTest gPValue() {
    return new HomogeneityTest("G_TEST_PVALUE", Statistic.G, true);
  }

  /** {@code CHI_SQUARE_STATISTIC(p, q)}. */
  public static HomogeneityTest chiSquareStatistic() {
    return new HomogeneityTest("CHI_SQUARE_STATISTIC", Statistic.CHI_SQUARE, false);
  }

  /** {@code CHI_SQUARE_PVALUE(p, q)}. */
  public static HomogeneityTest chiSquarePValue() {
    return new HomogeneityTest("CHI_SQUARE_PVALUE", Statistic.CHI_SQUARE, true);
  }

  @Override
  public Double result() {
    if (rows.hasEmptySide()) {
      return null;
    }
    if (rows.rows() < 2) {
      return pValue ? null : 0.0;
    }
    PairBuffer.Pooled pooled = rows.pooled();
    if (Math.min(pooled.shareA(), pooled.shareB()) < MIN_SHARE) {
      throw new InvalidArgumentException(name, "counts", "have totals " + pooled.totalA()
          + " and " + pooled.totalB() + ", further apart than the factor 2^960 the test "
          + "supports", InvalidArgumentException.SQL_STATE);
    }
    double value = statistic.of(rows, pooled);
    return pValue ? ChiSquaredDistribution.of(rows.rows() - 1).survivalProbability(value) : value;
  }
}
