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
}
