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
import org.junit.jupiter.api.Test;

/**
 * The contract of a two-sample function ({@code NAME(x, y)} and the binned forms): the
 * reference cases of {@code numeric_drift.py} in any row order, split and merged, and through
 * the state codec; the NULL rule; bad values. Each function's test extends this.
 */
abstract class AbstractTwoSampleTest {
  /** The function, its arguments beyond (x, y), the reference's name and its tolerance. */
  abstract DivergenceFunction function();

  Object[] extra() {
    return new Object[0];
  }

  abstract String reference();

  double tolerance() {
    return 1e-12;
  }

  private Accumulator<?> fresh() {
    return function().newAccumulator(2 + extra().length);
  }

  private void add(Accumulator<?> a, Double x, Double y) {
    Object[] args = new Object[2 + extra().length];
    args[0] = x;
    args[1] = y;
    System.arraycopy(extra(), 0, args, 2, extra().length);
    function().addRow(a, args);
  }

  /** One case's rows in pivot form: row i has x[i] and y[i], NULL where a side is shorter. */
  private List<Double[]> rows(Case c) {
    List<Double[]> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(c.x().length, c.y().length); i++) {
      rows.add(new Double[] {i < c.x().length ? c.x()[i] : null,
          i < c.y().length ? c.y()[i] : null});
    }
    return rows;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private Double run(List<Double[]> rows, int split, boolean codec) {
    Accumulator a = fresh();
    Accumulator b = fresh();
    for (int i = 0; i < rows.size(); i++) {
      add(i < split ? a : b, rows.get(i)[0], rows.get(i)[1]);
    }
    if (codec) {
      int arity = 2 + extra().length;
      a = StateCodec.fromBytes(function(), arity, StateCodec.toBytes(function(), arity, a));
    }
    return (Double) a.merge(b).result();
  }

  @Test
  void matchesTheReferencesInAnyOrderSplitAndThroughTheCodec() {
    for (Case c : NumericDriftCases.CASES.values()) {
      double expected = NumericDriftCases.expected(c.name(), reference());
      List<Double[]> rows = rows(c);
      Random random = new Random(7);
      for (int trial = 0; trial < 4; trial++) {
        if (trial > 0) {
          Collections.shuffle(rows, random);
        }
        int split = trial == 0 ? rows.size() : random.nextInt(rows.size() + 1);
        Double actual = run(rows, split, trial == 3);
        assertThat(actual).as("%s %s", c.name(), reference()).isNotNull();
        assertThat(NumericDriftCases.relativeError(actual, expected))
            .as("%s %s: got %s, want %s", c.name(), reference(), actual, expected)
            .isLessThanOrEqualTo(tolerance());
      }
    }
  }

  @Test
  void aSideWithoutValuesIsNullAndNullsAddNothing() {
    Accumulator<?> a = fresh();
    assertThat(a.result()).isNull();
    add(a, null, null);
    add(a, 1.0, null);
    add(a, 2.0, null);
    assertThat(a.result()).isNull(); // y has no value
    Accumulator<?> d = fresh();
    add(d, 1.0, 1.0);
    add(d, 2.0, 2.0);
    add(d, null, 3.0);
    add(d, 3.0, null);
    add(d, null, null);
    // identical samples (1, 2, 3) and (1, 2, 3), carried by rows with NULLs on either side
    assertThat(d.result()).isEqualTo(identicalValue());
  }

  /** The function's value for two identical samples: 0 (p-value: 1). */
  double identicalValue() {
    return 0.0;
  }

  @Test
  void nanAndInfiniteValuesAreErrors() {
    String name = function().name();
    assertThatThrownBy(() -> add(fresh(), Double.NaN, 1.0)).isInstanceOf(
        InvalidArgumentException.class).hasMessage(name + ": x must be finite, got NaN");
    assertThatThrownBy(() -> add(fresh(), 1.0, Double.POSITIVE_INFINITY))
        .hasMessage(name + ": y must be finite, got Infinity");
    assertThatThrownBy(() -> add(fresh(), Double.NEGATIVE_INFINITY, null))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.sqlState()).isEqualTo("22023"));
  }
}
