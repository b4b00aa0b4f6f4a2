package io.github.divergencesql.spark;

import io.github.divergencesql.core.registry.DivergenceFunction;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/** Spark's argument types and values as the core's addRow expects them. */
final class SparkValues {
  private SparkValues() {}

  /**
   * The Java value the core takes for a Spark internal value: a {@code java.math.BigDecimal} for
   * a DECIMAL, a String for a STRING; numbers, booleans, byte arrays and the day or microsecond
   * counts of dates and timestamps are already Java values; null is SQL NULL.
   */
  static Object external(Object value) {
    if (value instanceof Decimal d) {
      return d.toJavaBigDecimal();
    }
    if (value instanceof UTF8String s) {
      return s.toString();
    }
    return value;
  }

  /**
   * Plan-time check: every weight argument numeric (or an untyped NULL), a key of a type whose
   * values compare as SQL compares them.
   */
  static TypeCheckResult checkArguments(DivergenceFunction function, Expression[] arguments) {
    for (int i = 0; i < arguments.length; i++) {
      DataType type = arguments[i].dataType();
      if (type instanceof NullType || type instanceof NumericType) {
        continue;
      }
      if (type instanceof StringType && function.isOption(arguments.length, i)) {
        continue; // alpha, bins or k as text (a bound parameter): read as a number, row by row
      }
      if (function.isKey(i) && (type instanceof StringType || type instanceof BinaryType
          || type instanceof BooleanType || type instanceof DateType
          || type instanceof TimestampType || type instanceof TimestampNTZType)) {
        continue;
      }
      String message = function.isKey(i)
          ? function.name() + ": " + function.parameters(arguments.length).get(i)
              + " must be a number, string, binary, boolean, date or timestamp, got " + type.sql()
          : function.notNumeric(arguments.length, i, type.sql()).getMessage();
      return new TypeCheckResult.TypeCheckFailure(message);
    }
    return TypeCheckResult.TypeCheckSuccess$.MODULE$;
  }
}
