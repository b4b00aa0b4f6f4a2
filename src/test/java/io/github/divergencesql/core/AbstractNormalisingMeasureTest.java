package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the measures that normalise each side on their own (every divergence and
 * distance), beyond {@link AbstractPairMeasureTest}'s: scaling either side changes nothing, and
 * totals beyond the double range are exact. The tests of homogeneity do not normalise (their
 * counts are the samples): {@link AbstractHomogeneityTest} has their scaling contract instead.
 */
abstract class AbstractNormalisingMeasureTest extends AbstractPairMeasureTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void totalsBeyondTheDoubleRangeAreExact(Form f) {
    // p sums to 2.5·MAX_VALUE: each side is kept with its own binary exponent, so the value is
    // the one of the same weights scaled down by 2^1000
    double[] p = {Double.MAX_VALUE, Double.MAX_VALUE / 2, Double.MAX_VALUE};
    double[] q = {1, 1, 2};
    double[] small = {Math.scalb(p[0], -1000), Math.scalb(p[1], -1000), Math.scalb(p[2], -1000)};
    Double big = f.value(p, q);
    assertThat(big).isNotNull();
    assertThat(ReferenceCases.relativeError(big, f.value(small, q))).isLessThanOrEqualTo(1e-15);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void scalingEitherSideChangesNothing(Form f) {
    // every measure normalises each side on its own, so p·2^i and q·2^j give the same value,
    // also when the two sides are 2^1900 apart (1e-300 against 1e+270)
    double[] p = {0.2, 0.3, 0.4, 0.1, 0};
    double[] q = {0.1, 0.4, 0.3, 0.2, 0.05};
    Double reference = f.value(p, q);
    int[][] shifts = {{-1000, 0}, {0, -1000}, {900, 0}, {0, 1020}, {-1000, 900}, {960, -1000},
        {-1001, 3}, {-443, 443}};
    for (int[] shift : shifts) {
      Double scaled = f.value(scaled(p, shift[0]), scaled(q, shift[1]));
      if (reference.isInfinite()) {
        assertThat(scaled).isEqualTo(reference);
      } else {
        assertThat(ReferenceCases.relativeError(scaled, reference))
            .as("p·2^%d, q·2^%d: %s vs %s", shift[0], shift[1], scaled, reference)
            .isLessThanOrEqualTo(1e-15);
      }
    }
  }

  private static double[] scaled(double[] w, int k) {
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      s[i] = Math.scalb(w[i], k);
    }
    return s;
  }
}
