package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code G_TEST_PVALUE}: the shared contracts, and values derived by hand. */
class GTestPvalueTest extends AbstractHomogeneityTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.G_TEST_PVALUE;
  }

  @Override
  DivergenceFunction statistic() {
    return DivergenceFunction.G_TEST_STATISTIC;
  }

  @Test
  void twoDegreesOfFreedomGiveExpOfMinusHalfTheStatistic() {
    // G = 40 ln 2 on three outcomes; the chi-squared tail with 2 df is exp(−x/2): 2^-20
    Double p = PairMeasure.of(HomogeneityTest.gPValue(), new double[] {10, 0, 0},
        new double[] {0, 5, 5});
    assertThat(p).isCloseTo(0x1p-20, within(1e-14 * 0x1p-20));
  }
}
