package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code KL_DIVERGENCE}: the shared contract, and values derived by hand (each in its comment). */
class KlDivergenceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.KL_DIVERGENCE;
  }

  @Test
  void klOfPointMassAgainstUniformIsLn2() {
    // p = (1, 0), q = (½, ½): 1·ln(1/½) + 0·ln 0 = ln 2
    assertThat(KlDivergence.of(P, Q)).isCloseTo(Math.log(2), within(TOL));
  }

  @Test
  void qZeroWherePPositiveIsInfinite() {
    // reversed: ½·ln(½/0) = +∞
    assertThat(KlDivergence.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void seedExampleIsNotTheCommonlyQuotedValues() {
    // 0.2ln2 + 0.3ln¾ + 0.4ln(4/3) + 0.1ln½ = 0.1ln2 + 0.1ln(4/3) = 0.1·ln(8/3)
    double[] p = {0.2, 0.3, 0.4, 0.1};
    double[] q = {0.1, 0.4, 0.3, 0.2};
    assertThat(KlDivergence.of(p, q)).isCloseTo(0.1 * Math.log(8.0 / 3), within(1e-16));
    assertThat(KlDivergence.of(q, p)).isCloseTo(0.1 * Math.log(8.0 / 3), within(1e-16));
    assertThat(KlDivergence.of(p, q)).isCloseTo(0.0980829253011726, within(1e-16));
  }

  @Test
  void halvesAgainstWeightsAtBothEndsOfTheRange() {
    // p = (½, ½), q ∝ (1e300, 1e-300): ½ ln(½) + ½ ln(½ · 1e300/1e-300), q₁ = 1 to 1e-600;
    // ln(1e300/1e-300) from the exact doubles' logarithms
    double expected = 0.5 * Math.log(0.5) + 0.5 * (Math.log(0.5) + Math.log(1e300)
        - Math.log(1e-300));
    assertThat(KlDivergence.of(new double[] {1, 1}, new double[] {1e300, 1e-300}))
        .isCloseTo(expected, within(1e-12 * expected));
    assertThat(KlDivergence.of(new double[] {1, 1}, new double[] {1e-300, 1e300}))
        .isCloseTo(expected, within(1e-12 * expected));
  }
}
