package io.github.divergencesql.bench;

import io.github.divergencesql.spark.DivergenceSpark;
import io.github.divergencesql.spark.SparkFixedAggregate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark scale run: KL_DIVERGENCE, PSI, CROSS_ENTROPY, ENTROPY and HELLINGER_DISTANCE, each
 * against the one-pass formula a user writes by hand, and Spark merely reading the two columns
 * ({@code MAX(p), MAX(q)}), in one {@code local[2]} session over generated rows (the SQL
 * benchmark's data: g = i mod groups, p = 0.5 + (7919·i mod 1000)/1000,
 * q = 0.5 + (104729·i mod 997)/997). KL_DIVERGENCE runs twice: in its fixed-width form (Spark's
 * generated hash aggregate, {@code SparkFixedAggregate}) and with the state a Java object
 * ({@code divergencesql.spark.fixedWidth=false}), and Spark's own SUM over 11 double columns
 * shows what a state of KL's 11 slots costs before any arithmetic. Queries run interleaved; each cell is the
 * median of the runs after one warm-up round. Also prints how far each hand formula's values are
 * from ours.
 *
 * <p>Arguments: {@code rows=100000000 groups=1000 runs=3 partitions=8}, and optionally
 * {@code queries=KL_DIVERGENCE,PSI} (those and their hand formulas only), {@code fallback=N}
 * (Spark's {@code spark.sql.objectHashAggregate.sortBased.fallbackThreshold}, default 128),
 * {@code explain=1} (the physical plan of the KL_DIVERGENCE query) and {@code codegen=1} (its
 * generated Java).
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

    String kl = "SUM(p * LN(p / q)) / SUM(p) - LN(SUM(p) / SUM(q))";
    String[][] all = {
        {"MAX(p), MAX(q)", "MAX(p), MAX(q)", ""},
        {"KL hand", kl, ""},
        {"KL_DIVERGENCE", "KL_DIVERGENCE(p, q)", "KL hand"},
        {"KL object state", "KL_DIVERGENCE(p, q)", "KL hand"},
        // the floor of an 11-slot state (KL's): Spark's own SUM over 11 double columns
        {"11 x SUM", "SUM(p), SUM(q), SUM(p + q), SUM(p - q), SUM(p * q), SUM(p * 2), "
            + "SUM(q * 2), SUM(p + 1), SUM(q + 1), SUM(p * 3), SUM(q * 3)", "KL hand"},
        {"PSI hand", "SUM(p * LN(p / q)) / SUM(p) - SUM(q * LN(p / q)) / SUM(q)", ""},
        {"PSI", "PSI(p, q)", "PSI hand"},
        {"CE hand", "LN(SUM(q)) - SUM(p * LN(q)) / SUM(p)", ""},
        {"CROSS_ENTROPY", "CROSS_ENTROPY(p, q)", "CE hand"},
        {"ENTROPY hand", "LN(SUM(p)) - SUM(p * LN(p)) / SUM(p)", ""},
        {"ENTROPY", "ENTROPY(p)", "ENTROPY hand"},
        {"Hellinger hand", "SQRT(1 - SUM(SQRT(p * q)) / SQRT(SUM(p) * SUM(q)))", ""},
        {"HELLINGER", "HELLINGER_DISTANCE(p, q)", "Hellinger hand"}};
    List<String[]> queries = new ArrayList<>();
    List<String> only = opts.containsKey("queries")
        ? List.of(opts.get("queries").split(",")) : null;
    for (String[] q : all) {
      boolean handOfOne = false;
      for (String[] r : all) {
        handOfOne |= only != null && only.contains(r[0]) && r[2].equals(q[0]);
      }
      if (only == null || q[0].startsWith("MAX") || only.contains(q[0]) || handOfOne) {
        queries.add(q);
      }
    }
    System.out.printf("divergence-sql Spark benchmark: Spark %s, local[2] on %d cores, Java %s, "
        + "max heap %d MiB, %d input partitions%n", spark.version(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, partitions);
    if (opts.containsKey("explain")) {
      spark.sql("SELECT g, KL_DIVERGENCE(p, q) FROM gen GROUP BY g").explain();
    }
    if (opts.containsKey("codegen")) { // the generated Java of the KL_DIVERGENCE query
      spark.conf().set("spark.sql.adaptive.enabled", false); // else no plan to show yet
      org.apache.spark.sql.classic.Dataset<Row> d = (org.apache.spark.sql.classic.Dataset<Row>)
          spark.sql("SELECT g, KL_DIVERGENCE(p, q) FROM gen GROUP BY g");
      d.queryExecution().debug().codegen();
      spark.conf().unset("spark.sql.adaptive.enabled");
    }
    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
    for (int run = 0; run <= runs; run++) { // run 0 warms up
      for (String[] q : queries) {
        // the object form: the state a Java object per group (SparkAggregate)
        spark.conf().set(SparkFixedAggregate.ENABLED, !q[0].contains("object"));
        long start = System.nanoTime();
        List<Row> result = spark.sql("SELECT g, " + q[1] + " FROM gen GROUP BY g")
            .collectAsList();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (result.size() != groups) {
          throw new IllegalStateException(q[0] + ": " + result.size() + " groups");
        }
        if (run > 0) {
          times.computeIfAbsent(q[0], k -> new ArrayList<>()).add(ms);
        } else if (!q[0].startsWith("MAX")) {
          Map<Long, Double> v = values.computeIfAbsent(q[0], k -> new LinkedHashMap<>());
          for (Row r : result) {
            v.put(r.getLong(0), r.getDouble(1));
          }
        }
      }
    }
    spark.conf().set(SparkFixedAggregate.ENABLED, true);
    System.out.printf("%-16s %13s %7s %10s %14s %9s %8s%n", "query", "rows", "groups",
        "median ms", "rows/s", "vs hand", "vs MAX");
    Map<String, Long> medians = new LinkedHashMap<>();
    for (Map.Entry<String, List<Long>> e : times.entrySet()) {
      List<Long> t = new ArrayList<>(e.getValue());
      t.sort(null);
      medians.put(e.getKey(), t.get(t.size() / 2));
    }
    long max = medians.get("MAX(p), MAX(q)");
    for (String[] q : queries) {
      long ms = medians.get(q[0]);
      System.out.printf("%-16s %,13d %7d %10d %,14.0f %9s %8.2f%n", q[0], rows, groups, ms,
          rows * 1000.0 / ms,
          q[2].isEmpty() ? "" : String.format("%.2f", (double) ms / medians.get(q[2])),
          (double) ms / max);
    }
    for (String[] q : queries) {
      if (!q[2].isEmpty() && !q[0].contains("object") && !q[0].contains("SUM")) {
        Map<Long, Double> ours = values.get(q[0]);
        Map<Long, Double> hand = values.get(q[2]);
        double worst = 0;
        for (Map.Entry<Long, Double> e : ours.entrySet()) {
          worst = Math.max(worst, Math.abs(hand.get(e.getKey()) - e.getValue()) / e.getValue());
        }
        System.out.printf("%s: largest relative difference from the hand formula %.2e; "
            + "group 0: %.17g (hand %.17g)%n", q[0], worst, ours.get(0L), hand.get(0L));
      }
    }
    spark.stop();
  }
}
