package io.github.divergencesql.bench;

import io.github.divergencesql.spark.DivergenceSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark scale run: {@code KL_DIVERGENCE} against the one-pass formula a user writes by hand
 * and against Spark merely reading the two columns ({@code MAX(p), MAX(q)}), in one
 * {@code local[2]} session over generated rows (the SQL benchmark's data:
 * g = i mod groups, p = 0.5 + (7919·i mod 1000)/1000, q = 0.5 + (104729·i mod 997)/997).
 * Queries run interleaved; each cell is the median of the runs after one warm-up round. Also
 * prints how far the hand formula's values are from ours.
 *
 * <p>Arguments: {@code rows=100000000 groups=1000 runs=3 partitions=8}, and optionally
 * {@code fallback=N} (Spark's {@code spark.sql.objectHashAggregate.sortBased.fallbackThreshold},
 * default 128: with more groups per task Spark's object hash aggregate sorts the rest of its
 * input) and {@code explain=1} (print the physical plan of the KL_DIVERGENCE query).
 */
public final class SparkBenchmark {
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("rows", "100000000", "groups", "1000",
        "runs", "3", "partitions", "8"));
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    long rows = Long.parseLong(opts.get("rows"));
    int groups = Integer.parseInt(opts.get("groups"));
    int runs = Integer.parseInt(opts.get("runs"));
    int partitions = Integer.parseInt(opts.get("partitions"));

    SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkBenchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", "target/spark-warehouse")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", 4)
        .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", opts.getOrDefault("fallback", "128"))
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    DivergenceSpark.register(spark);
    spark.range(0, rows, 1, partitions).selectExpr("id % " + groups + " AS g",
        "0.5D + CAST((id * 7919) % 1000 AS DOUBLE) / 1000 AS p",
        "0.5D + CAST((id * 104729) % 997 AS DOUBLE) / 997 AS q").createOrReplaceTempView("gen");

    String[][] queries = {
        {"MAX(p), MAX(q)", "SELECT g, MAX(p), MAX(q) FROM gen GROUP BY g"},
        {"KL hand", "SELECT g, SUM(p * LN(p / q)) / SUM(p) - LN(SUM(p) / SUM(q)) FROM gen GROUP BY g"},
        {"KL_DIVERGENCE", "SELECT g, KL_DIVERGENCE(p, q) FROM gen GROUP BY g"}};
    System.out.printf("divergence-sql Spark benchmark: Spark %s, local[2] on %d cores, Java %s, "
        + "max heap %d MiB, %d input partitions%n", spark.version(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, partitions);
    if (opts.containsKey("explain")) {
      spark.sql(queries[2][1]).explain();
    }
    List<List<Long>> times = new ArrayList<>();
    for (int q = 0; q < queries.length; q++) {
      times.add(new ArrayList<>());
    }
    Map<Long, double[]> values = new LinkedHashMap<>();
    for (int run = 0; run <= runs; run++) { // run 0 warms up
      for (int q = 0; q < queries.length; q++) {
        long start = System.nanoTime();
        List<Row> result = spark.sql(queries[q][1]).collectAsList();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (result.size() != groups) {
          throw new IllegalStateException(queries[q][0] + ": " + result.size() + " groups");
        }
        if (run > 0) {
          times.get(q).add(ms);
        }
        if (run == 0 && q > 0) {
          for (Row r : result) {
            values.computeIfAbsent(r.getLong(0), g -> new double[2])[q - 1] = r.getDouble(1);
          }
        }
      }
    }
    System.out.printf("%-16s %13s %7s %10s %14s %9s %8s%n", "query", "rows", "groups",
        "median ms", "rows/s", "vs hand", "vs MAX");
    long[] medians = new long[queries.length];
    for (int q = 0; q < queries.length; q++) {
      List<Long> t = new ArrayList<>(times.get(q));
      t.sort(null);
      medians[q] = t.get(t.size() / 2);
    }
    for (int q = 0; q < queries.length; q++) {
      System.out.printf("%-16s %,13d %7d %10d %,14.0f %9s %8.2f%n", queries[q][0], rows, groups,
          medians[q], rows * 1000.0 / medians[q],
          q == 2 ? String.format("%.2f", (double) medians[2] / medians[1]) : "",
          (double) medians[q] / medians[0]);
    }
    double worst = 0;
    for (double[] v : values.values()) {
      worst = Math.max(worst, Math.abs(v[0] - v[1]) / v[1]);
    }
    System.out.printf("largest relative difference, hand formula vs KL_DIVERGENCE: %.2e%n", worst);
    double[] first = values.get(0L);
    System.out.printf("group 0: KL_DIVERGENCE %.17g, hand formula %.17g%n", first[1], first[0]);
    spark.stop();
  }
}
