package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keyed forms over a real PostgreSQL server through {@code jdbc:divergence:calcite:} with a
 * {@code jdbc} schema: the database sums each (group, key) ({@code JdbcAggregate} in the plan),
 * and the results equal the pulled-rows computation (the same rows in embedded H2, where every
 * row reaches our accumulators) within 1e-13; bad weights stay errors.
 */
class PostgresPushdownTest {
  private static Postgres pg;
  private static Connection calcite;
  private static Connection h2;

  /** Long data: 40 groups, 12 keys, a reference and a current period; NULLs and zeros. */
  private static final String EVENTS = "CREATE TABLE events AS SELECT i % 40 AS grp, "
      + "(i * 7) % 12 AS band, CASE WHEN i % 3 = 0 THEN 'ref' ELSE 'cur' END AS period, "
      + "CASE WHEN i % 97 = 0 THEN NULL ELSE ((i * 7919) % 1000) / 8.0 END::float8 AS w, "
      + "CAST(i % 5 AS DOUBLE PRECISION) AS alpha FROM generate_series(1, 20000) AS g(i)";

  @BeforeAll
  static void start() throws Exception {
    pg = Postgres.start();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute(EVENTS);
      s.execute("CREATE TABLE hand (grp INT, band INT, p DOUBLE PRECISION, q DOUBLE PRECISION)");
      s.execute("INSERT INTO hand VALUES (1, 1, 1, NULL), (1, 1, NULL, 2), (1, 2, 2, 1), "
          + "(1, 2, 1, 1), (2, 1, NULL, NULL), (2, 2, 0, 5)");
      s.execute("CREATE TABLE bad (grp INT, band INT, p DOUBLE PRECISION, q DOUBLE PRECISION, "
          + "a DOUBLE PRECISION)");
    }
    calcite = DriverManager.getConnection("jdbc:divergence:calcite:model=inline:" + pg.model());
    h2 = DriverManager.getConnection("jdbc:divergence:h2:mem:pushdown;DB_CLOSE_DELAY=-1", "sa", "");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE events (grp INT, band INT, period VARCHAR, w DOUBLE PRECISION, "
          + "alpha DOUBLE PRECISION)");
    }
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT grp, band, period, w, alpha FROM events");
        PreparedStatement insert = h2.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
      while (rs.next()) {
        for (int i = 1; i <= 5; i++) {
          insert.setObject(i, rs.getObject(i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (calcite != null) {
      calcite.close();
    }
    if (h2 != null) {
      h2.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  /** Every keyed form, with and without alpha, as SQL over the events table. */
  private static List<String> keyedCalls() {
    List<String> calls = new ArrayList<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.shape() == DivergenceFunction.Shape.KEYED_UNARY) {
        calls.add(f.name() + "(band, w)");
      } else if (f.shape() == DivergenceFunction.Shape.KEYED_PAIR) {
        String pq = "band, CASE WHEN period = 'ref' THEN w END, CASE WHEN period = 'cur' THEN w END";
        calls.add(f.name() + "(" + pq + ")");
        if (f.arities().contains(4)) { // the tests of homogeneity take no alpha
          calls.add(f.name() + "(" + pq + ", 0.5)");
        }
      }
    }
    return calls;
  }

  private static String plan(String sql) throws SQLException {
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<double[]> rows(Connection c, String sql) throws SQLException {
    List<double[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new double[] {rs.getInt(1), rs.getDouble(2), rs.wasNull() ? 1 : 0});
      }
    }
    return rows;
  }

  @Test
  void theDatabaseSumsEveryKeyedForm() throws SQLException {
    for (String call : keyedCalls()) {
      String plan = plan("SELECT grp, " + call + " FROM events GROUP BY grp");
      assertThat(plan).as(call).contains("JdbcAggregate(group=[{0, 1}]")
          .contains("$SUMMED").doesNotContain("JdbcToEnumerableConverter\n        JdbcProject");
    }
    // a column alpha joins the database's GROUP BY, so "the same on every row" still holds
    assertThat(plan("SELECT grp, KL_DIVERGENCE_BY(band, w, w, alpha) FROM events GROUP BY grp"))
        .contains("JdbcAggregate(group=[{0, 1, 4}]");
    // the plain forms treat each row as an outcome: rows travel
    assertThat(plan("SELECT grp, KL_DIVERGENCE(w, w) FROM events GROUP BY grp"))
        .doesNotContain("JdbcAggregate").contains("EnumerableAggregate");
  }

  @Test
  void resultsEqualThePulledRows() throws SQLException {
    for (String call : keyedCalls()) {
      String sql = "SELECT grp, " + call + " FROM events GROUP BY grp ORDER BY grp";
      List<double[]> pushed = rows(calcite, sql);
      List<double[]> pulled = rows(h2, sql);
      assertThat(pushed).as(call).hasSize(40).hasSameSizeAs(pulled);
      for (int i = 0; i < pushed.size(); i++) {
        double want = pulled.get(i)[1];
        assertThat(pushed.get(i)[0]).isEqualTo(pulled.get(i)[0]);
        assertThat(pushed.get(i)[1]).as("%s group %s", call, pushed.get(i)[0])
            .isCloseTo(want, within(1e-13 * Math.abs(want)));
      }
    }
  }

  @Test
  void handDerivedValuesAndTheNullRule() throws SQLException {
    // group 1: key 1 sums (1, 2), key 2 sums (3, 2): p = (1/4, 3/4), q = (1/2, 1/2)
    // group 2: key 1 has both NULL (no outcome), key 2 is (0, 5): the p side has no mass, NULL
    List<double[]> rows = rows(calcite,
        "SELECT grp, KL_DIVERGENCE_BY(band, p, q) FROM hand GROUP BY grp ORDER BY grp");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)[1]).isCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5),
        within(1e-16));
    assertThat(rows.get(1)[2]).isEqualTo(1); // SQL NULL
    // alpha = 1 on each key's sums: p = (2, 4)/6, q = (3, 3)/6; group 2 only key 2 is an
    // outcome: p = (1), q = (1) after smoothing, KL 0
    List<double[]> smoothed = rows(calcite,
        "SELECT grp, KL_DIVERGENCE_BY(band, p, q, 1) FROM hand GROUP BY grp ORDER BY grp");
    assertThat(smoothed.get(0)[1]).isCloseTo(
        (1.0 / 3) * Math.log(2.0 / 3) + (2.0 / 3) * Math.log(4.0 / 3), within(1e-16));
    assertThat(smoothed.get(1)[1]).isEqualTo(0.0);
  }

  @Test
  void badWeightsAndAlphasStayErrors() throws SQLException {
    // each bad value hides in a key whose sum alone would pass: -1 beside 5, NaN, Infinity
    String[][] cases = {
        {"(1, 1, 5, 1, 1), (1, 1, -1, 1, 1)", "p must be a finite non-negative weight, got -1.0"},
        {"(1, 1, 1, 'NaN', 1)", "q must be a finite non-negative weight, got NaN"},
        {"(1, 1, 'Infinity', 1, 1)", "p must be a finite non-negative weight, got Infinity"},
        {"(1, 1, 1, 1, 1), (1, 2, 1, 1, 2)", "alpha must be the same on every row"},
        {"(1, 1, 1, 1, NULL)", "alpha must not be NULL"}};
    for (String[] c : cases) {
      try (Connection p = pg.connect(); Statement s = p.createStatement()) {
        s.execute("DELETE FROM bad");
        s.execute("INSERT INTO bad VALUES " + c[0]);
      }
      String sql = "SELECT grp, KL_DIVERGENCE_BY(band, p, q, a) FROM bad GROUP BY grp";
      assertThat(plan(sql)).contains("JdbcAggregate");
      assertThatThrownBy(() -> rows(calcite, sql)).as(c[0])
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getMessage()).contains("KL_DIVERGENCE_BY: " + c[1]);
            assertThat(e.getSQLState()).startsWith("22");
          });
    }
  }

  @Test
  void weightsNearTheDoubleRangeAgreeAndOneKeysOverflowIsAnErrorBothWays() throws SQLException {
    // three keys of 1e308 each: the group's total is beyond the double range, which our
    // accumulator carries; each key's sum is not, so the database's sums are exact.
    // p = (1, 1, 1)/3, q = (1, 2, 1)/4: KL = (2 ln(4/3) + ln(2/3)) / 3, by hand
    String sql = "SELECT grp, KL_DIVERGENCE_BY(band, p, q) FROM bad GROUP BY grp";
    try (Connection p = pg.connect(); Statement s = p.createStatement()) {
      s.execute("DELETE FROM bad");
      s.execute("INSERT INTO bad VALUES (1, 1, 1e308, 1, 1), (1, 2, 1e308, 2, 1), "
          + "(1, 3, 1e308, 1, 1)");
    }
    double kl = (2 * Math.log(4.0 / 3) + Math.log(2.0 / 3)) / 3;
    assertThat(plan(sql)).contains("JdbcAggregate");
    assertThat(rows(calcite, sql).get(0)[1]).isCloseTo(kl, within(1e-15));
    // one key's sum beyond the double range: PostgreSQL refuses the overflow; the pulled rows
    // (-Ddivergence.pushdown=false) meet our per-key limit; an error either way
    try (Connection p = pg.connect(); Statement s = p.createStatement()) {
      s.execute("INSERT INTO bad VALUES (1, 1, 1e308, 1, 1)");
    }
    assertThatThrownBy(() -> rows(calcite, sql)).isInstanceOf(SQLException.class)
        .hasStackTraceContaining("value out of range: overflow");
    System.setProperty(KeyedPushdownRule.SWITCH, "false");
    try {
      assertThat(plan(sql)).doesNotContain("JdbcAggregate");
      assertThatThrownBy(() -> rows(calcite, sql)).isInstanceOf(SQLException.class)
          .hasMessageContaining("KL_DIVERGENCE_BY: sum of p for one key overflows the double "
              + "range");
    } finally {
      System.clearProperty(KeyedPushdownRule.SWITCH);
    }
  }
}
