package io.github.divergencesql.core;

/**
 * The state of one measure over one group of rows: rows go in through the shape's
 * {@code add}, two states over disjoint rows combine with {@link #merge}, and {@link #result}
 * reads the value without changing the state (window frames read it repeatedly).
 *
 * <p>Null contract, the same in every engine: {@link #result} is {@code null} (SQL NULL) when
 * the group has no row that counts, or a side whose total weight is 0.
 *
 * @param <A> the concrete accumulator type
 */
public interface Accumulator<A extends Accumulator<A>> {
  /** Adds the rows of {@code other} to this state (other is left unchanged); returns this. */
  A merge(A other);

  /** The measure of the rows added so far, in nats; {@code null} for SQL NULL. */
  Double result();
}
