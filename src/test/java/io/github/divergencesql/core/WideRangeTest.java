package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.WideRangeCases.Case;
import io.github.divergencesql.testing.WideRangeCases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Groups whose weights on one side span more than the double range (subnormal to 1e308), the
 * cases that once gave silently wrong values (KL 0.0 or 371.7 for 690.08, Infinity or NaN for
 * cross-entropy, −2.2e-322). Every function over pivot rows (plain, keyed with one key per row,
 * smoothed with α = 0), every row order and every split into merged partial states must give
 * the reference within 1e-12 relative. References: mpmath at 800 digits from the exact doubles,
 * {@code src/test/resources/reference/wide_range.py}, columns KL, CE, PSI, JS, Hellinger, TV,
 * ENTROPY(p).
 */
class WideRangeTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final List<Case> CASES = WideRangeCases.CASES;

  /** Every function over pivot rows and each of its argument counts, from the enum. */
  static Stream<Arguments> calls() {
    List<Arguments> calls = new ArrayList<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      String base = f.name().replaceFirst("_BY$", "");
      if (f.isAggregate() && WideRangeCases.column(base) >= 0) {
        for (int arity : f.arities()) {
          for (Case c : CASES) {
            calls.add(Arguments.of(f, arity, c));
          }
        }
      }
    }
    return calls.stream();
  }

  @ParameterizedTest(name = "{0}/{1} {2}")
  @MethodSource("calls")
  void everyOrderAndSplitGivesTheReference(DivergenceFunction f, int arity, Case c) {
    double expected = c.expected()[WideRangeCases.column(f.name().replaceFirst("_BY$", ""))];
    Random r = new Random(c.name().hashCode() + arity);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < c.rows().length; i++) {
      order.add(i);
    }
    for (int trial = 0; trial < 40; trial++) {
      if (trial > 0) {
        Collections.shuffle(order, r);
      }
      // rows in this order, cut into random parts that are merged in a random order of pairs
      List<Accumulator> parts = new ArrayList<>();
      Accumulator part = f.newAccumulator(arity);
      for (int i : order) {
        f.addRow(part, args(f, arity, i, c.rows()[i]));
        if (trial > 0 && r.nextBoolean()) {
          parts.add(part);
          part = f.newAccumulator(arity);
        }
      }
      parts.add(part);
      while (parts.size() > 1) {
        int k = r.nextInt(parts.size() - 1);
        parts.set(k, merge(parts.get(k), parts.remove(k + 1)));
      }
      assertClose(f + " order " + order + " trial " + trial, parts.get(0).result(), expected,
          DivergencePropertiesTest.Comparison.of(f) == DivergencePropertiesTest.Comparison.SQUARED);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Accumulator merge(Accumulator a, Accumulator b) {
    return (Accumulator) a.merge(b);
  }

  private static Object[] args(DivergenceFunction f, int arity, int row, double[] pq) {
    List<Object> args = new ArrayList<>();
    if (f.isKey(0)) {
      args.add(row);
    }
    args.add(pq[0]);
    if (f.shape() != DivergenceFunction.Shape.UNARY && f.shape() != DivergenceFunction.Shape.KEYED_UNARY) {
      args.add(pq[1]);
    }
    if (args.size() < arity) {
      args.add(0.0); // α = 0: smoothed forms add nothing
    }
    return args.toArray();
  }

  /**
   * Within 1e-12 relative; a reference below 1e-300 (KL 3e-334, which no double holds) within
   * 1e-300 absolute, never negative. Hellinger is compared as H², the quantity it computes: an
   * H² below the double range (H = 9e-168) comes out 0.
   */
  static void assertClose(String what, Object actual, double expected, boolean squared) {
    assertThat(actual).as(what).isInstanceOf(Double.class);
    double v = (Double) actual;
    assertThat(v).as(what).isGreaterThanOrEqualTo(0.0);
    if (expected == INF) {
      assertThat(v).as(what).isEqualTo(INF);
      return;
    }
    if (squared) {
      v *= v;
      expected *= expected;
    }
    assertThat(Math.abs(v - expected)).as("%s: %s vs %s", what, v, expected)
        .isLessThanOrEqualTo(1e-12 * expected + 1e-300);
  }
}
