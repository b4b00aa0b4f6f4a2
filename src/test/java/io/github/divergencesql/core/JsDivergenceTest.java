package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code JS_DIVERGENCE}: the shared contract, and values derived by hand. */
class JsDivergenceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.JS_DIVERGENCE;
  }

  @Test
  void jsOfPointMassAgainstUniform() {
    // m = (¾, ¼): D(P‖M) = ln(4/3); D(Q‖M) = ½ln(⅔) + ½ln 2 = ½ln(4/3); JS = ¾·ln(4/3)
    assertThat(JsDivergence.of(P, Q)).isCloseTo(0.75 * Math.log(4.0 / 3), within(TOL));
  }

  @Test
  void disjointSupportsGiveLn2() {
    assertThat(JsDivergence.of(new double[] {2, 0}, new double[] {0, 5}))
        .isCloseTo(Math.log(2), within(TOL));
  }
}
