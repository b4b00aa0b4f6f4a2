package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.junit.jupiter.api.Test;

/** {@code CROSS_ENTROPY}: the shared contract (its value for identical sides is H(P), not 0), and values derived by hand. */
class CrossEntropyTest extends AbstractNormalisingMeasureTest {
  @Override
  DivergenceFunction function() {
    return DivergenceFunction.CROSS_ENTROPY;
  }

  @Override
  double identicalValue(double[] w) {
    return Entropy.of(w);
  }

  @Test
  void crossEntropyOfPointMassAgainstUniformIsLn2() {
    // −1·ln ½ = ln 2
    assertThat(CrossEntropy.of(P, Q)).isCloseTo(Math.log(2), within(TOL));
  }

  @Test
  void qZeroWherePPositiveIsInfinite() {
    assertThat(CrossEntropy.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void crossEntropyWithItselfIsTheEntropy() {
    // H(P, P) = H(P); for counts (1, 1, 2): −2·¼ln¼ − ½ln½ = 1.5 ln 2
    assertThat(CrossEntropy.of(new double[] {1, 1, 2}, new double[] {1, 1, 2}))
        .isCloseTo(1.5 * Math.log(2), within(TOL));
  }
}
