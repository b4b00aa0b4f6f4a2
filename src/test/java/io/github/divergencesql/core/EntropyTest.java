package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@code ENTROPY}: values derived by hand ({@code ENTROPY_BY}'s are in KeyedAndSmoothedTest). */
class EntropyTest {
  private static final double TOL = 1e-15;

  @Test
  void entropyOfUniformCountsIsLnN() {
    assertThat(Entropy.of(3, 3, 3, 3)).isCloseTo(Math.log(4), within(TOL));
    assertThat(Entropy.of(7)).isEqualTo(0.0);
    assertThat(Entropy.of(0, 0)).isNull();
    assertThat(Entropy.of()).isNull();
  }

  @Test
  void entropyOfCounts112() {
    // −2·¼ln¼ − ½ln½ = 1.5 ln 2
    assertThat(Entropy.of(1, 1, 2)).isCloseTo(1.5 * Math.log(2), within(TOL));
  }

  @Test
  void weightsAtBothEndsOfTheRange() {
    // (1e300, 1e-300, 1e300): p = (½, 1e-600/2, ½) to double precision: ln 2, the middle
    // term (1e-600 · 1382) far below its last bit
    assertThat(Entropy.of(1e300, 1e-300, 1e300)).isCloseTo(Math.log(2), within(TOL));
    assertThat(Entropy.of(1e-300, 1e300, 1e300)).isCloseTo(Math.log(2), within(TOL));
    // a subnormal and 1e308: −p₁ ln p₁ with p₁ = 2^-1074/1e308, about 1e-629: 0
    assertThat(Entropy.of(Double.MIN_VALUE, 1e308)).isEqualTo(0.0);
  }

  @Test
  void entropyRejectsBadWeights() {
    Entropy h = new Entropy();
    assertThatThrownBy(() -> h.add(-1)).hasMessage(
        "ENTROPY: p must be a finite non-negative weight, got -1.0");
    h.addNullable(null);
    assertThat(h.result()).isNull();
  }
}
