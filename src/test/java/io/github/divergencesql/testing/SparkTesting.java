package io.github.divergencesql.testing;

import io.github.divergencesql.spark.DivergenceSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of the test JVM (Spark allows one context per JVM): two worker
 * threads, and four partitions for shuffles and for inline VALUES tables, so every aggregate
 * over four or more rows runs as partial states merged after a shuffle. Functions come from
 * {@link DivergenceSpark#register}; the spark.sql.extensions route is tested on the built jar
 * (SparkExtensionIT).
 */
public final class SparkTesting {
  public static final int PARTITIONS = 4;
  private static SparkSession session;

  private SparkTesting() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("divergence-sql tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.warehouse.dir", "target/spark-warehouse")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.default.parallelism", PARTITIONS)
          .config("spark.sql.shuffle.partitions", PARTITIONS)
          // keep four partitions through the shuffle (adaptive execution would coalesce them)
          .config("spark.sql.adaptive.enabled", "false")
          .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
      DivergenceSpark.register(session);
    }
    return session;
  }

  /** The rows of a Spark SQL query, each as an array of Java values. */
  public static List<Object[]> rows(String sql) {
    Dataset<Row> result = session().sql(sql);
    List<Object[]> rows = new ArrayList<>();
    for (Row r : result.collectAsList()) {
      Object[] row = new Object[r.length()];
      for (int i = 0; i < row.length; i++) {
        row[i] = r.get(i);
      }
      rows.add(row);
    }
    return rows;
  }
}
