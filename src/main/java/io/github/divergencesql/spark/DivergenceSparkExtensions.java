package io.github.divergencesql.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.BoxedUnit;

/**
 * The {@code spark.sql.extensions} entry point: every session Spark creates (spark-sql, the
 * Thrift server, notebooks) gets every divergence-sql function:
 * <pre>
 * spark-sql --jars divergence-sql-<version>.jar \
 *   --conf spark.sql.extensions=io.github.divergencesql.spark.DivergenceSparkExtensions
 * </pre>
 */
public final class DivergenceSparkExtensions implements SparkSessionExtensionsProvider {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    SparkFunctions.descriptions().forEach(extensions::injectFunction);
    return BoxedUnit.UNIT;
  }
}
