package io.github.divergencesql.h2;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.core.InvalidArgumentException;
import java.sql.SQLException;
import org.h2.value.Value;

/**
 * H2's {@link org.h2.api.Aggregate} over a core accumulator: argument checks when the query is
 * compiled, each row to {@link DivergenceFunction#addRow}, {@code getResult} to {@code result}.
 * H2 makes one instance per group (and per window frame) and calls {@code getInternalType} on a
 * separate one, so the accumulator is created at the first row, when the argument count is
 * known. {@link H2Functions} holds one named subclass per SQL function. (H2's older
 * {@code AggregateFunction} cannot take a {@code ?} parameter: H2 fails to name its type before
 * the function sees it; this interface receives it as {@code Value.UNKNOWN}.)
 */
public abstract class H2Aggregate implements org.h2.api.Aggregate {
  private static final Object[] NO_ARGS = {};

  private final DivergenceFunction function;
  private Accumulator<?> accumulator;

  protected H2Aggregate(DivergenceFunction function) {
    this.function = function;
  }

  /** The SQL function this class implements. */
  public final DivergenceFunction function() {
    return function;
  }

  /** Checks the argument count and types (H2 value types); the result is DOUBLE. */
  @Override
  public int getInternalType(int[] inputTypes) throws SQLException {
    H2Functions.checkArguments(function, inputTypes);
    return Value.DOUBLE;
  }

  @Override
  public void add(Object value) throws SQLException {
    // H2 passes a multi-argument row as Object[] and a single argument as itself
    try {
      if (value instanceof Object[] row) {
        if (accumulator == null) {
          accumulator = function.newAccumulator(row.length);
        }
        function.addRow(accumulator, row);
      } else {
        if (accumulator == null) {
          accumulator = function.newAccumulator(1);
        }
        function.addValue(accumulator, value);
      }
    } catch (InvalidArgumentException e) {
      throw H2Functions.sqlException(e);
    }
  }

  @Override
  public Object getResult() throws SQLException {
    try {
      return accumulator == null ? null : accumulator.result();
    } catch (InvalidArgumentException e) { // a group the measure refuses as a whole
      throw H2Functions.sqlException(e);
    }
  }
}
