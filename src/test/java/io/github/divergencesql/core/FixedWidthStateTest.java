package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.FixedWidthState.Measure;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.ReferenceCases;
import io.github.divergencesql.testing.WideRangeCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed-width form ({@link FixedWidthState}: a reference ratio per stage instead of a block
 * of rows) against mpmath references (ReferenceCases, random_cases.csv, the wide-range cases) and
 * against the accumulators on data made to stress its stages: near-identical sides with totals
 * 3.7 apart, weights growing a hundredfold, a late row a million times the others, zero bins.
 * Every check runs the rows forward, backward, and split in three states merged.
 */
class FixedWidthStateTest {
  /** The state after the rows in order, in reverse, and split by i mod 3 then merged. */
  private static Double[] results(Measure m, double[] p, double[] q) {
    int n = p.length;
    double[] forward = new double[m.width()];
    double[] backward = new double[m.width()];
    double[][] parts = new double[3][m.width()];
    for (int i = 0; i < n; i++) {
      add(m, forward, p[i], q[i]);
      add(m, backward, p[n - 1 - i], q[n - 1 - i]);
      add(m, parts[i % 3], p[i], q[i]);
    }
    FixedWidthState.merge(m, parts[0], parts[1]);
    FixedWidthState.merge(m, parts[0], parts[2]);
    return new Double[] {FixedWidthState.result(m, forward), FixedWidthState.result(m, backward),
        FixedWidthState.result(m, parts[0])};
  }

  private static void add(Measure m, double[] s, double p, double q) {
    if (m.unary()) {
      FixedWidthState.add(m, s, p);
    } else {
      FixedWidthState.add(m, s, p, q);
    }
  }

  private static void assertClose(Double[] actual, double expected, double tolerance,
      String what) {
    for (Double a : actual) {
      if (expected == 0 || Double.isInfinite(expected)) {
        assertThat(a).as(what).isEqualTo(expected);
      } else {
        assertThat(ReferenceCases.relativeError(a, expected)).as("%s: %s vs %s", what, a,
            expected).isLessThanOrEqualTo(tolerance);
      }
    }
  }

  @Test
  void matchesTheMpmathReferenceCases() {
    for (ReferenceCases.Case c : ReferenceCases.CASES) {
      assertClose(results(Measure.KL_DIVERGENCE, c.p(), c.q()), c.kl(), 1e-14, c.name());
      assertClose(results(Measure.KL_DIVERGENCE, c.q(), c.p()), c.klReverse(), 1e-14, c.name());
      assertClose(results(Measure.CROSS_ENTROPY, c.p(), c.q()), c.crossEntropy(), 1e-14,
          c.name());
      assertClose(results(Measure.ENTROPY, c.p(), c.q()), c.entropy(), 1e-14, c.name());
      assertClose(results(Measure.PSI, c.p(), c.q()), c.psi(), 1e-14, c.name());
      assertClose(results(Measure.HELLINGER_DISTANCE, c.p(), c.q()), c.hellinger(), 1e-14,
          c.name());
    }
  }

