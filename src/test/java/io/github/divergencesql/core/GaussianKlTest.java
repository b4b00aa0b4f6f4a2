package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@code GAUSSIAN_KL}: values derived by hand, and the argument checks. */
class GaussianKlTest {
  private static final double TOL = 1e-15;

  @Test
  void gaussianKlByHand() {
    assertThat(GaussianKl.of(0, 1, 0, 1)).isEqualTo(0.0);
    assertThat(GaussianKl.of(3.5, 2, 3.5, 2)).isEqualTo(0.0);
    // ln(1/1) + (1 + 1)/2 − ½ = ½
    assertThat(GaussianKl.of(1, 1, 0, 1)).isCloseTo(0.5, within(TOL));
    // ln 2 + 1/8 − ½
    assertThat(GaussianKl.of(0, 1, 0, 2)).isCloseTo(Math.log(2) - 0.375, within(TOL));
    assertThat(GaussianKl.ofNullable(0, null, 0, 1)).isNull();
  }

  @Test
  void gaussianKlRejectsBadSigmaAndNonFiniteInput() {
    assertThatThrownBy(() -> GaussianKl.of(0, 0, 0, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("GAUSSIAN_KL: sigma1 must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> GaussianKl.of(0, 1, 0, -2))
        .hasMessage("GAUSSIAN_KL: sigma2 must be finite and > 0, got -2.0");
    assertThatThrownBy(() -> GaussianKl.of(Double.NaN, 1, 0, 1))
        .hasMessage("GAUSSIAN_KL: mu1 must be finite, got NaN");
    assertThatThrownBy(() -> GaussianKl.of(0, 1, Double.NEGATIVE_INFINITY, 1))
        .hasMessage("GAUSSIAN_KL: mu2 must be finite, got -Infinity");
    assertThatThrownBy(() -> GaussianKl.of(0, Double.POSITIVE_INFINITY, 0, 1))
        .hasMessageContaining("sigma1");
  }
}
