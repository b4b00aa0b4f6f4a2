package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;
import io.github.divergencesql.testing.ReferenceCases.Case;
import io.github.divergencesql.testing.ReferenceCases.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every measure on every reference case, against mpmath at 60 digits: relative error ≤ 1e-12. */
class CoreReferenceTest {
  private static final Map<String, Double> WORST = new TreeMap<>();

  static Stream<Arguments> cases() {
    List<Arguments> list = new ArrayList<>();
    for (Case c : ReferenceCases.CASES) {
      for (Measure m : ReferenceCases.MEASURES) {
        list.add(Arguments.of(c.name() + " " + m.name(), c, m));
      }
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesHighPrecisionReference(String label, Case c, Measure m) {
    double expected = ReferenceCases.expected(c, m.name());
    double actual = m.of().apply(c.p(), c.q());
    double err = ReferenceCases.relativeError(actual, expected);
    synchronized (WORST) {
      WORST.merge(m.name(), err, Math::max);
    }
    assertThat(actual).isGreaterThanOrEqualTo(0.0);
    assertThat(err).as("%s: got %s, want %s", label, actual, expected).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void gaussianKlMatchesReferences() {
    // mpmath, references.py: gaussian_kl(...)
    double[][] cases = {
        {0.5, 1.5, -0.25, 2.0, 1.3924457245178092744e-1},
        {1, 1, 1, 1.0000001, 9.999998345010898954e-15},
        {0, 1e-300, 0, 1, 6.9027552789821370518e+2},
    };
    for (double[] c : cases) {
      double actual = GaussianKl.of(c[0], c[1], c[2], c[3]);
      double err = ReferenceCases.relativeError(actual, c[4]);
      WORST.merge("GAUSSIAN_KL", err, Math::max);
      assertThat(err).as("GAUSSIAN_KL%s", java.util.Arrays.toString(c)).isLessThanOrEqualTo(1e-12);
    }
  }

  @Test
  void vaeKlMatchesReference() {
    // mpmath, references.py: vae_kl([0.5, -1, 0.001], [0.2, -0.5, 1e-6])
    VaeKl vae = new VaeKl();
    vae.add(0.5, 0.2);
    vae.add(-1, -0.5);
    vae.add(0.001, 1e-6);
    double err = ReferenceCases.relativeError(vae.result(), 6.8896720893665163007e-1);
    WORST.merge("VAE_KL", err, Math::max);
    assertThat(err).isLessThanOrEqualTo(1e-12);
  }

  @AfterAll
  static void printWorstErrors() {
    System.out.println("Worst relative error against the mpmath references:");
    WORST.forEach((k, v) -> System.out.printf("  %-26s %.3e%n", k, v));
  }
}
