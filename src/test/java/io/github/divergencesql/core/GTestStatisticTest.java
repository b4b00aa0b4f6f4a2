package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code G_TEST_STATISTIC}: the shared contracts, and values derived by hand. */
class GTestStatisticTest extends AbstractHomogeneityTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.G_TEST_STATISTIC;
  }

  @Override
  DivergenceFunction statistic() {
    return DivergenceFunction.G_TEST_STATISTIC;
  }

  @Test
  void completeAssociationIsFortyLn2() {
    // [10, 0, 0] against [0, 5, 5]: expected counts 5 | 2.5, 2.5, so
    // G = 2 (10 ln 2 + 5 ln 2 + 5 ln 2) = 40 ln 2
    Double g = PairMeasure.of(HomogeneityTest.gStatistic(), new double[] {10, 0, 0},
        new double[] {0, 5, 5});
    assertThat(g).isCloseTo(40 * Math.log(2), within(1e-15 * 40 * Math.log(2)));
  }

  @Test
  void aTwoByTwoTable() {
    // [3, 1] against [1, 3]: every expected count is 2, G = 2 (2·3 ln(3/2) + 2·1 ln(1/2))
    double expected = 2 * (6 * Math.log(1.5) - 2 * Math.log(2));
    assertThat(PairMeasure.of(HomogeneityTest.gStatistic(), new double[] {3, 1},
        new double[] {1, 3})).isCloseTo(expected, within(1e-15 * expected));
  }
}
