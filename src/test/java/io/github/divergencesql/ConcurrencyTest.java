package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.calcite.CalciteEngineTest;
import io.github.divergencesql.h2.H2Functions;
import io.github.divergencesql.testing.TestData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 16 connections query one database at once, through embedded H2, H2 over TCP (loopback), the
 * driver, and Calcite, for a bounded time; every answer must be exactly the single-connection
 * answer. The functions hold no shared mutable state: each group gets its own accumulator.
 */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final long MILLIS_PER_ROUTE = 2_000;
  private static final String[] QUERIES = {
      "SELECT CASE_ID, KL_DIVERGENCE(P, Q), JS_DIVERGENCE(P, Q), PSI(P, Q), "
          + "HELLINGER_DISTANCE(P, Q), TOTAL_VARIATION_DISTANCE(P, Q), CROSS_ENTROPY(P, Q), "
          + "ENTROPY(P) FROM DATA.REFS GROUP BY CASE_ID ORDER BY CASE_ID",
      "SELECT EXPERIMENT, KL_DIVERGENCE_BY(BAND, CASE WHEN ARM = 'A' THEN N END, "
          + "CASE WHEN ARM = 'B' THEN N END, 1), ENTROPY_BY(BAND, N) FROM DATA.RESULTS "
          + "GROUP BY EXPERIMENT ORDER BY EXPERIMENT",
      "SELECT I, KL_DIVERGENCE(P, Q) OVER (PARTITION BY CASE_ID ORDER BY I "
          + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM DATA.REFS WHERE CASE_ID < 3 "
          + "ORDER BY CASE_ID, I",
      "SELECT ID, VAE_KL(MU, LV), GAUSSIAN_KL(0, 1, 0, 2) FROM DATA.LATENT GROUP BY ID ORDER BY ID",
  };

  private static Connection keepAlive;
  private static Server tcp;

  @BeforeAll
  static void start() throws SQLException {
    keepAlive = TestData.create("concurrency");
    H2Functions.install(keepAlive);
    tcp = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
  }

  @AfterAll
  static void stop() throws SQLException {
    tcp.stop();
    keepAlive.close();
  }

  private static Connection connect(String route) throws Exception {
    return switch (route) {
      case "embedded" -> DriverManager.getConnection(TestData.url("concurrency"), "sa", "");
      case "tcp" -> DriverManager.getConnection(
          "jdbc:h2:tcp://127.0.0.1:" + tcp.getPort() + "/mem:concurrency", "sa", "");
      case "driver" -> DriverManager.getConnection(
          "jdbc:divergence:h2:tcp://127.0.0.1:" + tcp.getPort() + "/mem:concurrency", "sa", "");
      case "calcite" -> {
        Properties info = CalciteEngineTest.modelWithData("concurrency");
        yield DriverManager.getConnection("jdbc:divergence:calcite:", info);
      }
      default -> throw new IllegalArgumentException(route);
    };
  }

  private static List<String> answers(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (String q : QUERIES) {
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = s.executeQuery(q)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              b.append(rs.getString(i)).append('|');
            }
            b.append('\n');
          }
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "tcp", "driver", "calcite"})
  void sixteenConnectionsGetTheSingleConnectionAnswers(String route) throws Exception {
    List<String> expected;
    try (Connection c = connect(route)) {
      expected = answers(c);
    }
    assertThat(expected.get(0)).contains("0.0980829253011726"); // the seed case, by hand
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      long deadline = System.currentTimeMillis() + MILLIS_PER_ROUTE;
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Callable<Integer> run = () -> {
          int rounds = 0;
          try (Connection c = connect(route)) {
            do {
              assertThat(answers(c)).isEqualTo(expected);
              rounds++;
            } while (System.currentTimeMillis() < deadline);
          }
          return rounds;
        };
        runs.add(pool.submit(run));
      }
      int total = 0;
      for (Future<Integer> f : runs) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isGreaterThanOrEqualTo(THREADS);
      System.out.printf("%s: %d rounds of %d queries on %d connections%n", route, total,
          QUERIES.length, THREADS);
    } finally {
      pool.shutdownNow();
    }
  }
}
