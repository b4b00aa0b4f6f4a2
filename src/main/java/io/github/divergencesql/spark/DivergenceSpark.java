package io.github.divergencesql.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;

/**
 * divergence-sql in Spark SQL from code: {@code DivergenceSpark.register(spark)} makes every
 * function ({@code KL_DIVERGENCE}, {@code KL_DIVERGENCE_BY}, ... with their smoothed forms) callable
 * in that session's SQL. Without code, start Spark with
 * {@code --conf spark.sql.extensions=io.github.divergencesql.spark.DivergenceSparkExtensions}.
 */
public final class DivergenceSpark {
  private DivergenceSpark() {}

  /** Registers every function in {@code spark}'s function registry (temporary functions). */
  public static void register(SparkSession spark) {
    if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
      throw new IllegalArgumentException("divergence-sql registers functions in a classic Spark "
          + "session; for Spark Connect, start the server with --conf spark.sql.extensions="
          + DivergenceSparkExtensions.class.getName());
    }
    FunctionRegistry registry = classic.sessionState().functionRegistry();
    SparkFunctions.descriptions().forEach(d -> registry.registerFunction(d._1(), d._2(), d._3()));
  }
}
