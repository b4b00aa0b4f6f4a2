package io.github.divergencesql.core;

/**
 * A measure between two distributions given as one row per outcome with weights p and q.
 *
 * <p>The pivot-aware NULL rule, defined here once for every engine: a NULL on one side is zero
 * mass (the outcome is missing from that side of the pivot); a row with both sides NULL is
 * ignored.
 *
 * @param <A> the concrete accumulator type
 */
public interface PairMeasure<A extends PairMeasure<A>> extends BinaryAccumulator<A> {
  /** The measure of two weight vectors, row i being (p[i], q[i]): a convenience for Java. */
  static <M extends PairMeasure<M>> Double of(M measure, double[] p, double[] q) {
    if (p.length != q.length) {
      throw new IllegalArgumentException("p has " + p.length + " weights, q " + q.length);
    }
    for (int i = 0; i < p.length; i++) {
      measure.add(p[i], q[i]);
    }
    return measure.result();
  }

  @Override
  default void addNullable(Number p, Number q) {
    if (!isOutcome(p, q)) {
      return;
    }
    add(p == null ? 0 : p.doubleValue(), q == null ? 0 : q.doubleValue());
  }

  /** The pivot NULL rule, part 1: a row with both sides NULL is no outcome. */
  static boolean isOutcome(Number p, Number q) {
    return isOutcome(p == null, q == null);
  }

  /** The same rule for engines that hand over NULL as a flag beside a primitive. */
  static boolean isOutcome(boolean pNull, boolean qNull) {
    return !pNull || !qNull;
  }

  /** The pivot NULL rule, part 2: a NULL side is zero mass; a weight is checked. */
  static double mass(String function, String argument, Number w) {
    return w == null ? 0 : InvalidArgumentException.weight(function, argument, w.doubleValue());
  }

  /**
   * Adds one outcome whose weights are the unevaluated sums {@code ph + pl} and {@code qh + ql}
   * (hi parts non-negative, lo parts at most an ulp of them), as the keyed and smoothed forms
   * produce; no argument check beyond the totals' range.
   */
  void addParts(double ph, double pl, double qh, double ql);
}
