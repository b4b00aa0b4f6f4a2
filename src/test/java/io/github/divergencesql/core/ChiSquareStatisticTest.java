package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code CHI_SQUARE_STATISTIC}: the shared contracts, and values derived by hand. */
class ChiSquareStatisticTest extends AbstractHomogeneityTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.CHI_SQUARE_STATISTIC;
  }

  @Override
  DivergenceFunction statistic() {
    return DivergenceFunction.CHI_SQUARE_STATISTIC;
  }

  @Test
  void completeAssociationIsTheSampleSize() {
    // [10, 0, 0] against [0, 5, 5]: χ² = N (Cramér's V = 1) = 20
    assertThat(PairMeasure.of(HomogeneityTest.chiSquareStatistic(), new double[] {10, 0, 0},
        new double[] {0, 5, 5})).isCloseTo(20.0, within(1e-14));
  }

  @Test
  void aTwoByTwoTable() {
    // [3, 1] against [1, 3]: N (ad − bc)² / (row and column totals) = 8·64/256 = 2
    assertThat(PairMeasure.of(HomogeneityTest.chiSquareStatistic(), new double[] {3, 1},
        new double[] {1, 3})).isCloseTo(2.0, within(1e-15));
  }
}
