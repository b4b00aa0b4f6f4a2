package io.github.divergencesql.bench;

import io.github.divergencesql.pg.PgUsers;
import io.github.divergencesql.pg.PgWireServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * docs/performance.md "PostgreSQL wire": what the PostgreSQL wire costs. A 1M-row
 * {@code SELECT *} (BIGINT, VARCHAR, DOUBLE) read by pgjdbc and by psycopg2 through the server,
 * and a keyed KL over 10M rows (1,000 groups, 20 keys) through it, each against the same query
 * through our JDBC driver in the same JVM. The server runs in this JVM over an in-memory H2
 * database; psycopg2 is Debian's python3 in its own process. Prints the median of {@code runs}.
 * Not a test: {@code mvn -Pbench -DskipTests test-compile exec:exec@pgwire
 * [-Dbench.args="rows=1000000 keyedRows=10000000 runs=3"]}.
 */
public final class PgWireBenchmark {
  private static final String URL = "jdbc:divergence:h2:mem:pgwirebench;DB_CLOSE_DELAY=-1";
  private static final String PASSWORD = "bench-secret";
  private static final String KEYED = "SELECT g, KL_DIVERGENCE_BY(k, CASE WHEN period = 'ref' "
      + "THEN w END, CASE WHEN period = 'cur' THEN w END) AS kl FROM events GROUP BY g";

  private PgWireBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    long keyedRows = 10_000_000;
    int runs = 3;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "rows" -> rows = Long.parseLong(kv[1]);
        case "keyedRows" -> keyedRows = Long.parseLong(kv[1]);
        case "runs" -> runs = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Properties sa = new Properties();
    sa.setProperty("user", "sa");
    sa.setProperty("password", "");
    try (Connection direct = DriverManager.getConnection(URL, sa);
        Statement s = direct.createStatement()) {
      long t0 = System.nanoTime();
      s.execute("CREATE TABLE big AS SELECT X AS id, 'row ' || X AS label, X / 7.0E0 AS w "
          + "FROM SYSTEM_RANGE(1, " + rows + ")");
      s.execute("CREATE TABLE events AS SELECT MOD(X, 1000) AS g, MOD(X / 1000, 20) AS k, "
          + "CASE WHEN MOD(X, 2) = 0 THEN 'ref' ELSE 'cur' END AS period, "
          + "CAST(0.5 + MOD(X * 7919, 1000) / 1000.0 AS DOUBLE PRECISION) AS w "
          + "FROM SYSTEM_RANGE(1, " + keyedRows + ")");
      System.out.printf(Locale.ROOT, "divergence-sql PostgreSQL wire benchmark: %d cores, Java "
          + "%s, max heap %d MiB; %,d + %,d rows loaded in %.1f s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() >> 20, rows, keyedRows,
          (System.nanoTime() - t0) / 1e9);
      try (PgWireServer server = new PgWireServer(new PgWireServer.Config(
          InetAddress.getLoopbackAddress(), 0, URL, sa,
          PgUsers.parse("bench:" + PASSWORD, "bench"), 8, 10, 0, 0))) {
        String pgUrl = "jdbc:postgresql://127.0.0.1:" + server.port() + "/bench?user=bench"
            + "&password=" + PASSWORD + "&defaultRowFetchSize=10000";
        report("SELECT * (" + rows + " rows), JDBC driver", runs,
            () -> readAll(direct, "SELECT * FROM big"));
        report("SELECT * (" + rows + " rows), pgjdbc via --pg", runs, () -> {
          try (Connection c = DriverManager.getConnection(pgUrl)) {
            c.setAutoCommit(false); // a fetch size streams only inside a transaction
            return readAll(c, "SELECT * FROM big");
          }
        });
        report("SELECT * (" + rows + " rows), psycopg2 via --pg", runs,
            () -> psycopg2(server.port(), "SELECT * FROM big"));
        report("keyed KL (" + keyedRows + " rows), JDBC driver", runs,
            () -> readAll(direct, KEYED));
        report("keyed KL (" + keyedRows + " rows), pgjdbc via --pg", runs, () -> {
          try (Connection c = DriverManager.getConnection(pgUrl)) {
            return readAll(c, KEYED);
          }
        });
      }
    }
  }

  private interface Run {
    long rows() throws Exception;
  }

  private static void report(String what, int runs, Run run) throws Exception {
    double[] seconds = new double[runs];
    long n = 0;
    run.rows(); // warm-up
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      n = run.rows();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    System.out.printf(Locale.ROOT, "%-48s %8.2f s  (%,d rows; runs %s)%n", what,
        seconds[runs / 2], n, Arrays.toString(seconds));
  }

  private static long readAll(Connection c, String sql) throws Exception {
    long n = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
          n++;
        }
      }
    }
    return n;
  }

  /** psycopg2 in Debian's python3: the rows it fetched, timed from outside. */
  private static long psycopg2(int port, String sql) throws Exception {
    String script = "import psycopg2, sys\n"
        + "c = psycopg2.connect(host='127.0.0.1', port=" + port + ", dbname='bench', "
        + "user='bench', password='" + PASSWORD + "')\n"
        + "cur = c.cursor()\n"
        + "cur.execute(\"" + sql + "\")\n"
        + "print(len(cur.fetchall()))\n";
    Path file = Files.createTempFile("pgwire-bench", ".py");
    try {
      Files.writeString(file, script);
      String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
          : "python3";
      Process p = new ProcessBuilder(python, file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("psycopg2 failed: " + out);
      }
      return Long.parseLong(out);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
