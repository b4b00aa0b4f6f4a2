package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import io.github.divergencesql.testing.HomogeneityCases;
import io.github.divergencesql.testing.ReferenceCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every two-sided measure shares, run for each of its SQL forms (Trino's
 * AbstractTestAggregationFunction idea: one base, a subclass per measure): the plain form
 * {@code NAME(p, q)}, the smoothed form with α = 0 and the keyed form {@code NAME_BY(key, p, q)}
 * with one key per row, all through {@link DivergenceFunction#addRow} as the engines call it.
 * NULL rules, empty and zero-total groups, one row, bad input, identical sides, totals beyond
 * the double range, merging in any split, and results that read without changing the state.
 * A subclass names its function and adds its hand-derived values; {@code
 * EveryFunctionHasItsTestTest} fails when a declared function has no such subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings({"rawtypes", "unchecked"})
abstract class AbstractPairMeasureTest {
  /** For the subclasses' hand-derived values: a point mass against the uniform pair. */
  static final double[] P = {1, 0};
  static final double[] Q = {1, 1};
  static final double TOL = 1e-15;

  /** The plain two-sided function under test. */
  abstract DivergenceFunction function();

  /** The measure of a weight vector against itself: 0, or H(P) for cross-entropy. */
  double identicalValue(double[] w) {
    return 0.0;
  }

  /** The value for one outcome with weight on both sides: 0, or NULL for a test's p-value. */
  Double oneOutcomeValue() {
    return 0.0;
  }

  /** How far a merged state's value may be from the single pass's, relative. */
  double mergeTolerance() {
    return 1e-13;
  }

  /** One SQL form of the measure. */
  record Form(DivergenceFunction function, int arity) {
    Accumulator create() {
      return function.newAccumulator(arity);
    }

    /** Adds row number {@code row} with weights p and q (null for SQL NULL). */
    void add(Accumulator a, int row, Number p, Number q) {
      List<Object> args = new ArrayList<>();
      if (function.isKey(0)) {
        args.add(row);
      }
      args.add(p);
      args.add(q);
      if (args.size() < arity) {
        args.add(0.0);
      }
      function.addRow(a, args.toArray());
    }

    Double value(double[] p, double[] q) {
      Accumulator a = create();
      for (int i = 0; i < p.length; i++) {
        add(a, i, p[i], q[i]);
      }
      return a.result();
    }

    @Override
    public String toString() {
      return function + "/" + arity;
    }
  }

  /** Each arity of the plain form (with α = 0 when it takes one), and the keyed form. */
  Stream<Form> forms() {
    DivergenceFunction plain = function();
    DivergenceFunction keyed = DivergenceFunction.valueOf(plain.name() + "_BY");
    return Stream.concat(plain.arities().stream().map(n -> new Form(plain, n)),
        Stream.of(new Form(keyed, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void emptyGroupAndAllNullRowsGiveNull(Form f) {
    Accumulator m = f.create();
    assertThat(m.result()).isNull();
    f.add(m, 0, null, null);
    f.add(m, 1, null, null);
    assertThat(m.result()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void aSideWithZeroTotalGivesNull(Form f) {
    assertThat(f.value(new double[] {0, 0}, new double[] {1, 2})).isNull();
    assertThat(f.value(new double[] {1, 3}, new double[] {0, 0})).isNull();
    Accumulator nullSide = f.create();
    f.add(nullSide, 0, 0.0, 1.0);
    f.add(nullSide, 1, null, 2.0);
    assertThat(nullSide.result()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void oneRowIsOneOutcome(Form f) {
    assertThat(f.value(new double[] {0.3}, new double[] {7})).isEqualTo(oneOutcomeValue());
    assertThat(f.value(new double[] {Double.MIN_VALUE}, new double[] {1e308}))
        .isEqualTo(oneOutcomeValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void aNullOnOneSideIsZeroMass(Form f) {
    Accumulator withNulls = f.create();
    f.add(withNulls, 0, 0.5, 0.25);
    f.add(withNulls, 1, null, 0.25);
    f.add(withNulls, 2, 0.5, 0.5);
    f.add(withNulls, 3, null, null);
    Double expected = f.value(new double[] {0.5, 0, 0.5}, new double[] {0.25, 0.25, 0.5});
    assertThat(withNulls.result()).isNotNull().isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void identicalDistributionsGiveTheirSelfValue(Form f) {
    Random r = new Random(7);
    double[] w = new double[500];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextDouble() * Math.pow(10, r.nextInt(30) - 15);
    }
    double expected = identicalValue(w);
    Double actual = f.value(w, w.clone());
    if (expected == 0) {
      assertThat(actual).isEqualTo(0.0);
    } else {
      assertThat(ReferenceCases.relativeError(actual, expected)).isLessThanOrEqualTo(1e-14);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void badWeightsAreRejectedNamingFunctionAndValue(Form f) {
    double[] bad = {-1e-300, -2.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    String name = f.function().name();
    for (double b : bad) {
      Accumulator m = f.create();
      f.add(m, 0, 0.5, 0.5);
      assertThatThrownBy(() -> f.add(m, 1, b, 0.5))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith(name + ": p ")
          .hasMessageContaining(String.valueOf(b));
      assertThatThrownBy(() -> f.add(m, 1, 0.5, b))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith(name + ": q ")
          .hasMessageContaining(String.valueOf(b));
      f.add(m, 1, 0.5, 0.5); // nothing half-written: the state still holds only the good rows
      assertThat(m.result()).isEqualTo(f.value(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void mergingPartsInAnySplitGivesTheSinglePassValue(Form f) {
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
      // cut into random parts, each its own state, then merge them in a random order of pairs
      List<Accumulator> parts = new ArrayList<>();
      int i = 0;
      while (i < n) {
        int len = 1 + r.nextInt(n - i);
        Accumulator part = f.create();
        for (int j = i; j < i + len; j++) {
          f.add(part, j, p[j], q[j]);
        }
        parts.add(part);
        i += len;
      }
      parts.add(r.nextInt(parts.size() + 1), f.create()); // an empty partial state
      while (parts.size() > 1) {
        int k = r.nextInt(parts.size() - 1);
        parts.set(k, (Accumulator) parts.get(k).merge(parts.remove(k + 1)));
      }
      Double expected = f.value(p, q);
      Double actual = parts.get(0).result();
      if (expected == null || expected.isInfinite() || expected == 0) {
        assertThat(actual).isEqualTo(expected);
      } else {
        assertThat(ReferenceCases.relativeError(actual, expected))
            .as("trial %d: %s vs %s", trial, actual, expected)
            .isLessThanOrEqualTo(mergeTolerance());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void resultDoesNotChangeTheState(Form f) {
    Accumulator m = f.create();
    double[][] rows = {{0.1, 0.3}, {0.4, 0.2}, {0.5, 0.5}};
    for (int i = 0; i < rows.length; i++) {
      f.add(m, i, rows[i][0], rows[i][1]);
      m.result();
      m.result();
    }
    assertThat(m.result())
        .isEqualTo(f.value(new double[] {0.1, 0.4, 0.5}, new double[] {0.3, 0.2, 0.5}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void neverNegativeNorNaN(Form f) {
    Random r = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      Accumulator m = f.create();
      int n = 2 + r.nextInt(49); // two outcomes at least: a test's p-value needs them
      for (int i = 0; i < n; i++) {
        double q = Math.scalb(r.nextDouble(), r.nextInt(200) - 100);
        double p = r.nextBoolean() ? q : q * Math.abs(1 + Math.scalb(r.nextGaussian(), -r.nextInt(50)));
        f.add(m, i, p, q);
      }
      assertThat((Double) m.result()).isNotNull().isNotNaN().isGreaterThanOrEqualTo(0.0);
    }
  }

  /**
   * The cases of homogeneity.txt in every form, for the functions it has references for
   * ({@code HomogeneityCases.FUNCTIONS}): the tests of homogeneity, JS distance and L∞; each
   * of their test classes runs {@link #checkHomogeneityReference} over them.
   */
  Stream<Arguments> referenceCases() {
    return forms().flatMap(f -> HomogeneityCases.CASES.values().stream()
        .map(c -> Arguments.of(f, c)));
  }

  /**
   * The functions with references in homogeneity.txt (mpmath at 80 digits): every case in every
   * form, rows in order, reversed, and split in two states merged through the state codec;
   * 1e-12 relative (p-values to the smallest normal double, 0.0 where the true value underflows).
   */
  void checkHomogeneityReference(Form f, HomogeneityCases.Case c) {
    Double expected = c.expected(function().name());
    int n = c.p().length;
    Accumulator forward = f.create();
    Accumulator reversed = f.create();
    Accumulator first = f.create();
    Accumulator second = f.create();
    for (int i = 0; i < n; i++) {
      f.add(forward, i, c.p()[i], c.q()[i]);
      int j = n - 1 - i;
      f.add(reversed, j, c.p()[j], c.q()[j]);
      f.add(i < n / 2 ? first : second, i, c.p()[i], c.q()[i]);
    }
    Accumulator shipped = StateCodec.fromBytes(f.function(), f.arity(),
        StateCodec.toBytes(f.function(), f.arity(), second));
    Double merged = ((Accumulator) first.merge(shipped)).result();
    for (Double actual : new Double[] {forward.result(), reversed.result(), merged}) {
      assertThat(HomogeneityCases.agrees(actual, expected, 1e-12))
          .as("%s on %s: %s, reference %s", f, c, actual, expected).isTrue();
    }
  }
}
