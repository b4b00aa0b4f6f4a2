package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every two-sided measure shares (Trino's AbstractTestAggregationFunction idea: one
 * base, many measures): NULL rules, empty and zero-total groups, bad input, exact zero, merging
 * in any split, and results that read without changing the state.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class PairMeasureContractTest {

  static Stream<Arguments> measures() {
    return Stream.of(
        Arguments.of("KL_DIVERGENCE", (Supplier<PairMeasure>) KlDivergence::new, true),
        Arguments.of("JS_DIVERGENCE", (Supplier<PairMeasure>) JsDivergence::new, true),
        Arguments.of("CROSS_ENTROPY", (Supplier<PairMeasure>) CrossEntropy::new, false),
        Arguments.of("PSI", (Supplier<PairMeasure>) Psi::new, true),
        Arguments.of("HELLINGER_DISTANCE", (Supplier<PairMeasure>) HellingerDistance::new, true),
        Arguments.of("TOTAL_VARIATION_DISTANCE",
            (Supplier<PairMeasure>) TotalVariationDistance::new, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void emptyGroupAndAllNullRowsGiveNull(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    PairMeasure m = f.get();
    assertThat(m.result()).isNull();
    m.addNullable(null, null);
    m.addNullable(null, null);
    assertThat(m.result()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void aSideWithZeroTotalGivesNull(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    PairMeasure noP = f.get();
    noP.add(0, 1);
    noP.addNullable(null, 2);
    assertThat(noP.result()).isNull();
    PairMeasure noQ = f.get();
    noQ.add(1, 0);
    noQ.addNullable(3, null);
    assertThat(noQ.result()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void aNullOnOneSideIsZeroMass(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    PairMeasure withNulls = f.get();
    withNulls.addNullable(0.5, 0.25);
    withNulls.addNullable(null, 0.25);
    withNulls.addNullable(0.5, 0.5);
    withNulls.addNullable(null, null);
    PairMeasure withZeros = f.get();
    withZeros.add(0.5, 0.25);
    withZeros.add(0, 0.25);
    withZeros.add(0.5, 0.5);
    assertThat(withNulls.result()).isEqualTo(withZeros.result());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void identicalDistributionsGiveExactlyZero(String name, Supplier<PairMeasure> f,
      boolean zeroAtP) {
    if (!zeroAtP) {
      return; // cross-entropy of P with itself is H(P), tested in HandDerivedTest
    }
    Random r = new Random(7);
    PairMeasure m = f.get();
    for (int i = 0; i < 500; i++) {
      double w = r.nextDouble() * Math.pow(10, r.nextInt(30) - 15);
      m.add(w, w);
    }
    assertThat(m.result()).isEqualTo(0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void badWeightsAreRejectedNamingFunctionAndValue(String name, Supplier<PairMeasure> f,
      boolean zeroAtP) {
    double[] bad = {-1e-300, -2.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (double b : bad) {
      PairMeasure m = f.get();
      m.add(0.5, 0.5);
      assertThatThrownBy(() -> m.add(b, 0.5))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith(name + ": p ")
          .hasMessageContaining(String.valueOf(b));
      assertThatThrownBy(() -> m.addNullable(0.5, b))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith(name + ": q ")
          .hasMessageContaining(String.valueOf(b));
      m.add(0.5, 0.5); // nothing half-written: the state still holds only the good rows
      PairMeasure clean = f.get();
      clean.add(0.5, 0.5);
      clean.add(0.5, 0.5);
      assertThat(m.result()).isEqualTo(clean.result());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void totalsBeyondTheDoubleRangeAreExact(String name, Supplier<PairMeasure> f,
      boolean zeroAtP) {
    // p sums to 2.5·MAX_VALUE: each side is kept with its own binary exponent, so the value is
    // the one of the same weights scaled down by 2^1000
    double[] p = {Double.MAX_VALUE, Double.MAX_VALUE / 2, Double.MAX_VALUE};
    double[] q = {1, 1, 2};
    PairMeasure big = f.get();
    PairMeasure small = f.get();
    for (int i = 0; i < p.length; i++) {
      big.add(p[i], q[i]);
      small.add(Math.scalb(p[i], -1000), q[i]);
    }
    assertThat(big.result()).isNotNull();
    assertThat(ReferenceCases.relativeError(big.result(), small.result()))
        .isLessThanOrEqualTo(1e-15);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void mergingPartsInAnySplitGivesTheSinglePassValue(String name, Supplier<PairMeasure> f,
      boolean zeroAtP) {
    Random r = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(300);
      double[] p = new double[n];
      double[] q = new double[n];
      boolean nearlySame = r.nextBoolean();
      for (int i = 0; i < n; i++) {
        q[i] = r.nextInt(10) == 0 ? 0 : r.nextDouble() * 100;
        p[i] = nearlySame ? q[i] * (1 + 1e-9 * r.nextGaussian()) : r.nextDouble() * 3;
        if (!nearlySame && r.nextInt(10) == 0) {
          p[i] = 0;
        }
      }
      PairMeasure single = f.get();
      for (int i = 0; i < n; i++) {
        single.add(p[i], q[i]);
      }
      // cut into random parts, each its own state, then merge them in a random order of pairs
      List<PairMeasure> parts = new ArrayList<>();
      int i = 0;
      while (i < n) {
        int len = 1 + r.nextInt(n - i);
        PairMeasure part = f.get();
        for (int j = i; j < i + len; j++) {
          part.add(p[j], q[j]);
        }
        parts.add(part);
        i += len;
      }
      parts.add(r.nextInt(parts.size() + 1), f.get()); // an empty partial state
      while (parts.size() > 1) {
        int k = r.nextInt(parts.size() - 1);
        PairMeasure merged = (PairMeasure) parts.get(k).merge(parts.remove(k + 1));
        parts.set(k, merged);
      }
      Double expected = single.result();
      Double actual = parts.get(0).result();
      if (expected == null || expected.isInfinite() || expected == 0) {
        assertThat(actual).isEqualTo(expected);
      } else {
        assertThat(ReferenceCases.relativeError(actual, expected))
            .as("trial %d: %s vs %s", trial, actual, expected).isLessThanOrEqualTo(1e-13);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void resultDoesNotChangeTheState(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    PairMeasure m = f.get();
    PairMeasure fresh = f.get();
    double[][] rows = {{0.1, 0.3}, {0.4, 0.2}, {0.5, 0.5}};
    for (double[] row : rows) {
      m.add(row[0], row[1]);
      m.result();
      m.result();
      fresh.add(row[0], row[1]);
    }
    assertThat(m.result()).isEqualTo(fresh.result());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void neverNegativeNorNaN(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    Random r = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      PairMeasure m = f.get();
      int n = 1 + r.nextInt(50);
      for (int i = 0; i < n; i++) {
        double q = Math.scalb(r.nextDouble(), r.nextInt(200) - 100);
        double p = r.nextBoolean() ? q : q * Math.abs(1 + Math.scalb(r.nextGaussian(), -r.nextInt(50)));
        m.add(p, q);
      }
      Double v = m.result();
      assertThat(v).isNotNull().isNotNaN().isGreaterThanOrEqualTo(0.0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("measures")
  void scalingEitherSideChangesNothing(String name, Supplier<PairMeasure> f, boolean zeroAtP) {
    // every measure normalises each side on its own, so p·2^i and q·2^j give the same value,
    // also when the two sides are 2^1900 apart (1e-300 against 1e+270)
    double[] p = {0.2, 0.3, 0.4, 0.1, 0};
    double[] q = {0.1, 0.4, 0.3, 0.2, 0.05};
    Double reference = value(f, p, q, 0, 0);
    int[][] shifts = {{-1000, 0}, {0, -1000}, {900, 0}, {0, 1020}, {-1000, 900}, {960, -1000},
        {-1001, 3}, {-443, 443}};
    for (int[] shift : shifts) {
      Double scaled = value(f, p, q, shift[0], shift[1]);
      if (reference.isInfinite()) {
        assertThat(scaled).isEqualTo(reference);
      } else {
        assertThat(ReferenceCases.relativeError(scaled, reference))
            .as("p·2^%d, q·2^%d: %s vs %s", shift[0], shift[1], scaled, reference)
            .isLessThanOrEqualTo(1e-15);
      }
    }
  }

  private static Double value(Supplier<PairMeasure> f, double[] p, double[] q, int sp, int sq) {
    PairMeasure m = f.get();
    for (int i = 0; i < p.length; i++) {
      m.add(Math.scalb(p[i], sp), Math.scalb(q[i], sq));
    }
    return m.result();
  }
}
