package io.github.divergencesql.core;

/**
 * A value no measure accepts: a negative, NaN or infinite weight, a non-positive σ, a non-numeric
 * argument, one key's summed weight beyond the double range, a buffer beyond its limit. The
 * message names the SQL function, the argument and the value; every engine adapter passes it on
 * unchanged (H2 and the JDBC driver as an {@code SQLException} with {@link #sqlState()}).
 */
public final class InvalidArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** SQLState 22023, "invalid parameter value" (class 22, data exception). */
  public static final String SQL_STATE = "22023";

  /** SQLState 22018, "invalid character value for cast": an argument that is not a number. */
  public static final String WRONG_TYPE = "22018";

  private final String function;
  private final String argument;
  private final double value;
  private final String sqlState;

  public InvalidArgumentException(String function, String argument, double value, String rule) {
    super(function + ": " + argument + " " + rule + ", got " + value);
    this.function = function;
    this.argument = argument;
    this.value = value;
    this.sqlState = SQL_STATE;
  }

  /**
   * A bad argument that is not a bad number: a wrong type ({@code sqlState}
   * {@value #WRONG_TYPE}) or count, a limit; {@link #value()} is NaN.
   */
  public InvalidArgumentException(String function, String argument, String problem,
      String sqlState) {
    super(function + ": " + argument + " " + problem);
    this.function = function;
    this.argument = argument;
    this.value = Double.NaN;
    this.sqlState = sqlState;
  }

  /**
   * A call that is wrong as a whole (a wrong argument count), with its full message; SQLState
   * {@value #SQL_STATE}, {@link #value()} NaN.
   */
  public InvalidArgumentException(String function, String argument, String message) {
    super(message);
    this.function = function;
    this.argument = argument;
    this.value = Double.NaN;
    this.sqlState = SQL_STATE;
  }

  /** The SQLState an engine should report: {@value #SQL_STATE} or {@value #WRONG_TYPE}. */
  public String sqlState() {
    return sqlState;
  }

  public String function() {
    return function;
  }

  public String argument() {
    return argument;
  }

  public double value() {
    return value;
  }

  /** Checks one weight: finite and ≥ 0 (−0.0 counts as 0). */
  public static double weight(String function, String argument, double w) {
    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
      throw new InvalidArgumentException(function, argument, w,
          "must be a finite non-negative weight");
    }
    return w;
  }

  /** Checks that the summed weight of one key (keyed forms) is still finite. */
  static void keySum(String function, String argument, double sum) {
    if (sum == Double.POSITIVE_INFINITY) {
      throw new InvalidArgumentException(function, "sum of " + argument + " for one key", sum,
          "overflows the double range (rescale the weights)");
    }
  }

  /** Checks a value that must be finite. */
  public static double finite(String function, String argument, double v) {
    if (!Double.isFinite(v)) {
      throw new InvalidArgumentException(function, argument, v, "must be finite");
    }
    return v;
  }

  /** Checks a standard deviation: finite and &gt; 0. */
  static double sigma(String function, String argument, double v) {
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
      throw new InvalidArgumentException(function, argument, v, "must be finite and > 0");
    }
    return v;
  }
}
