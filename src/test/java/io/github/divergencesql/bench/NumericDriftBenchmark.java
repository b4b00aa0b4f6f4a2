package io.github.divergencesql.bench;

import io.github.divergencesql.jdbc.DivergenceDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.adapter.java.ReflectiveSchema;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * docs/performance.md's numeric-drift benchmark: one group of n reference and n current values (default 10
 * million a side) in H2 (an in-memory table) and Calcite (Java objects), through the exact and
 * APPROX_ forms, against reading the two columns (MAX) and, in H2, the binned PSI written by
 * hand as in examples/drift_numeric.sql (run once). Median of the runs. Not a test:
 * {@code mvn -Pbench -DskipTests test-compile exec:exec@drift [-Dbench.args="rows=1000000"]}.
 */
public final class NumericDriftBenchmark {
  private NumericDriftBenchmark() {}

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("MAX(x), MAX(y)", "SELECT MAX(x) + MAX(y) FROM %s");
    QUERIES.put("PSI_BINNED", "SELECT PSI_BINNED(x, y) FROM %s");
    QUERIES.put("KS_PVALUE", "SELECT KS_PVALUE(x, y) FROM %s");
    QUERIES.put("KS_STATISTIC", "SELECT KS_STATISTIC(x, y) FROM %s");
    QUERIES.put("WASSERSTEIN", "SELECT WASSERSTEIN_DISTANCE(x, y) FROM %s");
    QUERIES.put("MANN_WHITNEY_U_PVALUE", "SELECT MANN_WHITNEY_U_PVALUE(x, y) FROM %s");
    QUERIES.put("WELCH_T_PVALUE", "SELECT WELCH_T_PVALUE(x, y) FROM %s");
    QUERIES.put("ANDERSON_DARLING_PVALUE", "SELECT ANDERSON_DARLING_PVALUE(x, y) FROM %s");
    QUERIES.put("CRAMER_VON_MISES_PVALUE", "SELECT CRAMER_VON_MISES_PVALUE(x, y) FROM %s");
    QUERIES.put("ENERGY_DISTANCE", "SELECT ENERGY_DISTANCE(x, y) FROM %s");
    QUERIES.put("APPROX_PSI_BINNED", "SELECT APPROX_PSI_BINNED(x, y) FROM %s");
    QUERIES.put("APPROX_KS_PVALUE", "SELECT APPROX_KS_PVALUE(x, y) FROM %s");
    QUERIES.put("APPROX_WASSERSTEIN", "SELECT APPROX_WASSERSTEIN_DISTANCE(x, y) FROM %s");
  }

  /**
   * The binned PSI of examples/drift_numeric.sql written by hand over the deciles of x, as
   * statements: the edges (PERCENTILE_CONT cast to DOUBLE PRECISION: H2 returns DECFLOAT, and
   * comparing ten million doubles with DECFLOAT edges takes minutes) into a table, each side's
   * bin counts (edges below the value, by CASE), the sum. Timed together, run once.
   */
  private static String hand(long rows) {
    StringBuilder edges = new StringBuilder();
    StringBuilder bx = new StringBuilder();
    StringBuilder by = new StringBuilder();
    for (int j = 1; j < 10; j++) {
      edges.append(j == 1 ? "" : ", ").append("CAST(PERCENTILE_CONT(0.").append(j)
          .append(") WITHIN GROUP (ORDER BY x) AS DOUBLE PRECISION) AS e").append(j);
      bx.append(j == 1 ? "" : " + ").append("CASE WHEN t.x > q.e").append(j)
          .append(" THEN 1 ELSE 0 END");
      by.append(j == 1 ? "" : " + ").append("CASE WHEN t.y > q.e").append(j)
          .append(" THEN 1 ELSE 0 END");
    }
    return "CREATE TABLE q AS SELECT " + edges + " FROM t;"
        + "CREATE TABLE cx AS SELECT b, COUNT(*) AS n FROM (SELECT " + bx
        + " AS b FROM t CROSS JOIN q) z GROUP BY b;"
        + "CREATE TABLE cy AS SELECT b, COUNT(*) AS n FROM (SELECT " + by
        + " AS b FROM t CROSS JOIN q) z GROUP BY b;"
        + "SELECT SUM((cx.n * 1e0 / " + rows + " - cy.n * 1e0 / " + rows + ") "
        + "* LN((cx.n * 1e0) / cy.n)) FROM cx JOIN cy ON cx.b = cy.b;"
        + "DROP TABLE q; DROP TABLE cx; DROP TABLE cy";
  }

  /** Calcite's rows: public fields, as ReflectiveSchema reads them. */
  public static final class Row {
    public final double x;
    public final double y;

    Row(double x, double y) {
      this.x = x;
      this.y = y;
    }
  }

  /** Calcite's schema object: one table "t". */
  public static final class Tables {
    public final Row[] t;

    Tables(Row[] t) {
      this.t = t;
    }
  }

  private static double x(long i) {
    return 0.5 + ((i * 7919L) % 1000) / 1000.0;
  }

  private static double y(long i) {
    return 0.55 + ((i * 104729L) % 997) / 997.0;
  }

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
    System.out.printf(Locale.ROOT, "%-8s %-20s %12s %10s %14s %12s%n", "engine", "query",
        "values/side", "median ms", "values/s", "vs MAX");
    try (Connection h2 = DriverManager.getConnection(
        DivergenceDriver.H2_PREFIX + "mem:driftbench;DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE t AS SELECT X AS id, 0.5e0 + MOD(X * 7919, 1000) / 1000e0 AS x, "
          + "0.55e0 + MOD(X * 104729, 997) / 997e0 AS y FROM SYSTEM_RANGE(0, " + (rows - 1) + ")");
      Map<String, String> h2Queries = new LinkedHashMap<>();
      QUERIES.forEach((k, v) -> h2Queries.put(k, v.formatted("t")));
      measure("H2", h2, h2Queries, rows, runs);
      measure("H2", h2, Map.of("PSI by hand", hand(rows)), rows, 1);
      s.execute("DROP TABLE t");
    }
    Row[] data = new Row[Math.toIntExact(rows)];
    for (int i = 0; i < data.length; i++) {
      data[i] = new Row(x(i), y(i));
    }
    try (Connection c = DriverManager.getConnection(DivergenceDriver.CALCITE_PREFIX + "lex=JAVA")) {
      c.unwrap(CalciteConnection.class).getRootSchema().add("b",
          new ReflectiveSchema(new Tables(data)));
      Map<String, String> calciteQueries = new LinkedHashMap<>();
      QUERIES.forEach((k, v) -> calciteQueries.put(k, v.formatted("b.t")));
      measure("Calcite", c, calciteQueries, rows, runs);
    }
  }

  private static void measure(String engine, Connection c, Map<String, String> queries, long rows,
      int runs) throws SQLException {
    Map<String, double[]> times = new LinkedHashMap<>();
    Map<String, Double> values = new LinkedHashMap<>();
    queries.keySet().forEach(k -> times.put(k, new double[runs]));
    try (Statement s = c.createStatement()) {
      for (int r = 0; r < runs; r++) {
        for (Map.Entry<String, String> q : queries.entrySet()) {
          long t0 = System.nanoTime();
          for (String sql : q.getValue().split(";\\s*")) {
            if (s.execute(sql)) {
              try (ResultSet rs = s.getResultSet()) {
                rs.next();
                values.put(q.getKey(), rs.getDouble(1));
              }
            }
          }
          times.get(q.getKey())[r] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    double[] max = times.getOrDefault("MAX(x), MAX(y)", new double[runs]).clone();
    Arrays.sort(max);
    for (String q : queries.keySet()) {
      double[] t = times.get(q).clone();
      Arrays.sort(t);
      double ms = t[runs / 2];
      System.out.printf(Locale.ROOT, "%-8s %-20s %,12d %10.0f %,14.0f %12.2f   (%s)%n", engine, q,
          rows, ms, rows / ms * 1000, ms / max[runs / 2], values.get(q));
    }
  }
}
