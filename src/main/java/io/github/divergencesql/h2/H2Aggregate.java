package io.github.divergencesql.h2;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.UnaryAccumulator;
import java.sql.SQLException;
import java.sql.Types;

/**
 * H2's {@link org.h2.api.AggregateFunction} over a core accumulator: argument checks at compile
 * time, rows to {@code addNullable}, {@code getResult} to {@code result}. H2 creates one instance
 * per group (and per window frame), so the accumulator is this instance's state.
 * {@link H2Functions} holds one named subclass per SQL function for {@code CREATE AGGREGATE}.
 */
public abstract class H2Aggregate implements org.h2.api.AggregateFunction {
  private final DivergenceFunction function;
  private final Accumulator<?> accumulator;

  protected H2Aggregate(DivergenceFunction function) {
    this.function = function;
    this.accumulator = function.newAccumulator();
  }

  /** Checks the argument count and that every argument is numeric; the result is DOUBLE. */
  @Override
  public int getType(int[] inputTypes) throws SQLException {
    H2Functions.checkArguments(function, inputTypes);
    return Types.DOUBLE;
  }

  @Override
  public void add(Object value) throws SQLException {
    try {
      if (accumulator instanceof BinaryAccumulator<?> binary) {
        Object[] row = (Object[]) value;
        binary.addNullable(
            H2Functions.number(function, 0, row[0]), H2Functions.number(function, 1, row[1]));
      } else {
        ((UnaryAccumulator<?>) accumulator).addNullable(H2Functions.number(function, 0, value));
      }
    } catch (InvalidArgumentException e) {
      throw H2Functions.sqlException(e);
    }
  }

  @Override
  public Object getResult() {
    return accumulator.result();
  }
}
