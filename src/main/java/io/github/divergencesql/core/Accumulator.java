package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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
  /**
   * Adds one row of the SQL call's arguments, in call order and as many as the call has: a key
   * as the engine delivers it, every other argument {@code null} (SQL NULL) or a
   * {@link Number}, already checked to be one ({@code registry.DivergenceFunction#addRow}).
   * Each accumulator reads its own row shape here; throws {@link InvalidArgumentException}.
   */
  void addRow(Object[] row);

  /** Adds the rows of {@code other} to this state (other is left unchanged); returns this. */
  A merge(A other);

  /** The measure of the rows added so far, in nats; {@code null} for SQL NULL. */
  Double result();

  /**
   * Writes the state in its compact binary form: the partial aggregate one machine sends to
   * another (see {@code registry.StateCodec}). Only the sufficient statistics are written: a few dozen
   * bytes for the streaming measures, the rows for JS and TV, the category sums for keyed forms.
   */
  void writeState(DataOutput out) throws IOException;

  /** Reads a state written by {@link #writeState} into this new, empty accumulator. */
  void readState(DataInput in) throws IOException;
}
