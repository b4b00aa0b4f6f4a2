package io.github.divergencesql.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * End-to-end behaviour of every function through a real JDBC connection; each engine's test
 * extends this and supplies the connection, so both engines answer the same SQL text. Expected
 * values are mpmath references ({@link ReferenceCases}) or derived by hand in the comments.
 */
public abstract class EngineContract {
  private static final double TOL = 1e-15;

  /** A connection with every function registered and schema DATA of {@link TestData}. */
  protected abstract Connection connection();

  /** Checks an error raised by one of our functions as this engine reports it. */
  protected abstract void assertOurError(SQLException e, String function, String value);

  /** A {@code jdbc:divergence:} URL of this engine (user sa, empty password). */
  protected abstract String driverUrl();

  protected List<Object[]> query(String sql) throws SQLException {
    return TestData.rows(connection(), sql);
  }

  protected Double one(String sql) throws SQLException {
    List<Object[]> rows = query(sql);
    assertThat(rows).hasSize(1);
    return rows.get(0)[0] == null ? null : ((Number) rows.get(0)[0]).doubleValue();
  }

  @Test
  void everyMeasureMatchesTheReferencesThroughSql() throws SQLException {
    List<Object[]> rows = query("SELECT CASE_ID, KL_DIVERGENCE(P, Q), KL_DIVERGENCE(Q, P), "
        + "JS_DIVERGENCE(P, Q), CROSS_ENTROPY(P, Q), ENTROPY(P), PSI(P, Q), "
        + "HELLINGER_DISTANCE(P, Q), TOTAL_VARIATION_DISTANCE(P, Q) "
        + "FROM DATA.REFS GROUP BY CASE_ID ORDER BY CASE_ID");
    assertThat(rows).hasSize(ReferenceCases.CASES.size());
    String[] measures = {"KL_DIVERGENCE", "KL_DIVERGENCE reversed", "JS_DIVERGENCE",
        "CROSS_ENTROPY", "ENTROPY", "PSI", "HELLINGER_DISTANCE", "TOTAL_VARIATION_DISTANCE"};
    for (Object[] row : rows) {
      ReferenceCases.Case c = ReferenceCases.CASES.get(((Number) row[0]).intValue());
      for (int m = 0; m < measures.length; m++) {
        double expected = ReferenceCases.expected(c, measures[m]);
        double actual = ((Number) row[m + 1]).doubleValue();
        assertThat(ReferenceCases.relativeError(actual, expected))
            .as("%s %s: got %s, want %s", c.name(), measures[m], actual, expected)
            .isLessThanOrEqualTo(1e-12);
      }
    }
  }

  @Test
  void weightsSpanningTheDoubleRangeGiveTheReferencesInBothRowOrders() throws SQLException {
    // every function over pivot rows, plain, keyed and smoothed with α = 0, against mpmath at
    // 800 digits (WideRangeCases), first to last and last to first
    for (WideRangeCases.Case c : WideRangeCases.CASES) {
      for (boolean reversed : new boolean[] {false, true}) {
        Object[] row = query(WideRangeCases.query(c, reversed)).get(0);
        double[] values = new double[row.length];
        for (int i = 0; i < row.length; i++) {
          values[i] = ((Number) row[i]).doubleValue();
        }
        WideRangeCases.assertRow(c, reversed, values);
      }
    }
  }

  @Test
  void seedExampleIs0098NatsInBothDirections() throws SQLException {
    Double pq = one("SELECT KL_DIVERGENCE(P, Q) FROM DATA.REFS WHERE CASE_ID = 0");
    Double qp = one("SELECT KL_DIVERGENCE(Q, P) FROM DATA.REFS WHERE CASE_ID = 0");
    assertThat(pq).isCloseTo(0.0980829253011726, within(1e-16));
    assertThat(qp).isCloseTo(0.0980829253011726, within(1e-16));
  }

