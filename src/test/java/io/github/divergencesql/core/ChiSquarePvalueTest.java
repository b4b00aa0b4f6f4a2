package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code CHI_SQUARE_PVALUE}: the shared contracts, and values derived by hand. */
class ChiSquarePvalueTest extends AbstractHomogeneityTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.CHI_SQUARE_PVALUE;
  }

  @Override
  DivergenceFunction statistic() {
    return DivergenceFunction.CHI_SQUARE_STATISTIC;
  }

  @Test
  void twoDegreesOfFreedomGiveExpOfMinusHalfTheStatistic() {
    // χ² = 20 on three outcomes: exp(−10)
    assertThat(PairMeasure.of(HomogeneityTest.chiSquarePValue(), new double[] {10, 0, 0},
        new double[] {0, 5, 5})).isCloseTo(Math.exp(-10), within(1e-14 * Math.exp(-10)));
  }

  @Test
  void oneDegreeOfFreedomIsTheNormalTail() {
    // χ² = 2 on a 2 × 2 table: P(|Z| > √2) = erfc(1) = 0.157299207050285130658779364917...
    // (mpmath.erfc(1) at 30 digits)
    assertThat(PairMeasure.of(HomogeneityTest.chiSquarePValue(), new double[] {3, 1},
        new double[] {1, 3})).isCloseTo(0.15729920705028513, within(1e-15));
  }
}
