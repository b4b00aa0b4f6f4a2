package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.h2.H2Functions;
import io.github.divergencesql.testing.ReferenceCases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every weight function × every bad or odd input × every way in (embedded H2, Calcite, the driver
 * over H2, the driver over Calcite): one documented outcome each (docs/functions.md, "Semantics"). Values are
 * compared with the same query on plain inputs (e.g. -0.0 against 0, weights near 1e308 against
 * the same weights scaled down), errors by message and, where the route has one, SQLState class 22.
 */
class BadInputMatrixTest {
  private static final List<String> ROUTES = List.of("h2", "calcite", "driver-h2", "driver-calcite");
  private static final List<Connection> CONNECTIONS = new ArrayList<>();

  @BeforeAll
  static void open() throws SQLException {
    Connection h2 = DriverManager.getConnection("jdbc:h2:mem:matrix");
    H2Functions.install(h2);
    CONNECTIONS.add(h2);
    CONNECTIONS.add(DriverManager.getConnection("jdbc:calcite:model=sql/calcite/model.json"));
    CONNECTIONS.add(DriverManager.getConnection("jdbc:divergence:h2:mem:matrix2"));
    CONNECTIONS.add(DriverManager.getConnection("jdbc:divergence:calcite:"));
  }

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : CONNECTIONS) {
      c.close();
    }
  }

  /** The weight functions, and how a row's (p, q) becomes their arguments. */
  static List<String[]> functions() {
    List<String[]> list = new ArrayList<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      switch (f.shape()) {
        case PAIR -> list.add(new String[] {f.name(), "p, q"});
        case UNARY -> list.add(new String[] {f.name(), "p"});
        case KEYED_PAIR -> list.add(new String[] {f.name(), "k, p, q"});
        case KEYED_UNARY -> list.add(new String[] {f.name(), "k, p"});
        default -> { } // VAE_KL and GAUSSIAN_KL: their own cases below
      }
    }
    return list;
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (int r = 0; r < ROUTES.size(); r++) {
      for (String[] f : functions()) {
        cells.add(Arguments.of(ROUTES.get(r), f[0], f[1], r));
      }
    }
    return cells.stream();
  }

  private static String rows(String... rows) {
    return "(VALUES " + String.join(", ", rows) + ") AS t(k, p, q)";
  }

  private static String row(String k, String p, String q) {
    return "(" + k + ", " + d(p) + ", " + d(q) + ")";
  }

  /** A DOUBLE literal that both engines read the same, NULL included. */
  private static String d(String v) {
    return v.equals("NULL") ? "CAST(NULL AS DOUBLE)" : "CAST('" + v + "' AS DOUBLE)";
  }

  private static Double value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      double v = rs.getDouble(1);
      return rs.wasNull() ? null : v;
    }
  }

  private static void assertError(int route, String function, String sql, String valueText,
      String state) {
    assertThatThrownBy(() -> value(CONNECTIONS.get(route), sql))
        .as("%s: %s", ROUTES.get(route), sql)
        .satisfies(e -> {
          // plain Calcite may put our message only in a cause ("Unable to implement ...")
          String messages = ROUTES.get(route).equals("calcite") ? chain(e) : e.getMessage();
          assertThat(messages).contains(function).contains(valueText);
          if (!ROUTES.get(route).equals("calcite")) { // plain Calcite drops SQLStates
            assertThat(e).isInstanceOf(SQLException.class);
            assertThat(((SQLException) e).getSQLState()).isEqualTo(state);
          }
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cells")
  void everyBadInputHasItsOutcome(String route, String function, String args, int r)
      throws SQLException {
    Connection c = CONNECTIONS.get(r);
    String call = "SELECT " + function + "(" + args + ") FROM ";
    String a = "'a'";
    String b = "'b'";
    // -0.0 is a zero weight
    assertThat(value(c, call + rows(row(a, "-0.0", "1"), row(b, "1", "1"))))
        .isEqualTo(value(c, call + rows(row(a, "0", "1"), row(b, "1", "1"))));
    // weights whose sum exceeds the double range: the value of the same weights scaled down
    // (the tests, whose counts are the samples: 1e308 times the statistic, a p-value of 0)
    boolean test = function.startsWith("G_TEST_") || function.startsWith("CHI_SQUARE_");
    boolean pValue = function.contains("_PVALUE");
    Double big = value(c, call + rows(row(a, "1e308", "1e308"), row(b, "1e308", "1.7e308"),
        row("'c'", "1.5e308", "1e290")));
    Double small = value(c, call + rows(row(a, "1", "1"), row(b, "1", "1.7"),
        row("'c'", "1.5", "1e-18")));
    if (!test) {
      assertClose(big, small);
    } else if (pValue) {
      assertThat(big).isEqualTo(0.0);
    } else {
      assertClose(big, 1e308 * small);
    }
    // subnormal weights are weights (the tests refuse samples more than 2^960 apart in size)
    String subnormal = call + rows(row(a, "4.9E-324", "1"), row(b, "1.5E-323", "3"));
    if (test) {
      assertError(r, function, subnormal, "counts have totals", "22023");
    } else {
      assertClose(value(c, subnormal), value(c, call + rows(row(a, "1", "1"), row(b, "3", "3"))));
    }
    // NaN, infinities and (tiny) negatives are errors naming the function and the value
    assertError(r, function, call + rows(row(a, "NaN", "1")), "NaN", "22023");
    assertError(r, function, call + rows(row(a, "Infinity", "1")), "Infinity", "22023");
    assertError(r, function, call + rows(row(a, "-Infinity", "1")), "-Infinity", "22023");
    assertError(r, function, call + rows(row(a, "-1e-300", "1")), "-1.0E-300", "22023");
    // an all-zero side, an empty group and an all-NULL group give NULL
    if (args.contains("q")) {
      assertThat(value(c, call + rows(row(a, "1", "0"), row(b, "2", "NULL")))).isNull();
    }
    assertThat(value(c, call + rows(row(a, "0", "1"), row(b, "NULL", "2")))).isNull();
    assertThat(value(c, call + rows(row(a, "1", "1")) + " WHERE 1 = 0")).isNull();
    assertThat(value(c, call + rows(row(a, "NULL", "NULL"), row(b, "NULL", "NULL")))).isNull();
    // one row: a single outcome, so every measure is 0 (a test's p-value NULL: no degrees of
    // freedom)
    assertThat(value(c, call + rows(row(a, "0.3", "0.7")))).isEqualTo(pValue ? null : 0.0);
    // a text weight is refused while the query is planned
    String text = "SELECT " + function + "(" + args.replace("p", "'x'") + ") FROM "
        + rows(row(a, "1", "1"));
    assertError(r, function, text, "must be numeric", "22018");
  }

  /** Every message in the cause chain and among suppressed exceptions. */
  private static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        b.append(chain(s));
      }
    }
    return b.toString();
  }

  private static void assertClose(Double actual, Double expected) {
    assertThat(actual).isNotNull();
    assertThat(ReferenceCases.relativeError(actual, expected)).as("%s vs %s", actual, expected)
        .isLessThanOrEqualTo(1e-14);
  }

  static Stream<Arguments> routes() {
    List<Arguments> list = new ArrayList<>();
    for (int r = 0; r < ROUTES.size(); r++) {
      list.add(Arguments.of(ROUTES.get(r), r));
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void vaeKlAndGaussianKlBadInputs(String route, int r) throws SQLException {
    Connection c = CONNECTIONS.get(r);
    String one = rows(row("'a'", "1", "1"));
    assertError(r, "VAE_KL", "SELECT VAE_KL(p, " + d("NaN") + ") FROM " + one, "NaN", "22023");
    assertError(r, "VAE_KL", "SELECT VAE_KL(" + d("-Infinity") + ", q) FROM " + one, "-Infinity",
        "22023");
    assertThat(value(c, "SELECT VAE_KL(p, q) FROM " + rows(row("'a'", "NULL", "1")))).isNull();
    assertThat(value(c, "SELECT VAE_KL(-p, q - 1) FROM " + one)).isEqualTo(0.5); // ½(1 + 1 − 1)
    assertError(r, "VAE_KL", "SELECT VAE_KL('x', q) FROM " + one, "must be numeric", "22018");
    assertError(r, "GAUSSIAN_KL", "SELECT GAUSSIAN_KL(0, p - 1, 0, 1) FROM " + one,
        "sigma1 must be finite and > 0, got 0.0", "22023");
    assertError(r, "GAUSSIAN_KL", "SELECT GAUSSIAN_KL(0, 1, " + d("NaN") + ", 1) FROM " + one,
        "mu2 must be finite, got NaN", "22023");
    assertThat(value(c, "SELECT GAUSSIAN_KL(0, 1, " + d("NULL") + ", 1) FROM " + one)).isNull();
    // wrong argument counts are refused while the query is planned
    for (String sql : new String[] {"SELECT KL_DIVERGENCE(p) FROM " + one,
        "SELECT KL_DIVERGENCE_BY(k, p) FROM " + one, "SELECT GAUSSIAN_KL(0, 1, 0) FROM " + one,
        "SELECT ENTROPY(p, q, q) FROM " + one}) {
      assertThatThrownBy(() -> value(c, sql)).as("%s: %s", route, sql)
          .isInstanceOf(SQLException.class);
    }
  }
}
