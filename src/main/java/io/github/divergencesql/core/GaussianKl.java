package io.github.divergencesql.core;

import static io.github.divergencesql.core.InvalidArgumentException.finite;
import static io.github.divergencesql.core.InvalidArgumentException.sigma;

/**
 * {@code GAUSSIAN_KL(mu1, sigma1, mu2, sigma2)}, a scalar function: the divergence of two normal
 * distributions, KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½, in nats.
 *
 * <ul>
 *   <li>NULL if any argument is NULL (a strict SQL function).
 *   <li>σ ≤ 0, or any NaN or infinite argument, is an error.
 *   <li>Never negative; exactly 0 when μ₁ = μ₂ and σ₁ = σ₂; +Infinity when the true value exceeds
 *       the double range.
 * </ul>
 *
 * <p>Written as ½(e^v − 1 − v) + ½((μ₁ − μ₂)/σ₂)² with v = ln(σ₁²/σ₂²): both terms are
 * non-negative, e^v − 1 − v comes from a series near v = 0, and v itself from
 * log1p((σ₁ − σ₂)/σ₂) when σ₁ and σ₂ are within a factor 2 (σ₁ − σ₂ is then exact), so nearly
 * equal Gaussians keep full relative precision.
 */
public final class GaussianKl {
  static final String NAME = "GAUSSIAN_KL";

  private GaussianKl() {}

  /** The divergence; throws {@link InvalidArgumentException} on bad input. */
  public static double of(double mu1, double sigma1, double mu2, double sigma2) {
    finite(NAME, "mu1", mu1);
    sigma(NAME, "sigma1", sigma1);
    finite(NAME, "mu2", mu2);
    sigma(NAME, "sigma2", sigma2);
    double ratio = sigma1 / sigma2;
    double lnRatio;
    if (ratio >= 0.5 && ratio <= 2) {
      lnRatio = Math.log1p((sigma1 - sigma2) / sigma2);
    } else if (ratio >= Double.MIN_NORMAL && ratio < Double.POSITIVE_INFINITY) {
      lnRatio = Math.log(ratio);
    } else {
      lnRatio = Math.log(sigma1) - Math.log(sigma2);
    }
    double z = (mu1 - mu2) / sigma2;
    return 0.5 * Numerics.expm1MinusX(2 * lnRatio) + 0.5 * (z * z);
  }

  /** The SQL form: NULL when any argument is NULL. */
  public static Double ofNullable(Number mu1, Number sigma1, Number mu2, Number sigma2) {
    if (mu1 == null || sigma1 == null || mu2 == null || sigma2 == null) {
      return null;
    }
    return of(mu1.doubleValue(), sigma1.doubleValue(), mu2.doubleValue(), sigma2.doubleValue());
  }
}
