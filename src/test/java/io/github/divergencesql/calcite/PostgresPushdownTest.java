package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
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
      // float4 weights: 1M rows of 0.1 on key 0, one of 1e5 on key 1 (PostgreSQL's sum(real)
      // adds in float4)
      s.execute("CREATE TABLE f4 AS SELECT 1 AS grp, 0 AS k, 0.1::real AS p, 0.1::real AS q "
          + "FROM generate_series(1, 1000000)");
      s.execute("INSERT INTO f4 VALUES (1, 1, 1e5, 2e5)");
      // int4 weights whose per-key sum passes 2^31
      s.execute("CREATE TABLE ints AS SELECT 1 AS grp, i % 2 AS k, 2000000000 AS p, "
          + "1000000000 + i AS q FROM generate_series(1, 6) AS g(i)");
      // int weights given as CASE ... ELSE 0 (Calcite moves the CASE into a FILTER of the sum)
      s.execute("CREATE TABLE arms (grp INT, band INT, arm TEXT, n INT)");
      s.execute("INSERT INTO arms VALUES (1, 1, 'A', 3), (1, 1, 'B', 1), (1, 2, 'A', 1), "
          + "(1, 2, 'B', 3), (1, 3, 'C', 5), (1, 4, 'A', NULL)");
      // keys PostgreSQL takes as equal where Java does not, and bytes
      s.execute("CREATE EXTENSION IF NOT EXISTS citext");
      s.execute("CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', "
          + "deterministic = false)");
      s.execute("CREATE TABLE keys (grp INT, k_citext citext, k_ci text COLLATE ci, "
          + "k_iv interval, k_bytea bytea, k_text text, p float8, q float8)");
      s.execute("INSERT INTO keys VALUES (1, 'a', 'a', '1 day', '\\x01', 'a', 1, 0), "
          + "(1, 'A', 'A', '24 hours', '\\x01', 'A', 0, 1), (1, 'b', 'b', '2 days', '\\x02', "
          + "'b', 1, 1)");
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

  /** The first group's value with pushdown on and off (the pulled rows), and the plans. */
  private static double[] bothPlans(String sql, boolean pushed) throws SQLException {
    assertThat(plan(sql)).as(sql).satisfies(p -> assertThat(p.contains("JdbcAggregate"))
        .as("pushed down: %s", p).isEqualTo(pushed));
    double on = rows(calcite, sql).get(0)[1];
    System.setProperty(KeyedPushdownRule.SWITCH, "false");
    try {
      assertThat(plan(sql)).doesNotContain("JdbcAggregate");
      return new double[] {on, rows(calcite, sql).get(0)[1]};
    } finally {
      System.clearProperty(KeyedPushdownRule.SWITCH);
    }
  }

  @Test
  void float4WeightsAreSummedInDoublePrecision() throws SQLException {
    // was: ENTROPY_BY 0.693146975 pushed (PostgreSQL summed the million 0.1s in float4)
    // keys 0 and 1 weigh 1e6 x float(0.1) = 100000.0015 and 1e5: by hand ENTROPY is ln 2 less
    // (d/2)^2/2 with d = 1.5e-8 relative, ln 2 within 1e-16
    double[] entropy = bothPlans("SELECT grp, ENTROPY_BY(k, p) FROM f4 GROUP BY grp", true);
    assertThat(entropy[0]).isCloseTo(Math.log(2), within(1e-15));
    assertThat(entropy[1]).isCloseTo(Math.log(2), within(1e-15));
    // p = (a, 1e5), q = (a, 2e5) with a = 100000.0015: by hand (a = 1e5 within 1.5e-8)
    // KL = 1/2 ln(3/2) + 1/2 ln(3/4) = 1/2 ln(9/8)
    double[] kl = bothPlans("SELECT grp, KL_DIVERGENCE_BY(k, p, q) FROM f4 GROUP BY grp", true);
    assertThat(kl[0]).isCloseTo(kl[1], within(1e-13 * kl[1]));
    assertThat(kl[1]).isCloseTo(0.5 * Math.log(9.0 / 8), within(1e-8));
  }

  @Test
  void integerWeightsSummingPast2To31PushDown() throws SQLException {
    // was: "Bad value for type int : 6000000000" pushed
    // key 0: p = 3 x 2e9, q = 3e9 + 2 + 4 + 6; key 1: p = 3 x 2e9, q = 3e9 + 1 + 3 + 5
    double[] kl = bothPlans("SELECT grp, KL_DIVERGENCE_BY(k, p, q) FROM ints GROUP BY grp", true);
    // P = (1/2, 1/2), Q = (q0, q1)/T: KL = -1/2 ln(4 q0 q1 / T^2) = -1/2 ln(1 - ((q0 - q1)/T)^2)
    // with q0 - q1 = 3 and T = 6e9 + 21 exactly: 1.25e-19
    double want = -0.5 * Math.log1p(-Math.pow(3 / (6e9 + 21), 2));
    assertThat(kl[0]).isCloseTo(want, within(1e-12 * want));
    assertThat(kl[1]).isCloseTo(want, within(1e-12 * want));
  }

  @Test
  void keysFollowOneEqualityInBothPlans() throws SQLException {
    // was: citext, a case-insensitive ICU collation and interval keys gave KL 0 pushed (the
    // database merged 'a' with 'A', '1 day' with '24 hours') and Infinity pulled. Those keys are
    // not pushed: both plans compare them as Java does ('a' and 'A' two keys: p = (1, 0, 1)/2,
    // q = (0, 1, 1)/2, KL = Infinity)
    for (String key : List.of("k_citext", "k_ci", "k_iv")) {
      double[] kl = bothPlans("SELECT grp, KL_DIVERGENCE_BY(" + key + ", p, q) FROM keys "
          + "GROUP BY grp", false);
      assertThat(kl).as(key).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
    // plain text with the database's deterministic collation is pushed and agrees
    assertThat(bothPlans("SELECT grp, KL_DIVERGENCE_BY(k_text, p, q) FROM keys GROUP BY grp",
        true)).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    // bytes compare by content in both: \x01 twice is one key, p = q = (1, 1)/2, KL 0
    // (was: "[B cannot be cast to ByteString" in both plans)
    assertThat(bothPlans("SELECT grp, KL_DIVERGENCE_BY(k_bytea, p, q) FROM keys GROUP BY grp",
        true)).containsExactly(0.0, 0.0);
  }

  @Test
  void aTextAlphaLiteralIsReadInBothPlans() throws SQLException {
    // psycopg2 inlines a parameter as '0.5': the pushed plan's upper half took it as a double
    // literal and failed with an AssertionError. hand: the hand table's group 1 with alpha
    // given as text equals the same with alpha as a number
    String text = "SELECT grp, KL_DIVERGENCE_BY(band, p, q, '0.5') FROM hand GROUP BY grp";
    String number = "SELECT grp, KL_DIVERGENCE_BY(band, p, q, 0.5) FROM hand GROUP BY grp";
    double[] both = bothPlans(text, true);
    double want = rows(calcite, number).get(0)[1];
    assertThat(both).containsExactly(want, want);
    assertThat(want).isPositive();
  }

  @Test
  void caseElseZeroWeightsKeepTheirZeroOutcomesPushedDown() throws SQLException {
    // was (review): pushed, a key outside both arms summed to NULL and was no outcome; pulled,
    // it is (0, 0), which alpha smooths. By hand with alpha = 0.5: bands 1 and 2 are (3, 1) and
    // (1, 3), bands 3 (arm C) and 4 (n NULL on arm A: p NULL, q 0) are (0, 0):
    // P = (3.5, 1.5, .5, .5)/6, Q = (1.5, 3.5, .5, .5)/6
    double kl = 3.5 / 6 * Math.log(3.5 / 1.5) + 1.5 / 6 * Math.log(1.5 / 3.5);
    double[] both = bothPlans("SELECT grp, KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' THEN n "
        + "ELSE 0 END, CASE WHEN arm = 'B' THEN n ELSE 0 END, 0.5) FROM arms GROUP BY grp", true);
    assertThat(both[0]).isCloseTo(kl, within(1e-15));
    assertThat(both[1]).isCloseTo(kl, within(1e-15));
  }
}
