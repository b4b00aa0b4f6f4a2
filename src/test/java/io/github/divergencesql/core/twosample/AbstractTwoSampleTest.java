package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import io.github.divergencesql.testing.NumericDriftCases.Case;
import io.github.divergencesql.testing.NumericDriftCases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of a two-sample function ({@code NAME(x, y)} and the binned forms): the
 * reference cases of {@code numeric_drift.py} in any row order, split and merged, and through
 * the state codec; the NULL rule; bad values. Each function's test extends this and names the
 * forms it checks ({@link #forms}: one, or several as the binned forms').
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTwoSampleTest {
  /**
   * A call to check: the function, its arguments beyond (x, y), the reference's name in
   * numeric_drift.txt, its relative tolerance, and its value for two identical samples (0, or 1
   * for a p-value).
   */
  record Form(DivergenceFunction function, List<Object> extra, String reference,
      double tolerance, double identicalValue) {
    Form(DivergenceFunction function, String reference) {
      this(function, List.of(), reference, 1e-12, 0.0);
    }

    Accumulator<?> fresh() {
      return function.newAccumulator(2 + extra.size());
    }

    void add(Accumulator<?> a, Double x, Double y) {
      Object[] args = new Object[2 + extra.size()];
      args[0] = x;
      args[1] = y;
      for (int i = 0; i < extra.size(); i++) {
        args[2 + i] = extra.get(i);
      }
      function.addRow(a, args);
    }

    @Override
    public String toString() {
      return function + (extra.isEmpty() ? "" : extra.toString());
    }
  }

  abstract Stream<Form> forms();

  /** One case's rows in pivot form: row i has x[i] and y[i], NULL where a side is shorter. */
  private static List<Double[]> rows(Case c) {
    List<Double[]> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(c.x().length, c.y().length); i++) {
      rows.add(new Double[] {i < c.x().length ? c.x()[i] : null,
          i < c.y().length ? c.y()[i] : null});
    }
    return rows;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Double run(Form f, List<Double[]> rows, int split, boolean codec) {
    Accumulator a = f.fresh();
    Accumulator b = f.fresh();
    for (int i = 0; i < rows.size(); i++) {
      f.add(i < split ? a : b, rows.get(i)[0], rows.get(i)[1]);
    }
    if (codec) {
      int arity = 2 + f.extra().size();
      a = StateCodec.fromBytes(f.function(), arity, StateCodec.toBytes(f.function(), arity, a));
    }
    return (Double) a.merge(b).result();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void matchesTheReferencesInAnyOrderSplitAndThroughTheCodec(Form f) {
    for (Case c : NumericDriftCases.CASES.values()) {
      double expected = NumericDriftCases.expected(c.name(), f.reference());
      List<Double[]> rows = rows(c);
      Random random = new Random(7);
      for (int trial = 0; trial < 4; trial++) {
        if (trial > 0) {
          Collections.shuffle(rows, random);
        }
        int split = trial == 0 ? rows.size() : random.nextInt(rows.size() + 1);
        Double actual = run(f, rows, split, trial == 3);
        assertThat(actual).as("%s %s", c.name(), f.reference()).isNotNull();
        assertThat(NumericDriftCases.relativeError(actual, expected))
            .as("%s %s: got %s, want %s", c.name(), f.reference(), actual, expected)
            .isLessThanOrEqualTo(f.tolerance());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void aSideWithoutValuesIsNullAndNullsAddNothing(Form f) {
    Accumulator<?> a = f.fresh();
    assertThat(a.result()).isNull();
    f.add(a, null, null);
    f.add(a, 1.0, null);
    f.add(a, 2.0, null);
    assertThat(a.result()).isNull(); // y has no value
    Accumulator<?> d = f.fresh();
    f.add(d, 1.0, 1.0);
    f.add(d, 2.0, 2.0);
    f.add(d, null, 3.0);
    f.add(d, 3.0, null);
    f.add(d, null, null);
    // identical samples (1, 2, 3) and (1, 2, 3), carried by rows with NULLs on either side
    assertThat(d.result()).isEqualTo(f.identicalValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void nanAndInfiniteValuesAreErrors(Form f) {
    String name = f.function().name();
    assertThatThrownBy(() -> f.add(f.fresh(), Double.NaN, 1.0)).isInstanceOf(
        InvalidArgumentException.class).hasMessage(name + ": x must be finite, got NaN");
    assertThatThrownBy(() -> f.add(f.fresh(), 1.0, Double.POSITIVE_INFINITY))
        .hasMessage(name + ": y must be finite, got Infinity");
    assertThatThrownBy(() -> f.add(f.fresh(), Double.NEGATIVE_INFINITY, null))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.sqlState()).isEqualTo("22023"));
  }
}
