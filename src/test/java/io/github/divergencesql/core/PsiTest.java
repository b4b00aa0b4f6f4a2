package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code PSI}: the shared contract, and values derived by hand. */
class PsiTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.PSI;
  }

  @Test
  void anOutcomeMissingOnEitherSideIsInfinite() {
    assertThat(Psi.of(P, Q)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Psi.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void seedExampleIsBothDirectionsOfKl() {
    // Σ (p − q) ln(p/q) = 0.1ln2 + 0.1ln(4/3) + 0.1ln(4/3) + 0.1ln2 = 0.2·ln(8/3)
    double[] p = {0.2, 0.3, 0.4, 0.1};
    double[] q = {0.1, 0.4, 0.3, 0.2};
    assertThat(Psi.of(p, q)).isCloseTo(0.2 * Math.log(8.0 / 3), within(1e-16));
  }
}
