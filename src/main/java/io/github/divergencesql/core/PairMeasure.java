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
    if (p == null && q == null) {
      return;
    }
    add(p == null ? 0 : p.doubleValue(), q == null ? 0 : q.doubleValue());
  }

  /**
   * Adds one outcome whose weights are the unevaluated sums {@code ph + pl} and {@code qh + ql}
   * (hi parts non-negative, lo parts at most an ulp of them), as the keyed and smoothed forms
   * produce; no argument check beyond the totals' range.
   */
  void addParts(double ph, double pl, double qh, double ql);
}
