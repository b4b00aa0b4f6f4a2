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

  @Test
  void identicalSidesSpanningTheRangeGiveExactlyZero() {
    // was 4.9e-324 (12 of 62 random identical groups with extreme magnitudes): the row 1.9e-115
    // underflowed in the units of 1.4e224, and a stand-in of 2^-1074 for q made c non-zero
    double[] p = {4.40458101802702, 1.435890610837796e224, 2.285538537181612,
        1.8588480328656445e-115, 6.75973637543462, 5.147826192572334};
    assertThat(KlDivergence.of(p, p.clone())).isEqualTo(0.0);
    assertThat(Psi.of(p, p.clone())).isEqualTo(0.0);
    assertThat(HellingerDistance.of(p, p.clone())).isEqualTo(0.0);
    assertThat(JsDivergence.of(p, p.clone())).isEqualTo(0.0);
    assertThat(TotalVariationDistance.of(p, p.clone())).isEqualTo(0.0);
  }

  @Test
  void nearlyEqualSidesAtTheTopOfTheRangeAreNeverNegative() {
    // was −2.2e-322: the log form for a weight 2^-1020 below its total cancelled to a negative.
    // True KL 3.4e-334 (mpmath, wide_range.py) lies below the double range: 0
    double[] p = {1.3759093557920317e308, 2.100049359862939};
    double[] q = {1.3759093557917092e308, 2.1000493598620045};
    assertThat(KlDivergence.of(p, q)).isEqualTo(0.0);
    assertThat(Psi.of(p, q)).isEqualTo(0.0);
  }

  @Test
  void aSideTotalRescaledBelowTheDoubleRangeStillHasRows() {
    // was KL 0.0: q = 4.9e-324 then 1e10 moved q's exponent, the first total became 0 and was
    // taken for "no rows yet". KL = (1/9) ln((1/9)/(4.9e-324/Q)) + (8/9) ln((8/9)/(1e10/Q)),
    // Q = 1e10 + 4.9e-324 = 1e10 in doubles; ln 4.9e-324 = −1074 ln 2 + ln 1 (exact 2^-1074)
    double q1 = -1074 * Math.log(2) - Math.log(1e10);
    double expected = (1.0 / 9) * (Math.log(1.0 / 9) - q1) + (8.0 / 9) * Math.log(8.0 / 9);
    assertThat(KlDivergence.of(new double[] {1, 8}, new double[] {Double.MIN_VALUE, 1e10}))
        .isCloseTo(expected, within(1e-12 * expected));
    assertThat(KlDivergence.of(new double[] {8, 1}, new double[] {1e10, Double.MIN_VALUE}))
        .isCloseTo(expected, within(1e-12 * expected));
  }

  @Test
  void aVaeTermBeyondTheDoubleRangeIsInfinityNotNaN() {
    // was NaN: the compensated sum's error term became Infinity − Infinity
    for (double[] row : new double[][] {{0, 710}, {1e200, 0}}) {
      VaeKl v = new VaeKl();
      v.add(0.5, 0.1);
      v.add(row[0], row[1]);
      assertThat(v.result()).isEqualTo(Double.POSITIVE_INFINITY);
      v.add(1, 1);
      assertThat(v.result()).isEqualTo(Double.POSITIVE_INFINITY);
      VaeKl other = new VaeKl();
      other.add(1, 0);
      assertThat(other.merge(v).result()).isEqualTo(Double.POSITIVE_INFINITY);
    }
  }

  @Test
  void jsDoesNotDependOnWhichRowChoseTheUnits() {
    // was 1.8e-13 apart in the two orders: with 1.1e-294 first, p's units were 2^-978 and the
    // product with q's total 1e-17 went subnormal. p ∝ (ε, 1), q = (0, 1), ε = 1.13e-277:
    // JS = ½ε ln 2 (the other terms cancel to O(ε²))
    double eps = 1.1282464849155186E-294 / 1e-17;
    double expected = eps * Math.log(2) / 2;
    double[] p = {1.1282464849155186E-294, 1e-17};
    double[] q = {0, 1e-17};
    assertThat(JsDivergence.of(p, q)).isCloseTo(expected, within(1e-14 * expected));
    assertThat(JsDivergence.of(new double[] {1e-17, 1.1282464849155186E-294},
        new double[] {1e-17, 0})).isCloseTo(expected, within(1e-14 * expected));
  }
}
