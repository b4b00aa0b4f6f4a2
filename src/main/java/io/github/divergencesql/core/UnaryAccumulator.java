package io.github.divergencesql.core;

/**
 * An accumulator whose SQL function takes one numeric argument per row.
 *
 * @param <A> the concrete accumulator type
 */
public interface UnaryAccumulator<A extends UnaryAccumulator<A>> extends Accumulator<A> {
  /** Adds one non-NULL value; throws {@link InvalidArgumentException} on bad input. */
  void add(double x);

  /** Adds one row as the engine delivers it; a NULL row is ignored (as SUM ignores it). */
  /** A row {@code (x)}. */
  @Override
  default void addRow(Object[] row) {
    addNullable((Number) row[0]);
  }

  default void addNullable(Number x) {
    if (x != null) {
      add(x.doubleValue());
    }
  }
}
