package io.github.divergencesql.bench;

import io.github.divergencesql.calcite.KeyedPushdownRule;
import io.github.divergencesql.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * docs/your-database.md: a keyed KL over rows in a real PostgreSQL (started here on loopback),
 * through {@code jdbc:divergence:calcite:} with the database summing each (group, key) and with
 * every row pulled ({@code -Ddivergence.pushdown=false}), and the same query in embedded H2 over
 * the same rows. Prints the median of {@code runs} runs and the largest relative difference
 * between the three results. Not a test: {@code mvn -Pbench -DskipTests test-compile
 * exec:exec@pushdown [-Dbench.args="rows=1000000 runs=3"]}.
 */
public final class PushdownBenchmark {
  private PushdownBenchmark() {}

  /** g: 1,000 groups; k: 20 keys; half the rows each period; weights in [0.5, 1.5). */
  private static String rows(String range, String i, String mod) {
    return "SELECT " + mod.formatted(i, 1000) + " AS g, " + mod.formatted("(" + i + " / 1000)", 20)
        + " AS k, CASE WHEN " + mod.formatted(i, 2) + " = 0 THEN 'ref' ELSE 'cur' END AS period, "
        + "CAST(0.5 + " + mod.formatted(i + " * 7919", 1000) + " / 1000.0 AS DOUBLE PRECISION)"
        + " AS w FROM " + range;
  }

  private static final String QUERY = "SELECT g, KL_DIVERGENCE_BY(k, "
      + "CASE WHEN period = 'ref' THEN w END, CASE WHEN period = 'cur' THEN w END) AS kl "
      + "FROM events GROUP BY g";

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    int runs = 3;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "rows" -> rows = Long.parseLong(kv[1]);
        case "runs" -> runs = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    try (Postgres pg = Postgres.start()) {
      long t0 = System.nanoTime();
      try (Connection c = pg.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE events AS " + rows("generate_series(CAST(1 AS BIGINT), " + rows + ") AS r(i)",
            "i", "(%s %% %d)"));
        s.execute("ANALYZE events");
      }
      System.out.printf(Locale.ROOT, "PostgreSQL %s: %,d rows loaded in %.1f s%n",
          pg.url(), rows, (System.nanoTime() - t0) / 1e9);
      Connection h2 = DriverManager.getConnection(
          "jdbc:divergence:h2:mem:pushdownbench;DB_CLOSE_DELAY=-1", "sa", "");
      t0 = System.nanoTime();
      try (Statement s = h2.createStatement()) {
        s.execute("CREATE TABLE events AS " + rows("SYSTEM_RANGE(1, " + rows + ")", "X",
            "MOD(%s, %d)"));
      }
      System.out.printf(Locale.ROOT, "H2: the same rows made in %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      Connection calcite = DriverManager.getConnection(
          "jdbc:divergence:calcite:model=inline:" + pg.model());

      List<String> names = List.of("Calcite over PostgreSQL, pushed down",
          "Calcite over PostgreSQL, rows pulled", "H2, same rows embedded");
      List<long[]> times = new ArrayList<>();
      List<Map<Integer, Double>> results = new ArrayList<>();
      for (int n = 0; n < names.size(); n++) {
        times.add(new long[runs]);
        results.add(null);
      }
      for (int run = 0; run < runs; run++) { // interleaved
        for (int n = 0; n < names.size(); n++) {
          System.setProperty(KeyedPushdownRule.SWITCH, String.valueOf(n != 1));
          long start = System.nanoTime();
          Map<Integer, Double> r = query(n == 2 ? h2 : calcite);
          times.get(n)[run] = System.nanoTime() - start;
          results.set(n, r);
        }
      }
      System.setProperty(KeyedPushdownRule.SWITCH, "true");
      try (Statement s = calcite.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + QUERY)) {
        rs.next();
        System.out.println("\nplan, pushed down:\n" + rs.getString(1));
      }
      System.out.printf(Locale.ROOT, "%-38s %12s %7s %9s%n", "query (keyed KL, 1,000 groups x 20 keys)",
          "rows", "runs", "median s");
      for (int n = 0; n < names.size(); n++) {
        long[] t = times.get(n).clone();
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-40s %,12d %5d %9.2f%n", names.get(n), rows, runs,
            t[runs / 2] / 1e9);
      }
      double worst = 0;
      for (int g : results.get(2).keySet()) {
        double want = results.get(2).get(g);
        for (int n = 0; n < 2; n++) {
          double diff = Math.abs(results.get(n).get(g) - want);
          worst = Math.max(worst, diff == 0 ? 0 : diff / Math.abs(want));
        }
      }
      System.out.printf(Locale.ROOT, "largest relative difference from H2 over %d groups: %.2e%n",
          results.get(2).size(), worst);
      calcite.close();
      h2.close();
    }
  }

  private static Map<Integer, Double> query(Connection c) throws SQLException {
    Map<Integer, Double> out = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getDouble(2));
      }
    }
    return out;
  }
}