  /** random_cases.csv (mpmath at 60 digits), 4 to 50 rows a group; the same 1e-12 as the rest. */
  @Test
  void matchesTheRandomMpmathCases() throws IOException {
    Measure[] measures = {Measure.KL_DIVERGENCE, null, Measure.CROSS_ENTROPY, Measure.ENTROPY,
        Measure.PSI, Measure.HELLINGER_DISTANCE};
    int checked = 0;
    for (String line : Files.readAllLines(
        Path.of("src/test/resources/reference/random_cases.csv"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(";");
      double[] p = Arrays.stream(f[1].split(",")).mapToDouble(Double::parseDouble).toArray();
      double[] q = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray();
      for (int i = 0; i < measures.length; i++) {
        if (measures[i] != null) {
          double expected = f[3 + i].equals("inf") ? Double.POSITIVE_INFINITY
              : Double.parseDouble(f[3 + i]);
          assertClose(results(measures[i], p, q), expected, 1e-12, f[0] + " " + measures[i]);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(200 * 5);
  }

  @Test
  void matchesTheWideRangeReferences() {
    Measure[] measures = {Measure.KL_DIVERGENCE, Measure.CROSS_ENTROPY, Measure.PSI, null,
        Measure.HELLINGER_DISTANCE, null, Measure.ENTROPY};
    for (WideRangeCases.Case c : WideRangeCases.CASES) {
      double[] p = Arrays.stream(c.rows()).mapToDouble(r -> r[0]).toArray();
      double[] q = Arrays.stream(c.rows()).mapToDouble(r -> r[1]).toArray();
      for (int i = 0; i < measures.length; i++) {
        if (measures[i] != null) {
          for (Double result : results(measures[i], p, q)) {
            double expected = c.expected()[i];
            double a = result;
            if (measures[i] == Measure.HELLINGER_DISTANCE) { // as H², the quantity computed
              a *= a;
              expected *= expected;
            }
            assertThat(a).as("%s %s", c, measures[i]).isGreaterThanOrEqualTo(0.0);
            assertThat(Math.abs(a - expected)).as("%s %s: %s vs %s", c, measures[i], a,
                expected).isLessThanOrEqualTo(1e-12 * expected + 1e-300);
          }
        }
      }
    }
  }

  /**
   * Divergences far below ρ's own rounding (1e-16, squared 1e-32): half the rows one ulp apart
   * (p = 1 + 2^-52 against q = 1), KL 6e-33; the stage's terms are taken against A₀/B₀ exactly.
   * mpmath at 120 digits: KL 6.1629758220391533613e-33, PSI 1.2325951644078306723e-32,
   * Hellinger 3.9252311467094372127e-17.
   */
  @Test
  void divergencesNear1e32KeepTheirPrecision() {
    double[] p = new double[100];
    double[] q = new double[100];
    for (int i = 0; i < 100; i++) {
      p[i] = i % 2 == 1 ? 1 + 0x1p-52 : 1;
      q[i] = 1;
    }
    assertClose(results(Measure.KL_DIVERGENCE, p, q), 6.1629758220391533613e-33, 1e-14, "KL");
    assertClose(results(Measure.PSI, p, q), 1.2325951644078306723e-32, 1e-14, "PSI");
    assertClose(results(Measure.HELLINGER_DISTANCE, p, q), 3.9252311467094372127e-17, 1e-14,
        "Hellinger");
    // found by DivergencePropertiesTest while ρ was a rounded double (KL came out 2.4e-49): a
    // dominant row one ulp apart beside rows down to 1e-65, eight times over; mpmath at 200
    // digits: 7.1436711959300354749e-68
    double[] rp = {5.70899077082384E28, 0.0, 1.0E-17, 1.0E-17, 3.4359738368E-7,
        1.8991135491519597E-65};
    double[] rq = {5.708990770823839E28, 0.0, 1.0E-17, 1.0E-17, 3.4359738368E-7,
        1.8991135491519597E-65};
    double[] p8 = new double[48];
    double[] q8 = new double[48];
    for (int i = 0; i < 48; i++) {
      p8[i] = rp[i % 6];
      q8[i] = rq[i % 6];
    }
    assertClose(results(Measure.KL_DIVERGENCE, p8, q8), 7.1436711959300354749e-68, 1e-14,
        "dominant row");
  }

  private static double[][] data(String kind, int n, long seed) {
    Random r = new Random(seed);
    double[] p = new double[n];
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 0.5 + r.nextDouble();
      double v = 0.5 + r.nextDouble();
      switch (kind) {
        case "random" -> {
          p[i] = u;
          q[i] = v;
        }
        case "scaledNear" -> { // nearly proportional, totals 3.7 apart: T − S cancels most
          p[i] = u;
          q[i] = 3.7 * u * (1 + Math.scalb(r.nextGaussian(), -20 - r.nextInt(20)));
        }
        case "mixed" -> {
          p[i] = u;
          q[i] = u * (1 + 0.125 * r.nextGaussian());
        }
        case "zeros" -> {
          p[i] = r.nextInt(4) == 0 ? 0 : u;
          q[i] = r.nextInt(9) == 0 ? 0 : v;
        }
        case "growing" -> { // a new stage every few rows
          p[i] = u * Math.pow(1.01, i);
          q[i] = v * Math.pow(1.012, i);
        }
        case "lateGiant" -> { // one row a million times the rest: pooled, not a term
          p[i] = i == n - 10 ? 1e6 * u : u;
          q[i] = i == n - 10 ? 3e6 * v : v;
        }
        case "wide" -> { // weights beyond 2^±300: the group is pooled from there on
          p[i] = i < n / 2 ? u : Math.scalb(u, r.nextInt(1000) - 500);
          q[i] = v;
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
    return new double[][] {p, q};
  }

  /**
   * Against the block-folding accumulators (an independent computation of the same value,
   * checked against mpmath by their own tests): 1e-14 relative.
   */
  @ParameterizedTest
  @ValueSource(strings = {"random", "scaledNear", "mixed", "zeros", "growing", "lateGiant",
      "wide"})
  void agreesWithTheAccumulators(String kind) {
    for (int seed = 0; seed < 5; seed++) {
      double[][] d = data(kind, 3000, seed);
      for (Measure m : Measure.values()) {
        Accumulator<?> acc = DivergenceFunction.valueOf(m.name()).newAccumulator(m.unary() ? 1 : 2);
        for (int i = 0; i < d[0].length; i++) {
          if (m.unary()) {
            ((UnaryAccumulator<?>) acc).add(d[0][i]);
          } else {
            ((BinaryAccumulator<?>) acc).add(d[0][i], d[1][i]);
          }
        }
        Double expected = acc.result();
        assertClose(results(m, d[0], d[1]), expected, 1e-14, kind + " " + m + " seed " + seed);
      }
    }
  }

  /** The two-sided measures (ENTROPY has one side: nothing to compare it with). */
  static Stream<Measure> pairMeasures() {
    return Arrays.stream(Measure.values()).filter(m -> !m.unary());
  }

  @ParameterizedTest
  @MethodSource("pairMeasures")
  void identicalAndProportionalSidesGiveExactlyZero(Measure m) {
    double[][] d = data("random", 2000, 7);
    double[] twice = Arrays.stream(d[0]).map(x -> 2 * x).toArray();
    if (m == Measure.CROSS_ENTROPY) { // H(P, P) = H(P)
      assertClose(results(m, d[0], d[0]), Entropy.of(d[0]), 1e-15, "CE(P, P)");
      return;
    }
    assertThat(results(m, d[0], d[0])).containsOnly(0.0);
    assertThat(results(m, twice, d[0])).containsOnly(0.0);
  }

  /** Under 32 rows every row is pooled as the accumulators pool it: the very same bits. */
  @ParameterizedTest
  @EnumSource(Measure.class)
  void smallGroupsGiveTheAccumulatorsBits(Measure m) {
    double[][] d = data("random", 31, 3);
    Accumulator<?> acc = DivergenceFunction.valueOf(m.name()).newAccumulator(m.unary() ? 1 : 2);
    double[] s = new double[m.width()];
    for (int i = 0; i < 31; i++) {
      add(m, s, d[0][i], d[1][i]);
      if (m.unary()) {
        ((UnaryAccumulator<?>) acc).add(d[0][i]);
      } else {
        ((BinaryAccumulator<?>) acc).add(d[0][i], d[1][i]);
      }
    }
    assertThat(FixedWidthState.result(m, s)).isEqualTo(acc.result());
  }

  @ParameterizedTest
  @EnumSource(Measure.class)
  void emptyGroupsAndEmptySidesAreNull(Measure m) {
    double[] s = new double[m.width()];
    assertThat(FixedWidthState.result(m, s)).isNull();
    add(m, s, 0, 0);
    assertThat(FixedWidthState.result(m, s)).isNull();
    if (!m.unary()) {
      for (int i = 0; i < 100; i++) {
        FixedWidthState.add(m, s, 1 + i, 0);
      }
      assertThat(FixedWidthState.result(m, s)).isNull();
    }
  }

  /** The pivot NULL rule as the accumulators apply it: both NULL no row, one NULL zero mass. */
  @Test
  void nullFlagsFollowTheAccumulatorsNullRule() {
    double[][] d = data("random", 200, 4);
    for (Measure m : Measure.values()) {
      Accumulator<?> acc = DivergenceFunction.valueOf(m.name()).newAccumulator(m.unary() ? 1 : 2);
      double[] s = new double[m.width()];
      for (int i = 0; i < 200; i++) {
        boolean pNull = i % 7 == 0;
        boolean qNull = i % 5 == 0;
        Double p = pNull ? null : d[0][i];
        Double q = qNull ? null : d[1][i];
        if (m.unary()) {
          ((UnaryAccumulator<?>) acc).addNullable(p);
          FixedWidthState.addNullable(m, s, pNull, pNull ? -1 : p);
        } else {
          ((BinaryAccumulator<?>) acc).addNullable(p, q);
          FixedWidthState.addNullable(m, s, pNull, pNull ? -1 : p, qNull, qNull ? -1 : q);
        }
      }
      Double expected = acc.result();
      assertClose(new Double[] {FixedWidthState.result(m, s)}, expected, 1e-14, m.name());
    }
  }

  @Test
  void qZeroWherePPositiveIsInfiniteAfterAStage() {
    double[][] d = data("random", 500, 1);
    for (Measure m : List.of(Measure.KL_DIVERGENCE, Measure.CROSS_ENTROPY, Measure.PSI)) {
      double[] s = new double[m.width()];
      for (int i = 0; i < 500; i++) {
        FixedWidthState.add(m, s, d[0][i], i == 400 ? 0 : d[1][i]);
      }
      assertThat(FixedWidthState.result(m, s)).as("%s", m).isEqualTo(Double.POSITIVE_INFINITY);
    }
  }

  @ParameterizedTest
  @EnumSource(Measure.class)
  void badWeightsFailAsTheAccumulatorsDo(Measure m) {
    double[] s = new double[m.width()];
    for (int i = 0; i < 100; i++) {
      add(m, s, 1 + i, 2 + i);
    }
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      Accumulator<?> acc = DivergenceFunction.valueOf(m.name()).newAccumulator(m.unary() ? 1 : 2);
      String message = null;
      try {
        if (m.unary()) {
          ((UnaryAccumulator<?>) acc).add(bad);
        } else {
          ((BinaryAccumulator<?>) acc).add(1, bad);
        }
      } catch (InvalidArgumentException e) {
        message = e.getMessage();
      }
      assertThat(message).isNotNull();
      double[] before = s.clone();
      assertThatThrownBy(() -> {
        if (m.unary()) {
          FixedWidthState.add(m, s, bad);
        } else {
          FixedWidthState.add(m, s, 1, bad);
        }
      }).isInstanceOf(InvalidArgumentException.class).hasMessage(message);
      assertThat(s).as("nothing half-written").isEqualTo(before);
    }
  }
}
