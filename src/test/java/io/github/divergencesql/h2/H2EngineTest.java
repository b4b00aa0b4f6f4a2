package io.github.divergencesql.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.EngineContract;
import io.github.divergencesql.testing.TestData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine contract in embedded H2, plus H2's registration and its errors' SQLStates. */
class H2EngineTest extends EngineContract {
  private static Connection data;
  private static Connection h2;

  @BeforeAll
  static void open() throws SQLException {
    data = TestData.create("h2engine");
    h2 = DriverManager.getConnection(TestData.url("h2engine"), "sa", "");
    H2Functions.install(h2);
  }

  @AfterAll
  static void close() throws SQLException {
    h2.close();
    data.close();
  }

  @Override
  protected Connection connection() {
    return h2;
  }

  @Override
  protected void assertOurError(SQLException e, String function, String value) {
    assertThat(e.getSQLState()).isEqualTo(InvalidArgumentException.SQL_STATE);
    assertThat(e.getMessage()).startsWith(function + ": ").contains("got " + value);
  }

  private static Set<String> registeredNames(Connection c) throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void installScriptRegistersEveryFunctionAndIsSafeToRunTwice() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:install")) {
      try (Statement s = c.createStatement()) {
        // the file a user runs, from the project root (Maven runs tests there)
        s.execute("RUNSCRIPT FROM 'sql/h2/install.sql'");
        s.execute("RUNSCRIPT FROM 'sql/h2/install.sql'");
      }
      H2Functions.install(c);
      Set<String> names = registeredNames(c);
      for (DivergenceFunction f : DivergenceFunction.values()) {
        assertThat(names).contains(f.name());
      }
    }
  }

  @Test
  void wrongArgumentTypeOrCountIsRejectedWhenCompiled() {
    assertThatThrownBy(() -> query("SELECT KL_DIVERGENCE('a', Q) FROM DATA.REFS"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo(H2Functions.WRONG_TYPE);
          assertThat(e.getMessage()).startsWith("KL_DIVERGENCE: p must be numeric, got VARCHAR");
        });
    assertThatThrownBy(() -> query("SELECT ENTROPY(P, Q) FROM DATA.REFS"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo(InvalidArgumentException.SQL_STATE);
          assertThat(e.getMessage()).startsWith("ENTROPY: expects ENTROPY(p), got 2 arguments");
        });
    assertThatThrownBy(() -> query("SELECT PSI(P) FROM DATA.REFS"))
        .hasMessageStartingWith("PSI: expects PSI(p, q [, alpha]), got 1 argument");
    assertThatThrownBy(() -> query("SELECT PSI_BY(I, P) FROM DATA.REFS"))
        .hasMessageStartingWith("PSI_BY: expects PSI_BY(key, p, q [, alpha]), got 2 arguments");
    // the tests of homogeneity take no alpha: their counts are the samples
    assertThatThrownBy(() -> query("SELECT G_TEST_STATISTIC(P, Q, 1) FROM DATA.REFS"))
        .hasMessageStartingWith("G_TEST_STATISTIC: expects G_TEST_STATISTIC(p, q), got 3 "
            + "arguments");
    assertThatThrownBy(() -> query("SELECT CHI_SQUARE_PVALUE_BY(I, P, Q, 1) FROM DATA.REFS"))
        .hasMessageStartingWith("CHI_SQUARE_PVALUE_BY: expects CHI_SQUARE_PVALUE_BY(key, p, q), "
            + "got 4 arguments");
  }

  @Test
  void gaussianKlErrorsCarrySqlState22() {
    assertThatThrownBy(() -> query("SELECT GAUSSIAN_KL(0, 0, 0, 1)"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("22023");
          assertThat(e.getMessage()).startsWith("GAUSSIAN_KL: sigma1 must be finite and > 0, got 0.0");
        });
  }

  @Override
  protected String driverUrl() {
    return "jdbc:divergence:h2:mem:params;DB_CLOSE_DELAY=-1";
  }

  @Test
  void keysFollowH2sEqualityIncludingVarcharIgnorecase() throws SQLException {
    // was: Infinity, while H2's own COUNT(DISTINCT k) saw 'a' and 'A' as one key
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:ignorecase", "sa",
        "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(k VARCHAR_IGNORECASE, v VARCHAR, p INT, q INT)");
      s.execute("INSERT INTO t VALUES ('a', 'a', 1, 0), ('A', 'A', 0, 1), ('b', 'b', 1, 1), "
          + "('\u00c9', '\u00c9', 2, 0), ('\u00e9', '\u00e9', 0, 2)");
      // one key 'a'/'A' (p = q = 1), 'b' (1, 1), 'É'/'é' (2, 2): p = q, KL exactly 0; and the
      // VARCHAR column in the same query keeps them apart: Infinity
      try (ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE_BY(k, p, q), COUNT(DISTINCT k), "
          + "KL_DIVERGENCE_BY(v, p, q), COUNT(DISTINCT v) FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(0.0);
        assertThat(rs.getLong(2)).isEqualTo(3);
        assertThat(rs.getDouble(3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(rs.getLong(4)).isEqualTo(5);
      }
      // as a window function too
      try (ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE_BY(k, p, q) OVER () FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(0.0);
      }
    }
    assertThat(H2Aggregate.foldCase("StraSSe")).isEqualTo(H2Aggregate.foldCase("strasse"));
  }
}
