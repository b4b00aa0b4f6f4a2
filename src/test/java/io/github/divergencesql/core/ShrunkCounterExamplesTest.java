package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Inputs that jqwik shrank from failures of DivergencePropertiesTest, kept as named cases; each
 * comment says what was wrong. Expected values by hand.
 */
class ShrunkCounterExamplesTest {
  private static final double TINY = Double.MIN_VALUE; // 4.9e-324, a subnormal

  @Test
  void aSubnormalTotalDoesNotOverflowTheSideScale() {
    // was NaN: JS scaled a total of 4.9e-324 by 2^1024 = Infinity
    double[] p = {TINY};
    assertThat(JsDivergence.of(p, p.clone())).isEqualTo(0.0);
    assertThat(TotalVariationDistance.of(p, p.clone())).isEqualTo(0.0);
    assertThat(KlDivergence.of(p, p.clone())).isEqualTo(0.0);
  }

  @Test
  void aRowFarBelowBothTotalsAddsNothing() {
    // was NaN in JS: the row's weighted sum underflowed to 0 and 0/0 followed
    double[] p = {1e-17, TINY};
    assertThat(JsDivergence.of(p, p.clone())).isEqualTo(0.0);
  }

  @Test
  void aQWeightFarBelowItsTotalGivesAFiniteKl() {
    // was NaN: φ's argument p/q overflowed. p = (0, 1), q ∝ (1e-17, 4.9e-324):
    // KL = ln(Q / q₂) = ln(1e-17 + 4.9e-324) − ln(4.9e-324)
    double[] p = {0, TINY};
    double[] q = {1e-17, TINY};
    assertThat(KlDivergence.of(p, q))
        .isCloseTo(Math.log(1e-17) - Math.log(TINY), within(1e-12));
  }

  @Test
  void aRatioRoundedBelowMinusOneIsClampedNotNaN() {
    // was NaN: with q subnormal, c/w came out a hair below −1 and log1p(x < −1) is NaN.
    // p ∝ (1, 2, 2, 0), q uniform: KL = 0.2 ln 0.8 + 2 · 0.4 ln 1.6
    double[] p = {4.909093465297727E-108, 9.818186930595454E-108, 9.818186930595454E-108, 0};
    double[] q = {9.33265E-319, 9.33265E-319, 9.33265E-319, 9.33265E-319};
    double expected = 0.2 * Math.log(0.8) + 0.8 * Math.log(1.6);
    assertThat(KlDivergence.of(p, q)).isCloseTo(expected, within(1e-15));
    assertThat(Psi.of(q, p)).isEqualTo(Double.POSITIVE_INFINITY);
  }
  @Test
  void aWeightFarBelowItsSideTotalDoesNotMakeNaN() {
    // was NaN: y·(A + x) underflowed to 0 for a subnormal weight next to 0.5, and 0/0 followed.
    // p = q except one outcome with q > 0 = p, so KL(P‖Q) is finite, PSI infinite
    double[] p = {0, 0.4999899731198106, 1.5224e-13, 1.002688002114e-5, TINY};
    double[] q = {1.4e-16, 0.4999899731198106, 1.5224e-13, 1.002688002114e-5, TINY};
    assertThat(KlDivergence.of(p, q)).isFinite().isGreaterThanOrEqualTo(0.0);
    assertThat(Psi.of(p, q)).isEqualTo(Double.POSITIVE_INFINITY);
    // p has mass where q is 2^-1074 next to 0.5: KL = p₂ ln(p₂/q₂) with q₂ = 4.9e-324/0.5
    double[] p2 = {0.5, 0.5};
    double[] q2 = {0.5, TINY};
    double expected = 0.5 * Math.log(0.5 / 1.0) + 0.5 * (Math.log(0.5) - Math.log(TINY / 0.5));
    assertThat(KlDivergence.of(p2, q2)).isCloseTo(expected, within(1e-12));
  }
}