  @Test
  void pivotNullsAreZeroMassAndEmptySidesGiveNull() throws SQLException {
    List<Object[]> rows = query("SELECT G, KL_DIVERGENCE(P, Q), JS_DIVERGENCE(P, Q), "
        + "CROSS_ENTROPY(P, Q), ENTROPY(P), PSI(P, Q), HELLINGER_DISTANCE(P, Q), "
        + "TOTAL_VARIATION_DISTANCE(P, Q) FROM DATA.PIVOT GROUP BY G ORDER BY G");
    assertThat(rows).hasSize(3);
    // 'allnull': no row with a non-NULL value
    assertThat(rows.get(0)).containsExactly("allnull", null, null, null, null, null, null, null);
    // 'mixed': p = (½, 0, ½), q = (0, ½, ½); M = (¼, ¼, ½): D(P‖M) = ½ln2 = D(Q‖M), JS = ½ln2;
    // Σ√(pq) = ½, Hellinger = √½; TV = ½(½ + ½) = ½; H(P) = ln 2; KL, CE, PSI infinite
    Object[] mixed = rows.get(1);
    assertThat(mixed[0]).isEqualTo("mixed");
    assertThat((Double) mixed[1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) mixed[2]).isCloseTo(0.5 * Math.log(2), within(TOL));
    assertThat((Double) mixed[3]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) mixed[4]).isCloseTo(Math.log(2), within(TOL));
    assertThat((Double) mixed[5]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) mixed[6]).isCloseTo(Math.sqrt(0.5), within(TOL));
    assertThat((Double) mixed[7]).isCloseTo(0.5, within(TOL));
    // 'zeroq': the q side's total is 0, so every two-sided measure is NULL; H(P) of (2, 3)
    Object[] zeroq = rows.get(2);
    assertThat(zeroq).containsExactly("zeroq", null, null, null,
        -(0.4 * Math.log(0.4) + 0.6 * Math.log(0.6)), null, null, null);
  }

  @Test
  void emptyInputGivesNullForEveryAggregate() throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.isAggregate()) {
        for (int arity : f.arities()) {
          // I stands in for a key, P and Q for weights or values, 1 for alpha, 3 for bins
          List<String> args = new ArrayList<>();
          for (String name : f.parameters(arity)) {
            args.add(switch (name) {
              case "key" -> "I";
              case "alpha" -> f.returnsBoolean() ? "0.05" : "1";
              case "bins" -> "3";
              case "k" -> "200";
              default -> args.stream().anyMatch("P"::equals) ? "Q" : "P";
            });
          }
          sql.append(f.name()).append('(').append(String.join(", ", args)).append("), ");
        }
      }
    }
    sql.append("COUNT(*) FROM DATA.REFS WHERE CASE_ID < 0");
    Object[] row = query(sql.toString()).get(0);
    for (int i = 0; i < row.length - 1; i++) {
      assertThat(row[i]).as("column %d", i + 1).isNull();
    }
  }

  @Test
  void anyNumericTypeIsAccepted() throws SQLException {
    // the seed example as INT/BIGINT counts, DECIMAL/REAL, SMALLINT/FLOAT and DECIMAL literals
    double seed = 0.1 * Math.log(8.0 / 3);
    assertThat(one("SELECT KL_DIVERGENCE(P_INT, Q_BIGINT) FROM DATA.TYPED")).isCloseTo(seed, within(1e-16));
    assertThat(one("SELECT KL_DIVERGENCE(P_SMALL, Q_FLOAT) FROM DATA.TYPED")).isCloseTo(seed, within(1e-16));
    // REAL 0.1 is not 0.1: compare to within float precision
    assertThat(one("SELECT KL_DIVERGENCE(P_DEC, Q_REAL) FROM DATA.TYPED")).isCloseTo(seed, within(1e-7));
    assertThat(one("SELECT KL_DIVERGENCE(P_DEC, P_DEC) FROM DATA.TYPED")).isEqualTo(0.0);
    assertThat(one("SELECT KL_DIVERGENCE(0.2, 0.1) FROM DATA.TYPED")).isEqualTo(0.0);
    assertThat(one("SELECT KL_DIVERGENCE(P_INT * 1e0, Q_BIGINT * 1e0) FROM DATA.TYPED"))
        .isCloseTo(seed, within(1e-16));
    assertThat(one("SELECT ENTROPY(P_INT) FROM DATA.TYPED"))
        .isCloseTo(-(0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4)
            + 0.1 * Math.log(0.1)), within(TOL));
  }

  /** The eight-value reference case as pivot rows, VALUES (x, y), ... */
  private static String eightValues() {
    NumericDriftCases.Case c = NumericDriftCases.CASES.get("eight");
    StringBuilder v = new StringBuilder("(VALUES ");
    for (int i = 0; i < c.x().length; i++) {
      v.append(i == 0 ? "" : ", ").append("(CAST(").append(c.x()[i])
          .append(" AS DOUBLE PRECISION), CAST(").append(c.y()[i]).append(" AS DOUBLE PRECISION))");
    }
    return v.append(") AS T(X, Y)").toString();
  }

  @Test
  void numericDriftFunctionsMatchTheReferences() throws SQLException {
    // numeric_drift.py: scipy 1.10 for KS and Wasserstein, mpmath for the binned measures
    Object[] row = query("SELECT KS_STATISTIC(X, Y), KS_PVALUE(X, Y), WASSERSTEIN_DISTANCE(X, Y), "
        + "KL_DIVERGENCE_BINNED(X, Y, 4, 0.5), PSI_BINNED(X, Y, 4, 0.5), "
        + "JS_DIVERGENCE_BINNED(X, Y, 4, 0.5), HELLINGER_DISTANCE_BINNED(X, Y, 4, 0.5), "
        + "TOTAL_VARIATION_DISTANCE_BINNED(X, Y, 4, 0.5), JS_DIVERGENCE_BINNED(X, Y), "
        + "KL_DIVERGENCE_BINNED(X, Y) FROM " + eightValues()).get(0);
    String[] refs = {"KS_STATISTIC", "KS_PVALUE", "WASSERSTEIN_DISTANCE", "KL_BINNED(4,0.5)",
        "PSI_BINNED(4,0.5)", "JS_BINNED(4,0.5)", "HELLINGER_BINNED(4,0.5)", "TV_BINNED(4,0.5)",
        "JS_BINNED(10,0.0)", "KL_BINNED(10,0.0)"};
    for (int i = 0; i < refs.length; i++) {
      double expected = NumericDriftCases.expected("eight", refs[i]);
      assertThat(NumericDriftCases.relativeError(((Number) row[i]).doubleValue(), expected))
          .as("%s: got %s, want %s", refs[i], row[i], expected)
          .isLessThanOrEqualTo(i == 1 ? 1e-6 : 1e-12);
    }
    // long data, as a user keeps it: one value column and a period
    NumericDriftCases.Case c = NumericDriftCases.CASES.get("eight");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < c.x().length; i++) {
      values.append(i == 0 ? "" : ", ").append("('ref', CAST(").append(c.x()[i])
          .append(" AS DOUBLE PRECISION)), ('cur', CAST(").append(c.y()[i])
          .append(" AS DOUBLE PRECISION))");
    }
    Double ks = one("SELECT KS_STATISTIC(CASE WHEN ARM = 'ref' THEN V END, "
        + "CASE WHEN ARM = 'cur' THEN V END) FROM (VALUES " + values + ") AS T(ARM, V)");
    assertThat(ks).isEqualTo(NumericDriftCases.expected("eight", "KS_STATISTIC"));
    // a side without values is NULL
    assertThat(query("SELECT WASSERSTEIN_DISTANCE(X, CAST(NULL AS DOUBLE PRECISION)) FROM "
        + eightValues()).get(0)[0]).isNull();
  }

  /** A homogeneity case as rows VALUES (k, p, q), ..., each count an exact DOUBLE literal. */
  private static String countRows(HomogeneityCases.Case c) {
    StringBuilder v = new StringBuilder("(VALUES ");
    for (int i = 0; i < c.p().length; i++) {
      v.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(literal(c.p()[i]))
          .append(", ").append(literal(c.q()[i])).append(')');
    }
    return v.append(") AS T(K, P, Q)").toString();
  }

  private static String literal(double v) {
    String s = Double.toString(v);
    return "CAST(" + (s.contains("E") ? s : s + "E0") + " AS DOUBLE PRECISION)";
  }

  @Test
  void homogeneityTestsAndDistancesMatchTheReferences() throws SQLException {
    // homogeneity.py: mpmath at 80 digits (scipy 1.10 beside it); every function plain and keyed,
    // in the engine's connection and through the jdbc:divergence: driver
    StringBuilder select = new StringBuilder("SELECT ");
    for (String f : HomogeneityCases.FUNCTIONS) {
      select.append(f).append("(P, Q), ").append(f).append("_BY(K, P, Q), ");
    }
    select.setLength(select.length() - 2);
    try (Connection driver = DriverManager.getConnection(driverUrl(), "sa", "")) {
      for (HomogeneityCases.Case c : HomogeneityCases.CASES.values()) {
        String sql = select + " FROM " + countRows(c);
        for (Object[] row : new Object[][] {query(sql).get(0),
            TestData.rows(driver, sql).get(0)}) {
          for (int i = 0; i < row.length; i++) {
            String f = HomogeneityCases.FUNCTIONS.get(i / 2);
            Double actual = row[i] == null ? null : ((Number) row[i]).doubleValue();
            assertThat(HomogeneityCases.agrees(actual, c.expected(f), 1e-12))
                .as("%s %s%s: got %s, want %s", c, f, i % 2 == 1 ? "_BY" : "", actual,
                    c.expected(f)).isTrue();
          }
        }
      }
    }
    // long data, as a user keeps an A/B test: one count column and an arm
    HomogeneityCases.Case c = HomogeneityCases.CASES.get("tiny_ab");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < c.p().length; i++) {
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'A', ")
          .append(literal(c.p()[i])).append("), (").append(i).append(", 'B', ")
          .append(literal(c.q()[i])).append(")");
    }
    Double p = one("SELECT G_TEST_PVALUE_BY(K, CASE WHEN ARM = 'A' THEN N END, "
        + "CASE WHEN ARM = 'B' THEN N END) FROM (VALUES " + values + ") AS T(K, ARM, N)");
    assertThat(HomogeneityCases.agrees(p, c.expected("G_TEST_PVALUE"), 1e-12)).as("%s", p)
        .isTrue();
    // one outcome: statistic 0, p-value NULL; an empty sample: NULL
    Object[] one = query("SELECT G_TEST_STATISTIC(P, Q), G_TEST_PVALUE(P, Q), "
        + "CHI_SQUARE_STATISTIC(P, Q), CHI_SQUARE_PVALUE(P, Q) FROM (VALUES (1, "
        + literal(3) + ", " + literal(5) + ")) AS T(K, P, Q)").get(0);
    assertThat(one).containsExactly(0.0, null, 0.0, null);
    Object[] empty = query("SELECT G_TEST_STATISTIC(P, Q), CHI_SQUARE_PVALUE(P, Q), "
        + "L_INFINITY_DISTANCE(P, Q), JS_DISTANCE(P, Q) FROM (VALUES (1, " + literal(3)
        + ", " + literal(0) + ")) AS T(K, P, Q)").get(0);
    assertThat(empty).containsExactly(null, null, null, null);
  }

  @Test
  void homogeneityBadCountsAreErrors() {
    for (String[] c : new String[][] {
        {"G_TEST_STATISTIC(P - 1, Q)", "G_TEST_STATISTIC", "-0.8"},
        {"G_TEST_PVALUE(P, CAST('NaN' AS DOUBLE PRECISION))", "G_TEST_PVALUE", "NaN"},
        {"CHI_SQUARE_STATISTIC(CAST('Infinity' AS DOUBLE PRECISION), Q)",
            "CHI_SQUARE_STATISTIC", "Infinity"},
        {"CHI_SQUARE_PVALUE_BY(I, -P, Q)", "CHI_SQUARE_PVALUE_BY", "-0.2"},
        {"L_INFINITY_DISTANCE(P, -Q)", "L_INFINITY_DISTANCE", "-0.1"},
        {"JS_DISTANCE_BY(I, P, CAST('-Infinity' AS DOUBLE PRECISION))", "JS_DISTANCE_BY",
            "-Infinity"}}) {
      String sql = "SELECT " + c[0] + " FROM DATA.REFS WHERE CASE_ID = 0";
      assertThatThrownBy(() -> query(sql)).as(sql)
          .isInstanceOfSatisfying(SQLException.class, e -> assertOurError(e, c[1], c[2]));
    }
    // samples whose sizes are more than 2^960 apart: an error naming the totals
    assertThatThrownBy(() -> query("SELECT G_TEST_STATISTIC(P, Q) FROM (VALUES (1, "
        + literal(1e300) + ", " + literal(1e-300) + "), (2, " + literal(2e300) + ", "
        + literal(3e-300) + ")) AS T(K, P, Q)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("G_TEST_STATISTIC: counts have totals 3.0E300 and 4.0E-300");
  }

  @Test
  void numericDriftBadValuesAreErrors() {
    for (String[] c : new String[][] {
        {"KS_STATISTIC(CAST('NaN' AS DOUBLE PRECISION), 1e0)", "KS_STATISTIC", "NaN"},
        {"WASSERSTEIN_DISTANCE(1e0, CAST('Infinity' AS DOUBLE PRECISION))",
            "WASSERSTEIN_DISTANCE", "Infinity"},
        {"PSI_BINNED(1e0, 2e0, 1)", "PSI_BINNED", "1.0"}}) {
      assertThatThrownBy(() -> query("SELECT " + c[0] + " FROM (VALUES 1) AS T(I)"))
          .as(c[0])
          .isInstanceOfSatisfying(SQLException.class, e -> assertOurError(e, c[1], c[2]));
    }
  }

  @Test
  void filterClauseRestrictsTheRows() throws SQLException {
    // seed rows with P > 0.15: p = (.2, .3, .4)/.9, q = (.1, .4, .3)/.8
    double expected = (0.2 * Math.log(0.2 * 0.8 / (0.1 * 0.9))
        + 0.3 * Math.log(0.3 * 0.8 / (0.4 * 0.9)) + 0.4 * Math.log(0.4 * 0.8 / (0.3 * 0.9))) / 0.9;
    List<Object[]> rows = query("SELECT KL_DIVERGENCE(P, Q) FILTER (WHERE P > 0.15), "
        + "KL_DIVERGENCE(P, Q), TOTAL_VARIATION_DISTANCE(P, Q) FILTER (WHERE P > 1) "
        + "FROM DATA.REFS WHERE CASE_ID = 0");
    assertThat((Double) rows.get(0)[0]).isCloseTo(expected, within(TOL));
    assertThat((Double) rows.get(0)[1]).isCloseTo(0.1 * Math.log(8.0 / 3), within(TOL));
    assertThat(rows.get(0)[2]).isNull();
  }

  @Test
  void windowFramesGiveRunningAndSlidingValues() throws SQLException {
    List<Object[]> rows = query("SELECT I, "
        + "KL_DIVERGENCE(P, Q) OVER (PARTITION BY CASE_ID ORDER BY I "
        + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), "
        + "KL_DIVERGENCE(P, Q) OVER (PARTITION BY CASE_ID ORDER BY I "
        + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
        + "JS_DIVERGENCE(P, Q) OVER (PARTITION BY CASE_ID ORDER BY I "
        + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
        + "FROM DATA.REFS WHERE CASE_ID = 0 ORDER BY I");
    // rows (p, q): (.2, .1), (.3, .4), (.4, .3), (.1, .2)
    double twoRows = 0.4 * Math.log(2) + 0.6 * Math.log(0.75); // p = (.4, .6), q = (.2, .8)
    double running3 = (0.2 * Math.log(0.2 * 0.8 / (0.1 * 0.9))
        + 0.3 * Math.log(0.3 * 0.8 / (0.4 * 0.9)) + 0.4 * Math.log(0.4 * 0.8 / (0.3 * 0.9))) / 0.9;
    double[] running = {0, twoRows, running3, 0.1 * Math.log(8.0 / 3)};
    double[] sliding = {0, twoRows, Math.log(4.0 / 3) / 7, // p = (3, 4)/7, q = (4, 3)/7
        0.8 * Math.log(4.0 / 3) + 0.2 * Math.log(0.5)}; // p = (.8, .2), q = (.6, .4)
    // JS of rows 2-3: p = (3/7, 4/7), q = (4/7, 3/7), m = (½, ½): JS = ln 2 − H(3/7, 4/7)
    double h = -(3.0 / 7 * Math.log(3.0 / 7) + 4.0 / 7 * Math.log(4.0 / 7));
    for (int i = 0; i < 4; i++) {
      assertThat(((Number) rows.get(i)[1]).doubleValue()).isCloseTo(running[i], within(TOL));
      assertThat(((Number) rows.get(i)[2]).doubleValue()).isCloseTo(sliding[i], within(TOL));
    }
    assertThat(((Number) rows.get(0)[3]).doubleValue()).isEqualTo(0.0);
    assertThat(((Number) rows.get(2)[3]).doubleValue()).isCloseTo(Math.log(2) - h, within(TOL));
  }

  @Test
  void vaeKlSumsOverLatentDimensionsSkippingNullRows() throws SQLException {
    List<Object[]> rows = query("SELECT ID, VAE_KL(MU, LV) FROM DATA.LATENT GROUP BY ID ORDER BY ID");
    // id 1: ½(1 + 1 − 1 − 0) + ½(0 + 2 − 1 − ln 2) (lv = ln 2 to double precision); the NULL-mu
    // row is skipped. id 2: 0. id 3: only a NULL row, so NULL.
    assertThat((Double) rows.get(0)[1]).isCloseTo(0.5 + 0.5 * (1 - Math.log(2)), within(TOL));
    assertThat((Double) rows.get(1)[1]).isEqualTo(0.0);
    assertThat(rows.get(2)[1]).isNull();
  }

  @Test
  void gaussianKlIsAStrictScalar() throws SQLException {
    // ln 2 + 1/8 − ½ (σ₁ = 1, σ₂ = 2)
    assertThat(one("SELECT GAUSSIAN_KL(0, 1, 0, 2) FROM DATA.TYPED WHERE P_INT = 1"))
        .isCloseTo(Math.log(2) - 0.375, within(TOL));
    assertThat(one("SELECT GAUSSIAN_KL(P_DEC, 1, P_DEC, 1) FROM DATA.TYPED WHERE P_INT = 1"))
        .isEqualTo(0.0);
    assertThat(one("SELECT GAUSSIAN_KL(0, CAST(NULL AS DOUBLE), 0, 1) FROM DATA.TYPED WHERE P_INT = 1"))
        .isNull();
  }

  @Test
  void badWeightsRaiseAnErrorNamingFunctionAndValue() throws SQLException {
    String[][] cases = {
        {"KL_DIVERGENCE(P - 1, Q)", "KL_DIVERGENCE", "-0.8"},
        {"JS_DIVERGENCE(P, -Q)", "JS_DIVERGENCE", "-0.1"},
        {"CROSS_ENTROPY(P, CAST('Infinity' AS DOUBLE PRECISION))", "CROSS_ENTROPY", "Infinity"},
        {"ENTROPY(-P)", "ENTROPY", "-0.2"},
        {"PSI(P, CAST('NaN' AS DOUBLE PRECISION))", "PSI", "NaN"},
        {"HELLINGER_DISTANCE(-P, Q)", "HELLINGER_DISTANCE", "-0.2"},
        {"TOTAL_VARIATION_DISTANCE(P, CAST('-Infinity' AS DOUBLE PRECISION))",
            "TOTAL_VARIATION_DISTANCE", "-Infinity"},
        {"VAE_KL(CAST('Infinity' AS DOUBLE PRECISION), Q)", "VAE_KL", "Infinity"},
    };
    for (String[] c : cases) {
      String sql = "SELECT " + c[0] + " FROM DATA.REFS WHERE CASE_ID = 0";
      assertThatThrownBy(() -> query(sql))
          .as(sql)
          .isInstanceOfSatisfying(SQLException.class, e -> assertOurError(e, c[1], c[2]));
      // the session goes on
      assertThat(one("SELECT KL_DIVERGENCE(P, Q) FROM DATA.REFS WHERE CASE_ID = 0")).isNotNull();
    }
  }

  private static final String A = "CASE WHEN ARM = 'A' THEN N END";
  private static final String B = "CASE WHEN ARM = 'B' THEN N END";

  @Test
  void keyedFormsPivotInsideTheAggregate() throws SQLException {
    List<Object[]> rows = query("SELECT EXPERIMENT, KL_DIVERGENCE_BY(BAND, " + A + ", " + B + "), "
        + "JS_DIVERGENCE_BY(BAND, " + A + ", " + B + "), "
        + "CROSS_ENTROPY_BY(BAND, " + A + ", " + B + "), ENTROPY_BY(BAND, " + A + "), "
        + "PSI_BY(BAND, " + A + ", " + B + "), HELLINGER_DISTANCE_BY(BAND, " + A + ", " + B + "), "
        + "TOTAL_VARIATION_DISTANCE_BY(BAND, " + A + ", " + B + ") "
        + "FROM DATA.RESULTS GROUP BY EXPERIMENT ORDER BY EXPERIMENT");
    assertThat(rows).hasSize(3);
    // 'grades' is the seed example: the mpmath references
    ReferenceCases.Case seed = ReferenceCases.CASES.get(0);
    Object[] grades = rows.get(0);
    assertThat(grades[0]).isEqualTo("grades");
    String[] measures = {"KL_DIVERGENCE", "JS_DIVERGENCE", "CROSS_ENTROPY", "ENTROPY", "PSI",
        "HELLINGER_DISTANCE", "TOTAL_VARIATION_DISTANCE"};
    for (int m = 0; m < measures.length; m++) {
      assertThat(ReferenceCases.relativeError((Double) grades[m + 1],
          ReferenceCases.expected(seed, measures[m]))).as(measures[m]).isLessThanOrEqualTo(1e-12);
    }
    // 'nullkey': the NULL band is one category: p = (½, ½), q = (¼, ¾)
    assertThat((Double) rows.get(1)[1])
        .isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), within(TOL));
    // 'oneside': z only in arm A: p = (½, ¼, ¼), q = (½, ½, 0): KL infinite, TV ¼
    Object[] oneside = rows.get(2);
    assertThat((Double) oneside[1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) oneside[7]).isCloseTo(0.25, within(TOL));
  }

  @Test
  void keyedFormsTakeRawEvents() throws SQLException {
    // p = (2/3, 1/3), q = (1/4, 3/4); all seven events: x 3, y 4
    List<Object[]> rows = query("SELECT KL_DIVERGENCE_BY(X, CASE WHEN ARM = 'A' THEN 1 END, "
        + "CASE WHEN ARM = 'B' THEN 1 END), ENTROPY_BY(X, 1) FROM DATA.EVENTS");
    double kl = 2.0 / 3 * Math.log((2.0 / 3) / 0.25) + 1.0 / 3 * Math.log((1.0 / 3) / 0.75);
    double h = -(3.0 / 7 * Math.log(3.0 / 7) + 4.0 / 7 * Math.log(4.0 / 7));
    assertThat((Double) rows.get(0)[0]).isCloseTo(kl, within(TOL));
    assertThat((Double) rows.get(0)[1]).isCloseTo(h, within(TOL));
  }

  @Test
  void smoothingRemovesTheZeroBinsInfinity() throws SQLException {
    // p = (3, 1, 0), q = (2, 1, 1), α = 1: p' = (4, 2, 1)/7, q' = (3, 2, 2)/7
    double pq = (4 * Math.log(4.0 / 3) - Math.log(2)) / 7;
    double qp = (3 * Math.log(0.75) + 2 * Math.log(2)) / 7;
    List<Object[]> rows = query("SELECT KL_DIVERGENCE(P, Q, 1), KL_DIVERGENCE(Q, P, 1), "
        + "KL_DIVERGENCE(Q, P), PSI(P, Q, 1.0), KL_DIVERGENCE_BY(BIN, P, Q, 1), "
        + "KL_DIVERGENCE(P, Q, 0) FROM DATA.ZEROBIN");
    Object[] r = rows.get(0);
    assertThat((Double) r[0]).isCloseTo(pq, within(TOL));
    assertThat((Double) r[1]).isCloseTo(qp, within(TOL));
    assertThat((Double) r[2]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat((Double) r[3]).isCloseTo(pq + qp, within(TOL));
    assertThat((Double) r[4]).isCloseTo(pq, within(TOL));
    // α = 0 is no smoothing: p = (¾, ¼, 0), q = (½, ¼, ¼)
    assertThat((Double) r[5]).isCloseTo(0.75 * Math.log(1.5), within(TOL));
  }

  @Test
  void alphaThatVariesWithinAGroupIsAnError() {
    assertThatThrownBy(() -> query("SELECT KL_DIVERGENCE(P, Q, BIN) FROM DATA.ZEROBIN"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertOurError(e, "KL_DIVERGENCE", "2.0"));
    assertThatThrownBy(() -> query("SELECT JS_DIVERGENCE_BY(BIN, P, Q, -1) FROM DATA.ZEROBIN"))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertOurError(e, "JS_DIVERGENCE_BY", "-1.0"));
  }

  /** The cause chain of an engine error holds the core's exception. */
  protected static InvalidArgumentException coreCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidArgumentException iae) {
        return iae;
      }
    }
    return null;
  }

  /**
   * A call of {@code f} with {@code arity} arguments: key I, weights P and Q, alpha 1; with
   * {@code bound} non-null, the first numeric argument is a bare {@code ?} (bound to 0.25, the
   * literal call has 0.25 there), the others {@code ? * column} (bound to 1) and alpha {@code ?}.
   */
  private static String call(DivergenceFunction f, int arity, List<Double> bound) {
    List<String> args = new ArrayList<>();
    List<String> names = f.parameters(arity);
    boolean first = true;
    for (int i = 0; i < arity; i++) {
      String name = names.get(i);
      String column = switch (name) {
        case "key" -> "I";
        case "alpha" -> "1";
        case "mu1", "mu2", "mu", "w", "x" -> "P";
        case "sigma1", "sigma2", "log_var", "y" -> "Q";
        default -> name.toUpperCase(Locale.ROOT);
      };
      if (f.isKey(i)) {
        args.add(column);
      } else if (first) {
        first = false;
        args.add(bound == null ? "0.25" : "?");
        if (bound != null) {
          bound.add(0.25);
        }
      } else if (name.equals("alpha") || name.equals("bins") || name.equals("k")) {
        // alpha: 1 for smoothing, a significance level for APPROX_KS_DRIFT
        double value = name.equals("bins") ? 3 : name.equals("k") ? 200
            : f.returnsBoolean() ? 0.05 : 1;
        args.add(bound == null ? (value == (int) value ? String.valueOf((int) value)
            : String.valueOf(value)) : "?");
        if (bound != null) {
          bound.add(value);
        }
      } else {
        args.add(bound == null ? column : "? * " + column);
        if (bound != null) {
          bound.add(1.0);
        }
      }
    }
    return f.name() + "(" + String.join(", ", args) + ")";
  }

  /** The first column: a Boolean for APPROX_KS_DRIFT, else a Double, or null. */
  private static Object result(ResultSet rs) throws SQLException {
    Object v = rs.getObject(1);
    return v == null || v instanceof Boolean ? v : Double.valueOf(rs.getDouble(1));
  }

  @Test
  void aParameterWorksInEveryNumericArgument() throws SQLException {
    // was "Unknown data type: ?" in H2 and "Illegal use of dynamic parameter" in Calcite; in the
    // engine's own connection and through the jdbc:divergence: driver, as a BI tool binds it
    for (Connection c : new Connection[] {connection(),
        DriverManager.getConnection(driverUrl(), "sa", "")}) {
      for (DivergenceFunction f : DivergenceFunction.values()) {
        for (int arity : f.arities()) {
          String from = " FROM (VALUES (1, 0.2, 0.1), (2, 0.3, 0.4), (3, 0.4, 0.3), (4, 0.1, 0.2))"
              + " AS T(I, P, Q)";
          Object literal;
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT " + call(f, arity, null) + from)) {
            rs.next();
            literal = result(rs);
          }
          List<Double> bound = new ArrayList<>();
          String sql = "SELECT " + call(f, arity, bound) + from;
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.getParameterMetaData().getParameterCount()).as(sql)
                .isEqualTo(bound.size());
            for (int i = 0; i < bound.size(); i++) {
              ps.setDouble(i + 1, bound.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              assertThat(result(rs)).as(sql).isEqualTo(literal);
            }
          }
        }
      }
    }
    // a bound text where a number goes is refused as a literal one is, naming the function
    try (PreparedStatement ps = connection().prepareStatement(
        "SELECT KL_DIVERGENCE(?, 0.5) FROM (VALUES 1) AS T(X)")) {
      ps.setString(1, "x");
      assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getMessage()).contains("KL_DIVERGENCE: p must be numeric"));
    }
  }
}
