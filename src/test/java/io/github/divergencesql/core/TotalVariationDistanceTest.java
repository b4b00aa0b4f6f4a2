package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code TOTAL_VARIATION_DISTANCE}: the shared contract, and values derived by hand. */
class TotalVariationDistanceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.TOTAL_VARIATION_DISTANCE;
  }

  @Test
  void totalVariationOfPointMassAgainstUniformIsHalf() {
    // ½(|1 − ½| + |0 − ½|) = ½
    assertThat(TotalVariationDistance.of(P, Q)).isEqualTo(0.5);
  }

  @Test
  void disjointSupportsGiveOne() {
    assertThat(TotalVariationDistance.of(new double[] {2, 0}, new double[] {0, 5})).isEqualTo(1.0);
  }
}
