package io.github.divergencesql.spark;

import io.github.divergencesql.core.InvalidArgumentException;
import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * A bad argument ({@link InvalidArgumentException}) as Spark reports errors: a
 * {@link SparkThrowable} with the SQLSTATE of our message (22023, or 22018 for a wrong type).
 * Spark raises such an error from a failed task as it is, not wrapped in "Job aborted" (as it
 * does its own {@code DIVIDE_BY_ZERO}), and the Thrift server hands the SQLSTATE to JDBC
 * clients. Spark only does so for an error with a condition; ours is Spark's
 * {@code USER_RAISED_EXCEPTION}, whose message is the given message, here ours unchanged.
 */
public final class DivergenceSparkException extends IllegalArgumentException
    implements SparkThrowable {
  private static final long serialVersionUID = 1L;
  static final String CONDITION = "USER_RAISED_EXCEPTION";

  private final String sqlState;

  DivergenceSparkException(InvalidArgumentException cause) {
    super(cause.getMessage(), cause);
    this.sqlState = cause.sqlState();
  }

  @Override
  public String getCondition() {
    return CONDITION;
  }

  @Override
  public String getSqlState() {
    return sqlState;
  }

  @Override
  public Map<String, String> getMessageParameters() {
    return Map.of("errorMessage", getMessage());
  }
}
