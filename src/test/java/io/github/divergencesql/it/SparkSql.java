package io.github.divergencesql.it;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A stand-in for the {@code spark-sql} shell (whose module, spark-hive-thriftserver, is not on
 * Maven Central here): a plain Spark session configured only by {@code -Dspark.*} system
 * properties, as spark-submit configures one, running each argument as a statement and printing
 * the rows tab-separated. SparkExtensionIT runs it with the built jar on the class path.
 */
public final class SparkSql {
  private SparkSql() {}

  public static void main(String[] statements) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    try {
      for (String sql : statements) {
        for (Row row : spark.sql(sql).collectAsList()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < row.length(); i++) {
            line.append(i == 0 ? "" : "\t").append(row.get(i));
          }
          System.out.println(line);
        }
      }
    } catch (Exception e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(1);
    } finally {
      spark.stop();
    }
  }
}
