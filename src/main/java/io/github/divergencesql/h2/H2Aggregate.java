package io.github.divergencesql.h2;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.h2.value.DataType;
import org.h2.value.TypeInfo;
import org.h2.value.Value;

/**
 * H2's {@link org.h2.api.Aggregate} over a core accumulator: argument checks when the query is
 * compiled, each row to {@link DivergenceFunction#addRow}, {@code getResult} to {@code result}.
 * H2 makes one instance per group (and per window frame) and calls {@code getInternalType} on a
 * separate one, so the accumulator is created at the first row, when the argument count is
 * known. {@link H2Functions} holds one named subclass per SQL function. (H2's older
 * {@code AggregateFunction} cannot take a {@code ?} parameter: H2 fails to name its type before
 * the function sees it; this interface receives it as {@code Value.UNKNOWN}.)
 *
 * <p>Keys follow H2's equality: a {@code VARCHAR_IGNORECASE} key is folded case-insensitively
 * as H2 compares it ('a' and 'A' are one key, as in H2's own {@code GROUP BY}). H2 hands the
 * key type only to the instance it asks {@code getInternalType}; the instances that take the
 * rows share its connection (one per call in the query), which carries the rule over.
 */
public abstract class H2Aggregate implements org.h2.api.Aggregate {
  private static final Object[] NO_ARGS = {};

  /**
   * The call sites (H2's connection per call) with a VARCHAR_IGNORECASE key: a bit per such
   * argument (a keyed form's key; an association's x and y).
   */
  private static final Map<Connection, Integer> IGNORE_CASE_KEYS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final DivergenceFunction function;
  private Accumulator<?> accumulator;
  private Connection connection;
  private int ignoreCaseKeys;

  protected H2Aggregate(DivergenceFunction function) {
    this.function = function;
  }

  /** The SQL function this class implements. */
  public final DivergenceFunction function() {
    return function;
  }

  /** Checks the argument count and types (H2 value types); the result is DOUBLE. */
  @Override
  public void init(Connection conn) {
    this.connection = conn;
  }

  @Override
  public int getInternalType(int[] inputTypes) throws SQLException {
    checkArguments(function, inputTypes);
    if (connection != null) {
      int keys = 0;
      for (int i = 0; i < inputTypes.length; i++) {
        if (function.isKey(i) && inputTypes[i] == Value.VARCHAR_IGNORECASE) {
          keys |= 1 << i;
        }
      }
      if (keys != 0) {
        IGNORE_CASE_KEYS.put(connection, keys);
      } else {
        IGNORE_CASE_KEYS.remove(connection);
      }
    }
    return function.returnsBoolean() ? Value.BOOLEAN : Value.DOUBLE;
  }

  /**
   * A VARCHAR_IGNORECASE key as H2 compares it ({@code String.compareToIgnoreCase}): each
   * character's lower case of its upper case.
   */
  static String foldCase(String key) {
    StringBuilder folded = new StringBuilder(key.length());
    key.codePoints().forEach(c -> folded.appendCodePoint(
        Character.toLowerCase(Character.toUpperCase(c))));
    return folded.toString();
  }

  @Override
  public void add(Object value) throws SQLException {
    // H2 passes a multi-argument row as Object[] and a single argument as itself
    try {
      if (value instanceof Object[] row) {
        if (accumulator == null) {
          accumulator = function.newAccumulator(row.length);
          ignoreCaseKeys = connection == null ? 0
              : IGNORE_CASE_KEYS.getOrDefault(connection, 0);
        }
        for (int keys = ignoreCaseKeys; keys != 0; keys &= keys - 1) {
          int i = Integer.numberOfTrailingZeros(keys);
          if (row[i] instanceof String key) {
            row[i] = foldCase(key);
          }
        }
        function.addRow(accumulator, row);
      } else {
        if (accumulator == null) {
          accumulator = function.newAccumulator(1);
        }
        function.addValue(accumulator, value);
      }
    } catch (InvalidArgumentException e) {
      throw sqlException(e);
    }
  }

  @Override
  public Object getResult() throws SQLException {
    try {
      Double result = accumulator == null ? null : accumulator.result();
      return function.returnsBoolean() ? DivergenceFunction.truth(result) : result;
    } catch (InvalidArgumentException e) { // a group the measure refuses as a whole
      throw sqlException(e);
    }
  }

  static SQLException sqlException(InvalidArgumentException e) {
    return new SQLException(e.getMessage(), e.sqlState(), e);
  }

  /** Checks a call's H2 value types: numbers (or NULL, or a parameter) where numbers go. */
  static void checkArguments(DivergenceFunction function, int[] inputTypes) throws SQLException {
    if (!function.arities().contains(inputTypes.length)) {
      throw sqlException(function.wrongArity(inputTypes.length));
    }
    for (int i = 0; i < inputTypes.length; i++) {
      int t = inputTypes[i];
      // UNKNOWN: a ? parameter, typed when it is bound (a bound text is refused row by row)
      boolean numeric = t == Value.UNKNOWN || t == Value.NULL || DataType.isNumericType(t);
      // a text option (alpha, bins, k), as a client that inlines parameters sends '0.5': read
      // row by row (H2 does not say whether it is a literal), an error unless it is a number
      boolean textOption = DataType.isCharacterStringType(t)
          && function.isOption(inputTypes.length, i);
      if (!function.isKey(i) && !numeric && !textOption) {
        throw sqlException(function.notNumeric(inputTypes.length, i, typeName(t)));
      }
    }
  }

  /** The JDBC name of an H2 value type, e.g. VARCHAR. */
  private static String typeName(int valueType) {
    int sqlType = DataType.convertTypeToSQLType(TypeInfo.getTypeInfo(valueType));
    for (java.lang.reflect.Field f : Types.class.getFields()) {
      try {
        if (f.getInt(null) == sqlType) {
          return f.getName();
        }
      } catch (IllegalAccessException e) {
        // public static fields of Types: not reached
      }
    }
    return "SQL type " + sqlType;
  }
}
