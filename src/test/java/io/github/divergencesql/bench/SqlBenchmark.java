package io.github.divergencesql.bench;

import io.github.divergencesql.jdbc.DivergenceDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.adapter.java.ReflectiveSchema;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The SQL benchmark: our aggregates against the one-pass formulas a careful user writes by hand,
 * and against the engine merely reading the two columns ({@code MAX(p), MAX(q)}), in H2 (an
 * in-memory table, result reuse off), Calcite (in-memory Java objects) and, as the peer, DuckDB
 * (single-threaded; hand-written formulas only). Every engine reads the same rows:
 * g = i mod groups, p = 0.5 + (7919·i mod 1000)/1000, q = 0.5 + (104729·i mod 997)/997.
 * Queries run interleaved; each cell is the median of the runs. Then growth: H2 over generated
 * rows, against rows and against groups.
 *
 * <p>Arguments: {@code rows=1000000,10000000 groups=1000 runs=5 growth=true
 * engines=h2,calcite,duckdb} (rows= with no value: growth only). Growth takes the median of 3 runs, and one run at 100M rows.
 */
public final class SqlBenchmark {
  /** A query as each engine spells it; null where the engine has no such query. */
  record Query(String name, String h2, String calcite, String duckdb, String handOf) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("rows", "1000000,10000000",
        "groups", "1000", "runs", "5", "growth", "true"));
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    int groups = Integer.parseInt(opts.get("groups"));
    int runs = Integer.parseInt(opts.get("runs"));
    System.out.printf("divergence-sql SQL benchmark: %d cores, Java %s, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("%-8s %-16s %11s %7s %10s %12s %9s %8s%n", "engine", "query", "rows",
        "groups", "median ms", "rows/s", "vs hand", "vs MAX");
    for (String r : opts.get("rows").split(",")) {
      if (r.isBlank()) {
        continue; // rows= (empty): growth only
      }
      long rows = Long.parseLong(r.trim());
      List<String> engines = List.of(opts.getOrDefault("engines", "h2,calcite,duckdb").split(","));
      Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
      if (engines.contains("h2")) {
        ours.put("H2", h2(rows, groups, runs));
      }
      if (engines.contains("calcite")) {
        ours.put("Calcite", calcite(rows, groups, runs));
      }
      if (engines.contains("duckdb")) {
        peerRatios(rows, ours, duckdbs(rows, groups, runs));
      }
    }
    if (Boolean.parseBoolean(opts.get("growth"))) {
      growth(runs);
    }
  }

  static List<Query> queries(String t) {
    String g = "GROUP BY g";
    String kl = "SUM(p * LN(p / q)) / SUM(p) - LN(SUM(p) / SUM(q))";
    String psi = "SUM(p * LN(p / q)) / SUM(p) - SUM(q * LN(p / q)) / SUM(q)";
    String hel = "SQRT(1 - SUM(SQRT(p * q)) / SQRT(SUM(p) * SUM(q)))";
    String js = "SELECT g, 0.5 * SUM(pn * LN(2 * pn / (pn + qn))) + 0.5 * SUM(qn * LN(2 * qn / (pn + qn))) "
        + "FROM (SELECT g, p / SUM(p) OVER (PARTITION BY g) AS pn, q / SUM(q) OVER (PARTITION BY g) AS qn "
        + "FROM " + t + ") AS n " + g;
    List<Query> list = new ArrayList<>();
    list.add(new Query("MAX(p), MAX(q)", "SELECT g, MAX(p), MAX(q) FROM " + t + " " + g, null, null, null));
    if (t.equals("t")) { // H2 (and DuckDB, which skips it): the Java aggregate API's own cost
      list.add(new Query("no-op aggregate", "SELECT g, NOOP_AGGREGATE(p, q) FROM t " + g, null,
          null, "MAX(p), MAX(q)"));
    }
    list.add(new Query("KL hand", "SELECT g, " + kl + " FROM " + t + " " + g, null, null, null));
    list.add(new Query("KL_DIVERGENCE", "SELECT g, KL_DIVERGENCE(p, q) FROM " + t + " " + g, null,
        null, "KL hand"));
    list.add(new Query("PSI hand", "SELECT g, " + psi + " FROM " + t + " " + g, null, null, null));
    list.add(new Query("PSI", "SELECT g, PSI(p, q) FROM " + t + " " + g, null, null, "PSI hand"));
    list.add(new Query("Hellinger hand", "SELECT g, " + hel + " FROM " + t + " " + g, null, null,
        null));
    list.add(new Query("HELLINGER", "SELECT g, HELLINGER_DISTANCE(p, q) FROM " + t + " " + g,
        null, null, "Hellinger hand"));
    list.add(new Query("JS hand", js, null, null, null));
    list.add(new Query("JS_DIVERGENCE", "SELECT g, JS_DIVERGENCE(p, q) FROM " + t + " " + g, null,
        null, "JS hand"));
    return list;
  }

  /**
   * Our fastest path to each KL-like query (KL_DIVERGENCE, PSI, HELLINGER_DISTANCE) against
   * each DuckDB version's hand-written formula for it: the peer ratio.
   */
  static void peerRatios(long rows, Map<String, Map<String, Double>> ours,
      Map<String, Map<String, Double>> duckdbs) {
    String[][] pairs = {{"KL_DIVERGENCE", "KL hand"}, {"PSI", "PSI hand"},
        {"HELLINGER", "Hellinger hand"}, {"JS_DIVERGENCE", "JS hand"}};
    for (var peer : duckdbs.entrySet()) {
      for (String[] pair : pairs) {
        String best = null;
        double bestMs = Double.POSITIVE_INFINITY;
        for (var engine : ours.entrySet()) {
          Double ms = engine.getValue().get(pair[0]);
          if (ms != null && ms < bestMs) {
            bestMs = ms;
            best = engine.getKey();
          }
        }
        Double theirs = peer.getValue().get(pair[1]);
        if (best != null && theirs != null) {
          System.out.printf(Locale.ROOT, "%,d rows: our fastest %s (%s, %.0f ms) against DuckDB "
              + "%s's %s (%.0f ms): %.1f times its time%n", rows, pair[0], best, bestMs,
              peer.getKey(), pair[1], theirs, bestMs / theirs);
        }
      }
    }
  }

  static Map<String, Double> h2(long rows, int groups, int runs) throws SQLException {
    String url = DivergenceDriver.H2_PREFIX + "mem:bench;OPTIMIZE_REUSE_RESULTS=FALSE";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS t");
      s.execute("CREATE TABLE t(g INT, p DOUBLE PRECISION, q DOUBLE PRECISION) AS SELECT "
          + "MOD(X, " + groups + "), 0.5 + MOD(X * 7919, 1000) / 1000e0, "
          + "0.5 + MOD(X * 104729, 997) / 997e0 FROM SYSTEM_RANGE(0, " + (rows - 1) + ")");
      s.execute("CREATE AGGREGATE IF NOT EXISTS NOOP_AGGREGATE FOR '"
          + NoopAggregate.class.getName() + "'");
      Map<String, Double> medians = measure("H2", c, queries("t"), rows, groups, runs, 0);
      s.execute("DROP TABLE t");
      return medians;
    }
  }

  /** The rows of the Calcite benchmark: public fields, as ReflectiveSchema reads them. */
  public static final class Row {
    public final int g;
    public final double p;
    public final double q;

    Row(int g, double p, double q) {
      this.g = g;
      this.p = p;
      this.q = q;
    }
  }

  /** The schema object: one table "t". */
  public static final class Tables {
    public final Row[] t;

    Tables(Row[] t) {
      this.t = t;
    }
  }

  static Map<String, Double> calcite(long rows, int groups, int runs) throws SQLException {
    Row[] data = new Row[Math.toIntExact(rows)];
    for (int i = 0; i < data.length; i++) {
      data[i] = new Row(i % groups, 0.5 + ((i * 7919L) % 1000) / 1000.0,
          0.5 + ((i * 104729L) % 997) / 997.0);
    }
    // lex=JAVA: unquoted identifiers keep their case, as the Java field names do
    try (Connection c = DriverManager.getConnection(DivergenceDriver.CALCITE_PREFIX + "lex=JAVA")) {
      c.unwrap(CalciteConnection.class).getRootSchema().add("b",
          new ReflectiveSchema(new Tables(data)));
      return measure("Calcite", c, queries("b.t"), rows, groups, runs, 0);
    }
  }

  /**
   * DuckDB, each version of {@code target/duckdb/duckdb_jdbc-*.jar} (system property
   * {@code bench.duckdb}, set by the bench profile) in a class loader of its own, so two versions
   * run side by side in one JVM; returns each version's median for every query.
   */
  static Map<String, Map<String, Double>> duckdbs(long rows, int groups, int runs)
      throws Exception {
    Map<String, Map<String, Double>> byVersion = new LinkedHashMap<>();
    String dir = System.getProperty("bench.duckdb");
    java.io.File[] jars = dir == null ? null : new java.io.File(dir).listFiles(
        f -> f.getName().matches("duckdb_jdbc-.*\\.jar"));
    if (jars == null || jars.length == 0) {
      System.out.println("DuckDB: no jars in target/duckdb (run with -Pbench)");
      return byVersion;
    }
    Arrays.sort(jars);
    for (java.io.File jar : jars) {
      String version = jar.getName().replaceAll("duckdb_jdbc-(.*)\\.jar", "$1");
      java.net.URLClassLoader loader = new java.net.URLClassLoader(
          new java.net.URL[] {jar.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
      java.sql.Driver driver = (java.sql.Driver) loader.loadClass("org.duckdb.DuckDBDriver")
          .getDeclaredConstructor().newInstance();
      // the engine column is 8 wide: 1.x prints as DuckDB (as before), 2.x as DuckDB2
      String label = version.startsWith("1.") ? "DuckDB" : "DuckDB" + version.charAt(0);
      System.out.println(label + " is DuckDB " + version + " (" + jar.getName() + ")");
      try (Connection c = driver.connect("jdbc:duckdb:", new java.util.Properties())) {
        byVersion.put(version, duckdb(c, label, rows, groups, runs));
      }
    }
    return byVersion;
  }

  static Map<String, Double> duckdb(Connection c, String engine, long rows, int groups, int runs)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET threads TO 1");
      s.execute("CREATE TABLE t AS SELECT (i % " + groups + ")::INTEGER AS g, "
          + "0.5 + ((i * 7919) % 1000) / 1000.0 AS p, 0.5 + ((i * 104729) % 997) / 997.0 AS q "
          + "FROM range(" + rows + ") r(i)");
      List<Query> hand = new ArrayList<>();
      for (Query q : queries("t")) {
        if (q.handOf() == null) {
          hand.add(q);
        }
      }
      return measure(engine, c, hand, rows, groups, runs, 0);
    }
  }

  /** Runs the queries interleaved, {@code runs} times, and prints one line per query. */
  static Map<String, Double> measure(String engine, Connection c, List<Query> queries, long rows,
      int groups, int runs, int quiet) throws SQLException {
    Map<String, double[]> times = new LinkedHashMap<>();
    for (Query q : queries) {
      times.put(q.name(), new double[runs]);
    }
    try (Statement s = c.createStatement()) {
      for (Query q : queries) {
        consume(s, q.h2()); // warm-up: plan and JIT
      }
      for (int r = 0; r < runs; r++) {
        for (Query q : queries) {
          long t0 = System.nanoTime();
          consume(s, q.h2());
          times.get(q.name())[r] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    times.forEach((k, v) -> {
      Arrays.sort(v);
      medians.put(k, v[v.length / 2]);
    });
    if (quiet == 0) {
      double max = medians.get("MAX(p), MAX(q)");
      for (Query q : queries) {
        double ms = medians.get(q.name());
        String vsHand = q.handOf() == null ? "" : String.format(Locale.ROOT, "%.2f",
            ms / medians.get(q.handOf()));
        System.out.printf(Locale.ROOT, "%-8s %-16s %,11d %7d %10.0f %12s %9s %8.2f%n", engine,
            q.name(), rows, groups, ms, String.format(Locale.ROOT, "%,.0f", rows / ms * 1000),
            vsHand, ms / max);
      }
    }
    return medians;
  }

  static void consume(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      double sum = 0;
      while (rs.next()) {
        sum += rs.getDouble(2);
      }
      if (Double.isNaN(sum)) {
        throw new IllegalStateException("NaN from " + sql);
      }
    }
  }

  /** KL against the hand formula in H2 over generated rows (no table), rows and groups vary. */
  static void growth(int runs) throws SQLException {
    System.out.println();
    System.out.println("Growth (H2, generated rows, no table):");
    System.out.printf("%-16s %11s %9s %10s %12s%n", "query", "rows", "groups", "median ms",
        "rows/s");
    String url = DivergenceDriver.H2_PREFIX + "mem:growth;OPTIMIZE_REUSE_RESULTS=FALSE";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      long[][] cases = {{1_000_000, 1000}, {10_000_000, 1000}, {100_000_000, 1000},
          {10_000_000, 10}, {10_000_000, 100_000}, {10_000_000, 1_000_000}};
      for (long[] rc : cases) {
        long rows = rc[0];
        long groups = rc[1];
        // no derived table: H2 would materialise it; the expressions are written out instead
        String g = "MOD(X, " + groups + ")";
        String p = "CAST(0.5 + MOD(X * 7919, 1000) / 1000.0 AS DOUBLE PRECISION)";
        String q = "CAST(0.5 + MOD(X * 104729, 997) / 997.0 AS DOUBLE PRECISION)";
        String from = " FROM SYSTEM_RANGE(0, " + (rows - 1) + ") GROUP BY " + g;
        List<Query> qs = List.of(
            new Query("KL hand", "SELECT " + g + ", SUM(" + p + " * LN(" + p + " / " + q + ")) / SUM("
                + p + ") - LN(SUM(" + p + ") / SUM(" + q + "))" + from, null, null, null),
            new Query("KL_DIVERGENCE", "SELECT " + g + ", KL_DIVERGENCE(" + p + ", " + q + ")" + from,
                null, null, "KL hand"));
        int n = rows >= 100_000_000 ? 1 : Math.min(runs, 3);
        Map<String, Double> m = measure("H2", c, qs, rows, (int) groups, n, 1);
        for (Query query : qs) {
          double ms = m.get(query.name());
          System.out.printf(Locale.ROOT, "%-16s %,11d %,9d %10.0f %12s%n", query.name(), rows, groups,
              ms, String.format(Locale.ROOT, "%,.0f", rows / ms * 1000));
        }
      }
    }
  }

  private SqlBenchmark() {}
}
