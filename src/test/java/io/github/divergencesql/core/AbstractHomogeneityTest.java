package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.HomogeneityCases;
import io.github.divergencesql.testing.ReferenceCases;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the four homogeneity-test functions beyond the shared one: they do not
 * normalise (the counts are the samples), so scaling both samples by c scales the statistic by c
 * and changes the p-value accordingly; two samples of sizes beyond the double range are exact;
 * samples whose sizes are more than 2^960 apart are an error, not a silent 0.
 */
abstract class AbstractHomogeneityTest extends AbstractPairMeasureTest {
  /** The statistic function of this test (itself, or the statistic of a p-value). */
  abstract DivergenceFunction statistic();

  boolean isPValue() {
    return statistic() != function();
  }

  @Override
  double identicalValue(double[] w) {
    return isPValue() ? 1.0 : 0.0;
  }

  @Override
  Double oneOutcomeValue() {
    return isPValue() ? null : 0.0;
  }

  /**
   * A p-value in the far tail amplifies the statistic's relative error by about (G − df)/2 (a
   * statistic of 530 on 229 outcomes moves its p-value of 5e-26 by 150 times its own error).
   */
  @Override
  double mergeTolerance() {
    return isPValue() ? 1e-11 : 1e-13;
  }

  private static final double[] P3 = {12, 3.5, 7, 0};
  private static final double[] Q3 = {4, 9, 2.25, 1};

  private static Double statisticOf(DivergenceFunction f, double[] p, double[] q) {
    return PairMeasure.of((PairMeasure) f.newAccumulator(2), p, q);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void scalingBothSamplesByAPowerOfTwoScalesTheStatistic(Form f) {
    double g = statisticOf(statistic(), P3, Q3);
    int df = 3;
    for (int k : new int[] {-1000, -60, -1, 1, 30, 900}) {
      double c = Math.scalb(1.0, k);
      double[] p = P3.clone();
      double[] q = Q3.clone();
      for (int i = 0; i < p.length; i++) {
        p[i] *= c;
        q[i] *= c;
      }
      Double actual = f.value(p, q);
      // the p-value of the scaled statistic: Commons' chi-squared tail, the distribution used
      double expected = isPValue()
          ? ChiSquaredDistribution.of(df).survivalProbability(g * c) : g * c;
      assertThat(ReferenceCases.relativeError(actual, expected)).as("2^%d: %s vs %s", k, actual,
          expected).isLessThanOrEqualTo(1e-15 * Math.max(1, isPValue() ? g * c : 1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void samplesBeyondTheDoubleRangeAreExact(Form f) {
    // each sample sums to 2.5·MAX_VALUE; the statistic is 2^1000 times that of the counts
    // scaled down by 2^1000 (finite: about 1e307), and its p-value underflows to 0
    double[] p = {Double.MAX_VALUE, Double.MAX_VALUE / 2, Double.MAX_VALUE};
    double[] q = {Double.MAX_VALUE / 2, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] sp = new double[3];
    double[] sq = new double[3];
    for (int i = 0; i < 3; i++) {
      sp[i] = Math.scalb(p[i], -1000);
      sq[i] = Math.scalb(q[i], -1000);
    }
    Double big = f.value(p, q);
    if (isPValue()) {
      assertThat(big).isEqualTo(0.0);
    } else {
      assertThat(ReferenceCases.relativeError(big,
          Math.scalb(statisticOf(statistic(), sp, sq), 1000))).isLessThanOrEqualTo(1e-15);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void exactlyProportionalCountsGiveZeroAndPValueOne(Form f) {
    double[] p = {10, 20, 30, 40, 0.125};
    for (double c : new double[] {1, 2, 0.5, 0x1p-700}) {
      double[] q = p.clone();
      for (int i = 0; i < q.length; i++) {
        q[i] *= c;
      }
      assertThat(f.value(p, q)).isEqualTo(isPValue() ? 1.0 : 0.0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void samplesOfSizesMoreThan2To960ApartAreAnError(Form f) {
    // the smaller sample's share of the pooled counts would be a subnormal
    assertThatThrownBy(() -> f.value(new double[] {1e300, 2e300}, new double[] {1e-300, 3e-300}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(function().name() + ": counts have totals ")
        .hasMessageContaining("2^960");
    // within the limit: a statistic, not an error
    assertThat(f.value(new double[] {1e140, 2e140}, new double[] {1e-140, 3e-140})).isNotNull();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("referenceCases")
  void agreesWithTheHomogeneityReferences(Form f, HomogeneityCases.Case c) {
    checkHomogeneityReference(f, c);
  }
}
