package io.github.divergencesql.core;

/**
 * An accumulator whose SQL function takes two numeric arguments per row.
 *
 * @param <A> the concrete accumulator type
 */
public interface BinaryAccumulator<A extends BinaryAccumulator<A>> extends Accumulator<A> {
  /** Adds one row of non-NULL arguments; throws {@link InvalidArgumentException} on bad input. */
  void add(double x, double y);

  /**
   * Adds one row as the engine delivers it, {@code null} standing for SQL NULL, applying the
   * measure's NULL rule.
   */
  void addNullable(Number x, Number y);

  /** A row {@code (x, y)}. */
  @Override
  default void addRow(Object[] row) {
    addNullable((Number) row[0], (Number) row[1]);
  }
}
