package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.HomogeneityCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code L_INFINITY_DISTANCE}: the shared contract, and values derived by hand. */
class LInfinityDistanceTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.L_INFINITY_DISTANCE;
  }

  @Test
  void pointMassAgainstUniformIsHalf() {
    // max(|1 − ½|, |0 − ½|) = ½
    assertThat(LInfinityDistance.of(P, Q)).isEqualTo(0.5);
  }

  @Test
  void theLargestChangeOfOneShare() {
    // (0.5, 0.3, 0.2) against (0.2, 0.3, 0.5): the first and last shares change by 0.3;
    // (¼, ¼, ¼, ¼) against (½, ¼, ¼, 0): by ¼
    assertThat(LInfinityDistance.of(new double[] {5, 3, 2}, new double[] {2, 3, 5}))
        .isEqualTo(0.3);
    assertThat(LInfinityDistance.of(new double[] {1, 1, 1, 1}, new double[] {2, 1, 1, 0}))
        .isEqualTo(0.25);
  }

  @Test
  void disjointSupportsGiveTheLargestShare() {
    assertThat(LInfinityDistance.of(new double[] {2, 0}, new double[] {0, 5})).isEqualTo(1.0);
    assertThat(LInfinityDistance.of(new double[] {1, 3, 0}, new double[] {0, 0, 1}))
        .isEqualTo(1.0);
    assertThat(LInfinityDistance.of(new double[] {1, 1, 0, 0}, new double[] {0, 0, 1, 1}))
        .isEqualTo(0.5);
  }

  /** homogeneity.txt has mpmath references for this function too. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("referenceCases")
  void agreesWithTheHomogeneityReferences(Form f, HomogeneityCases.Case c) {
    checkHomogeneityReference(f, c);
  }
}
