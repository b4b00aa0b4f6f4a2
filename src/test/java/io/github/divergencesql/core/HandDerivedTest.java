package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values derived by hand from the definitions (each derivation in its comment). */
class HandDerivedTest {
  private static final double[] P = {1, 0};
  private static final double[] Q = {1, 1};
  private static final double TOL = 1e-15;

  @Test
  void klOfPointMassAgainstUniformIsLn2() {
    // p = (1, 0), q = (½, ½): 1·ln(1/½) + 0·ln 0 = ln 2
    assertThat(KlDivergence.of(P, Q)).isCloseTo(Math.log(2), within(TOL));
  }

  @Test
  void qZeroWherePPositiveIsInfinite() {
    // reversed: ½·ln(½/0) = +∞
    assertThat(KlDivergence.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(CrossEntropy.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Psi.of(P, Q)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Psi.of(Q, P)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void jsOfPointMassAgainstUniform() {
    // m = (¾, ¼): D(P‖M) = ln(4/3); D(Q‖M) = ½ln(⅔) + ½ln 2 = ½ln(4/3); JS = ¾·ln(4/3)
    assertThat(JsDivergence.of(P, Q)).isCloseTo(0.75 * Math.log(4.0 / 3), within(TOL));
  }

  @Test
  void crossEntropyOfPointMassAgainstUniformIsLn2() {
    // −1·ln ½ = ln 2
    assertThat(CrossEntropy.of(P, Q)).isCloseTo(Math.log(2), within(TOL));
  }

  @Test
  void crossEntropyWithItselfIsTheEntropy() {
    // H(P, P) = H(P); for counts (1, 1, 2): −2·¼ln¼ − ½ln½ = 1.5 ln 2
    assertThat(CrossEntropy.of(new double[] {1, 1, 2}, new double[] {1, 1, 2}))
        .isCloseTo(1.5 * Math.log(2), within(TOL));
    assertThat(Entropy.of(1, 1, 2)).isCloseTo(1.5 * Math.log(2), within(TOL));
  }

  @Test
  void entropyOfUniformCountsIsLnN() {
    assertThat(Entropy.of(3, 3, 3, 3)).isCloseTo(Math.log(4), within(TOL));
    assertThat(Entropy.of(7)).isEqualTo(0.0);
    assertThat(Entropy.of(0, 0)).isNull();
    assertThat(Entropy.of()).isNull();
  }

  @Test
  void hellingerOfPointMassAgainstUniform() {
    // 1 − √(1·½) = 1 − 1/√2
    assertThat(HellingerDistance.of(P, Q)).isCloseTo(Math.sqrt(1 - Math.sqrt(0.5)), within(TOL));
  }

  @Test
  void totalVariationOfPointMassAgainstUniformIsHalf() {
    // ½(|1 − ½| + |0 − ½|) = ½
    assertThat(TotalVariationDistance.of(P, Q)).isCloseTo(0.5, within(TOL));
  }

  @Test
  void disjointSupportsGiveTheBounds() {
    double[] a = {2, 0};
    double[] b = {0, 5};
    assertThat(JsDivergence.of(a, b)).isCloseTo(Math.log(2), within(TOL));
    assertThat(HellingerDistance.of(a, b)).isCloseTo(1.0, within(TOL));
    assertThat(TotalVariationDistance.of(a, b)).isEqualTo(1.0);
    assertThat(KlDivergence.of(a, b)).isEqualTo(Double.POSITIVE_INFINITY);
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

  @Test
  void vaeKlByHand() {
    VaeKl vae = new VaeKl();
    assertThat(vae.result()).isNull();
    vae.addNullable(null, 0.3); // skipped, SQL-standard
    assertThat(vae.result()).isNull();
    vae.add(1, 0); // ½(1 + 1 − 1 − 0) = ½
    vae.add(0, Math.log(2)); // ½(0 + 2 − 1 − ln 2) = ½(1 − ln 2)
    assertThat(vae.result()).isCloseTo(0.5 + 0.5 * (1 - Math.log(2)), within(TOL));
    VaeKl zero = new VaeKl();
    zero.add(0, 0);
    zero.add(-0.0, 0);
    assertThat(zero.result()).isEqualTo(0.0);
  }

  @Test
  void vaeKlEqualsGaussianKlAgainstStandardNormal() {
    // KL(N(μ, e^{lv}) ‖ N(0, 1)) per dimension
    double mu = 0.3;
    double lv = -0.7;
    VaeKl vae = new VaeKl();
    vae.add(mu, lv);
    assertThat(vae.result()).isCloseTo(GaussianKl.of(mu, Math.exp(lv / 2), 0, 1), within(1e-15));
  }

  @Test
  void vaeKlRejectsNonFiniteInput() {
    VaeKl vae = new VaeKl();
    assertThatThrownBy(() -> vae.add(Double.NaN, 0)).hasMessage("VAE_KL: mu must be finite, got NaN");
    assertThatThrownBy(() -> vae.add(0, Double.POSITIVE_INFINITY))
        .hasMessage("VAE_KL: log_var must be finite, got Infinity");
    assertThat(vae.result()).isNull();
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
