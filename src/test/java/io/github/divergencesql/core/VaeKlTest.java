package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@code VAE_KL}: values derived by hand. */
class VaeKlTest {
  private static final double TOL = 1e-15;

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
}
