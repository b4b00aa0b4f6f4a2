package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code HELLINGER_DISTANCE}: the shared contract, and values derived by hand. */
class HellingerDistanceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.HELLINGER_DISTANCE;
  }

  @Test
  void hellingerOfPointMassAgainstUniform() {
    // 1 − √(1·½) = 1 − 1/√2
    assertThat(HellingerDistance.of(P, Q)).isCloseTo(Math.sqrt(1 - Math.sqrt(0.5)), within(TOL));
  }

  @Test
  void disjointSupportsGiveOne() {
    assertThat(HellingerDistance.of(new double[] {2, 0}, new double[] {0, 5}))
        .isCloseTo(1.0, within(TOL));
  }
}
