package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.HomogeneityCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code JS_DISTANCE}: the shared contract, and values derived by hand. */
class JsDistanceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.JS_DISTANCE;
  }

  @Test
  void pointMassAgainstUniform() {
    // M = (3/4, 1/4): JS = ½ ln(4/3) + ¼ ln(2/3) + ¼ ln 2 = ¾ ln(4/3), so the distance in bits
    // is √(¾ log₂(4/3)) = √(¾ (2 − log₂ 3)) = 0.557923045284143881... (mpmath, 30 digits)
    assertThat(JsDistance.of(P, Q)).isCloseTo(0.5579230452841439, within(2e-16));
  }

  @Test
  void disjointSupportsGiveOne() {
    assertThat(JsDistance.of(new double[] {2, 0}, new double[] {0, 5})).isEqualTo(1.0);
  }

  /** homogeneity.txt has mpmath references for this function too. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("referenceCases")
  void agreesWithTheHomogeneityReferences(Form f, HomogeneityCases.Case c) {
    checkHomogeneityReference(f, c);
  }
}
