package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two-sample tests scipy has (Mann–Whitney U, Welch's t, Anderson–Darling, Cramér–von Mises,
 * energy distance) against scipy 1.17.1 itself (two_sample_tests.py, every method choice and its
 * boundary sizes, ties, too few values): every case in any row order, split and merged, and
 * through the state codec.
 */
class TwoSampleTestsTest {
  static final List<DivergenceFunction> FUNCTIONS = List.of(
      DivergenceFunction.MANN_WHITNEY_U_STATISTIC, DivergenceFunction.MANN_WHITNEY_U_PVALUE,
      DivergenceFunction.WELCH_T_STATISTIC, DivergenceFunction.WELCH_T_PVALUE,
      DivergenceFunction.ANDERSON_DARLING_STATISTIC, DivergenceFunction.ANDERSON_DARLING_PVALUE,
      DivergenceFunction.CRAMER_VON_MISES_STATISTIC, DivergenceFunction.CRAMER_VON_MISES_PVALUE,
      DivergenceFunction.ENERGY_DISTANCE);
  private static final Map<String, List<Double>> X = new LinkedHashMap<>();
  private static final Map<String, List<Double>> Y = new LinkedHashMap<>();
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    try {
      for (String line : Files.readAllLines(
          Path.of("src/test/resources/reference/two_sample_tests.txt"))) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "x" -> X.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.valueOf(f[2]));
          case "y" -> Y.computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.valueOf(f[2]));
          default -> EXPECTED.put(f[0] + " " + f[1], f[2]);
        }
      }
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String name : X.keySet()) {
      for (DivergenceFunction f : FUNCTIONS) {
        all.add(Arguments.of(name, f));
      }
    }
    return all.stream();
  }

  /**
   * Relative tolerance: scipy's own last digits; Welch's far tail (2e-239), where Commons' t
   * distribution and scipy's stdtr part at 4e-12; and for the Cramér–von Mises asymptotic
   * p-value, 1 − F∞ as scipy forms it, an absolute 3e-15 too (both lose F∞'s last digits there:
   * 2.8377702e-9 against scipy's 2.8377715e-9).
   */
  private static double tolerance(DivergenceFunction f, double expected) {
    return switch (f) {
      case CRAMER_VON_MISES_PVALUE -> 1e-12 + 3e-15 / Math.abs(expected);
      // ours is exact before its one rounding; scipy's float U/(kN) − (4k − 1)/(6N) cancels:
      // case large, 0.2878304151515749 against the exact 0.28783041515151514 (Python fractions)
      case CRAMER_VON_MISES_STATISTIC -> 1e-12;
      case WELCH_T_PVALUE -> 1e-11;
      case ANDERSON_DARLING_PVALUE, MANN_WHITNEY_U_PVALUE -> 1e-12;
      default -> 1e-13;
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesScipyInAnyOrderSplitAndThroughTheCodec(String name, DivergenceFunction f) {
    String want = EXPECTED.get(name + " " + f.name());
    List<Double[]> rows = new ArrayList<>();
    List<Double> x = X.get(name);
    List<Double> y = Y.get(name);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      rows.add(new Double[] {i < x.size() ? x.get(i) : null, i < y.size() ? y.get(i) : null});
    }
    Random random = new Random(5);
    for (int trial = 0; trial < 4; trial++) {
      if (trial > 0) {
        Collections.shuffle(rows, random);
      }
      int split = trial == 0 ? rows.size() : random.nextInt(rows.size() + 1);
      Accumulator a = f.newAccumulator(2);
      Accumulator b = f.newAccumulator(2);
      for (int i = 0; i < rows.size(); i++) {
        f.addRow(i < split ? a : b, rows.get(i)[0], rows.get(i)[1]);
      }
      if (trial == 3) {
        a = StateCodec.fromBytes(f, 2, StateCodec.toBytes(f, 2, a));
      }
      @SuppressWarnings("unchecked")
      Double got = (Double) a.merge(b).result();
      if (want.equals("NULL")) {
        assertThat(got).as("%s %s", name, f).isNull();
      } else {
        double expected = want.equals("-inf") ? Double.NEGATIVE_INFINITY
            : want.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(want);
        assertThat(got).as("%s %s", name, f).isNotNull();
        if (expected == 0 || Double.isInfinite(expected)) {
          assertThat(got).as("%s %s", name, f).isEqualTo(expected);
        } else {
          assertThat(Math.abs(got - expected) / Math.abs(expected))
              .as("%s %s: got %s, want %s", name, f, got, expected)
              .isLessThanOrEqualTo(tolerance(f, expected));
        }
      }
    }
  }

  @Test
  void everyCaseHasEveryFunction() {
    assertThat(X).hasSize(16);
    for (String name : X.keySet()) {
      for (DivergenceFunction f : FUNCTIONS) {
        assertThat(EXPECTED).containsKey(name + " " + f.name());
      }
    }
  }

  @Test
  void emptySidesAreNullAndBadValuesOurErrors() {
    for (DivergenceFunction f : FUNCTIONS) {
      Accumulator<?> a = f.newAccumulator(2);
      assertThat(a.result()).as(f.name()).isNull();
      f.addRow(a, 1.0, null);
      f.addRow(a, 2.0, null);
      f.addRow(a, null, null);
      assertThat(a.result()).as(f.name()).isNull(); // y has no value
      assertThatThrownBy(() -> f.addRow(f.newAccumulator(2), Double.NaN, 1.0))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage(f.name() + ": x must be finite, got NaN");
      assertThatThrownBy(() -> f.addRow(f.newAccumulator(2), 1.0, Double.NEGATIVE_INFINITY))
          .hasMessage(f.name() + ": y must be finite, got -Infinity");
    }
  }

  @Test
  void mannWhitneysExactDistributionByHand() {
    // 2 values against 2: the C(4, 2) = 6 orderings give U = 0, 1, 2, 2, 3, 4: P(U <= 1) = 2/6
    assertThat(MannWhitneyU.exactCdf(1, 2, 2)).isEqualTo(2.0 / 6);
    assertThat(MannWhitneyU.exactCdf(2, 2, 2)).isEqualTo(4.0 / 6);
    // 1 value against b: U is uniform on 0 .. b
    assertThat(MannWhitneyU.exactCdf(3, 1, 9)).isEqualTo(0.4);
    // 8 values against 100,000 (scipy: exact, as min(n, m) <= 8): a table of U up to 2^24
    // entries, not Commons' (n + 1)(m + 1) min(U) cache; P(U = 0) = 1/C(100008, 8) (Python: float(math.comb(100008, 8)))
    assertThat(MannWhitneyU.exactCdf(0, 8, 100_000) * 2.4810517227295044e35)
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void theCramerVonMisesLimitAtScipysPoints() {
    // scipy 1.17.1 _cdf_cvm_inf(x) at 0.1, 0.2, 0.461, 1.0
    double[][] points = {{0.1, 0.4151265615932029}, {0.2, 0.7325295694592229},
        {0.461, 0.9498928727982415}, {1.0, 0.9975395478198642}};
    for (double[] p : points) {
      assertThat(CramerVonMises.limitingCdf(p[0])).as("x %s", p[0])
          .isCloseTo(p[1], org.assertj.core.api.Assertions.within(1e-14));
    }
    // Python's float floor division, on which the exact threshold turns
    assertThat(CramerVonMises.floorDivide(7.0, 2.0)).isEqualTo(3.0);
    assertThat(CramerVonMises.floorDivide(-7.0, 2.0)).isEqualTo(-4.0);
    assertThat(CramerVonMises.floorDivide(1.0, 0.1)).isEqualTo(9.0); // Python: 1.0 // 0.1 == 9.0
  }

  @Test
  void welchOnConstantSamplesInAnyOrderAndSplit() {
    // scipy 1.17.1: ttest_ind([1.1]*20, [1.1]*20, equal_var=False) is nan (NULL here);
    // [0.3]*20 against [0.7]*20 gives t = -inf, p = 0. Was 0.0, and -1.4e17, and order-dependent
    // (review: the variance of a constant sample rounded above 0)
    for (double[] pair : new double[][] {{1.1, 1.1}, {0.3, 0.7}}) {
      for (int split : new int[] {20, 10, 7, 0}) {
        WelchT[] t = {WelchT.statistic(), WelchT.statistic()};
        WelchT[] p = {WelchT.pValue(), WelchT.pValue()};
        for (int i = 0; i < 20; i++) {
          t[i < split ? 0 : 1].addNullable(pair[0], pair[1]);
          p[i < split ? 0 : 1].addNullable(pair[0], pair[1]);
        }
        Double statistic = t[1].merge(t[0]).result();
        Double pValue = p[0].merge(p[1]).result();
        if (pair[0] == pair[1]) {
          assertThat(statistic).as("split %d", split).isNull();
          assertThat(pValue).as("split %d", split).isNull();
        } else {
          assertThat(statistic).as("split %d", split).isEqualTo(Double.NEGATIVE_INFINITY);
          assertThat(pValue).as("split %d", split).isEqualTo(0.0);
        }
      }
    }
  }

  @Test
  void welchFarFromZeroKeepsItsDigits() {
    // x = 1.7e12 + i/1000, y = 1.7e12 + i/1000 + 0.05 (i < 1000): the deviations are shifted
    // by the first value, so the squares do not carry 1.7e12^2. Exact t (mpmath, 50 digits, from
    // the exact binary values): see below; scipy 1.17.1 gives the same to 1e-9
    WelchT t = WelchT.statistic();
    double[] xs = new double[1000];
    double[] ys = new double[1000];
    for (int i = 0; i < 1000; i++) {
      xs[i] = 1.7e12 + i / 1000.0;
      ys[i] = 1.7e12 + i / 1000.0 + 0.05;
      t.addNullable(xs[i], ys[i]);
    }
    double expected = exactWelch(xs, ys);
    assertThat(Math.abs(t.result() - expected) / Math.abs(expected)).isLessThan(1e-12);
  }

  /** Welch's t in BigDecimal from the exact values (a reference independent of WelchT). */
  private static double exactWelch(double[] xs, double[] ys) {
    java.math.MathContext mc = new java.math.MathContext(60);
    java.math.BigDecimal[] mean = new java.math.BigDecimal[2];
    java.math.BigDecimal[] varN = new java.math.BigDecimal[2];
    double[][] sides = {xs, ys};
    for (int s = 0; s < 2; s++) {
      java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
      for (double v : sides[s]) {
        sum = sum.add(new java.math.BigDecimal(v));
      }
      java.math.BigDecimal n = java.math.BigDecimal.valueOf(sides[s].length);
      mean[s] = sum.divide(n, mc);
      java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
      for (double v : sides[s]) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).subtract(mean[s]);
        ss = ss.add(d.multiply(d));
      }
      varN[s] = ss.divide(n.subtract(java.math.BigDecimal.ONE), mc).divide(n, mc);
    }
    return mean[0].subtract(mean[1]).divide(varN[0].add(varN[1]).sqrt(mc), mc).doubleValue();
  }

  @Test
  void welchValuesTooFarApartAreOurError() {
    WelchT t = WelchT.statistic();
    t.addNullable(1.0, 1.0);
    assertThatThrownBy(() -> t.addNullable(1e160, 2.0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("WELCH_T_STATISTIC: x is too far from the sample's other values");
  }

  @Test
  void cramerVonMisesOnLargeSamplesIsExactBeforeItsRounding() {
    // x = 0..n-1 interleaved with y = 0.5..n-0.5 (n = 200,000 a side): ranks 2i-1 and 2i, so
    // 2(r - i) = 2i - 2 - ... by hand: every x has rank 2i - 1, every y 2j; U = n Σ(i-1)^2 +
    // n Σ j^2, T = U/(n^2 2n) - (4n^2 - 1)/(12 n), in exact rationals (BigDecimal) below
    int n = 200_000;
    double[] xs = new double[n];
    double[] ys = new double[n];
    java.math.BigInteger sx = java.math.BigInteger.ZERO;
    java.math.BigInteger sy = java.math.BigInteger.ZERO;
    for (int i = 1; i <= n; i++) {
      xs[i - 1] = i - 1;
      ys[i - 1] = i - 0.5;
      sx = sx.add(java.math.BigInteger.valueOf(i - 1).pow(2));
      sy = sy.add(java.math.BigInteger.valueOf(i).pow(2));
    }
    java.math.BigInteger nn = java.math.BigInteger.valueOf(n);
    java.math.BigInteger k = nn.multiply(nn);
    java.math.BigInteger u = nn.multiply(sx.add(sy));
    // T = (6U - k(4k - 1)) / (6 k N), N = 2n
    double expected = new java.math.BigDecimal(u.multiply(java.math.BigInteger.valueOf(6))
        .subtract(k.multiply(k.shiftLeft(2).subtract(java.math.BigInteger.ONE))))
        .divide(new java.math.BigDecimal(k.multiply(java.math.BigInteger.valueOf(12L * n))),
            java.math.MathContext.DECIMAL128).doubleValue();
    CramerVonMises c = CramerVonMises.statistic();
    for (int i = 0; i < n; i++) {
      c.addNullable(xs[i], ys[i]);
    }
    assertThat(c.result()).isEqualTo(expected);
  }

  @Test
  void cramerVonMisesExactAtNineteenByTwenty() {
    // scipy 1.17.1: cramervonmises_2samp([0.37 i for i < 19], [0.41 i + 0.2 for i < 20]):
    // statistic 0.11063877642825037, p 0.5567282463398922 (exact: max(n, m) = 20); the
    // lattice of lcm 380 took 1.8 s with boxed maps, sorted arrays take 0.1 s
    CramerVonMises p = CramerVonMises.pValue();
    for (int i = 0; i < 20; i++) {
      p.addNullable(i < 19 ? i * 0.37 : null, i * 0.41 + 0.2);
    }
    assertThat(p.result()).isCloseTo(0.5567282463398922,
        org.assertj.core.api.Assertions.within(1e-15));
  }

  @Test
  void welchAndEnergyByHand() {
    // x = (1, 2, 3), y = (4, 5, 6): means 2 and 5, variances 1: t = -3/sqrt(1/3 + 1/3)
    WelchT t = WelchT.statistic();
    EnergyDistance e = new EnergyDistance();
    double[][] rows = {{0, 5}, {1, 6}, {3, 8}};
    for (int i = 0; i < 3; i++) {
      t.addNullable(i + 1.0, i + 4.0);
      e.addNullable(rows[i][0], rows[i][1]);
    }
    assertThat(t.result()).isCloseTo(-3 / Math.sqrt(2.0 / 3),
        org.assertj.core.api.Assertions.within(1e-15));
    // x = (0, 1, 3), y = (5, 6, 8): F_x - F_y is 1/3, 2/3, 1, 2/3, 1/3 on gaps of width 1, 2, 2,
    // 1, 2: the integral of its square is 11/3, the distance sqrt(2 * 11/3) = sqrt(22/3)
    assertThat(e.result()).isCloseTo(Math.sqrt(22.0 / 3),
        org.assertj.core.api.Assertions.within(1e-15));
  }
}
