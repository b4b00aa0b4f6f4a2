package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A constant option (alpha, bins, k) bound as text that reads as a number is that number, as
 * PostgreSQL coerces an untyped literal: clients that bind every parameter as text (node-postgres,
 * postgres.js, DBD::Pg, ruby-pg, psqlODBC, JDBC's {@code setString}) got
 * {@code 22018 alpha must be numeric, got String '1'}. Weights stay strictly numeric.
 */
class TextBoundConstantsTest {
  // the seed example, p = (.2, .3, .4, .1), q = (.1, .4, .3, .2); alpha = 1 adds 1 to each
  // side's four weights (totals 5 each): by hand p' = (1.2, 1.3, 1.4, 1.1)/5,
  // q' = (1.1, 1.4, 1.3, 1.2)/5
  private static final String GRADES =
      "(VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)) AS t(p, q)";
  private static final double SMOOTHED = 1.2 / 5 * Math.log(1.2 / 1.1)
      + 1.3 / 5 * Math.log(1.3 / 1.4) + 1.4 / 5 * Math.log(1.4 / 1.3)
      + 1.1 / 5 * Math.log(1.1 / 1.2);

  private static double bound(Connection c, String sql, Object... texts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < texts.length; i++) {
        ps.setString(i + 1, (String) texts[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getDouble(1);
      }
    }
  }

  @Test
  void theCoreReadsTextOptionsAsNumbersAndNothingElse() {
    DivergenceFunction kl = DivergenceFunction.KL_DIVERGENCE;
    assertThat(kl.numericArgument(3, 2, " 0.5 ").doubleValue()).isEqualTo(0.5);
    assertThat(kl.numericArgument(3, 2, "1e-3").doubleValue()).isEqualTo(1e-3);
    assertThat(kl.numericArgument(3, 2, "+2").doubleValue()).isEqualTo(2.0);
    // NaN reads as a number, which alpha's own rule then refuses (as for a bound double NaN)
    assertThat(kl.numericArgument(3, 2, "NaN").doubleValue()).isNaN();
    for (String bad : List.of("abc", "0.5x", "", "1,5", "0x10")) {
      assertThatThrownBy(() -> kl.numericArgument(3, 2, bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("KL_DIVERGENCE: alpha must be numeric, got String '" + bad + "'");
    }
    // a weight as text stays an error
    assertThatThrownBy(() -> kl.numericArgument(3, 0, "0.5"))
        .hasMessage("KL_DIVERGENCE: p must be numeric, got String '0.5'");
    assertThat(DivergenceFunction.PSI_BINNED.numericArgument(3, 2, "4").intValue()).isEqualTo(4);
    assertThat(DivergenceFunction.APPROX_KS_PVALUE.numericArgument(3, 2, "200").intValue())
        .isEqualTo(200);
  }

  @Test
  void h2AndCalciteTakeSetStringForAlphaBinsAndK() throws SQLException {
    String calcite = "jdbc:divergence:calcite:";
    try (Connection h2 = DriverManager.getConnection("jdbc:divergence:h2:mem:textbound", "sa",
        "");
        Connection cal = DriverManager.getConnection(calcite)) {
      for (Connection c : List.of(h2, cal)) {
        String engine = c == h2 ? "H2" : "Calcite";
        assertThat(bound(c, "SELECT KL_DIVERGENCE(p, q, ?) FROM " + GRADES, "1"))
            .as(engine).isCloseTo(SMOOTHED, org.assertj.core.api.Assertions.within(1e-15));
        // x = (1, 2, 3, 4), y = (1, 1, 1, 4), 2 bins: the edge is x's median 2.5, so
        // P = (2, 2)/4, Q = (3, 1)/4: KL = 1/2 ln(2/3) + 1/2 ln 2 = 1/2 ln(4/3) (by hand)
        String xy = " FROM (VALUES (1, 1), (2, 1), (3, 1), (4, 4)) AS t(x, y)";
        assertThat(bound(c, "SELECT KL_DIVERGENCE_BINNED(x, y, ?, ?)" + xy, "2", "0"))
            .as(engine).isCloseTo(0.5 * Math.log(4.0 / 3),
                org.assertj.core.api.Assertions.within(1e-15));
        // the ECDFs differ most at 1: 3/4 of y against 1/4 of x (k = 200 keeps every value)
        assertThat(bound(c, "SELECT APPROX_KS_STATISTIC(x, y, ?)" + xy, "200"))
            .as(engine).isEqualTo(0.5);
        assertThatThrownBy(() -> bound(c, "SELECT KL_DIVERGENCE(p, q, ?) FROM " + GRADES,
            "one")).as(engine).isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("22018");
              assertThat(e.getMessage())
                  .contains("KL_DIVERGENCE: alpha must be numeric, got String 'one'");
            });
      }
    }
  }

  @Test
  void aTextLiteralOptionReadsAsANumberAsInPostgresql() throws SQLException {
    // psycopg2 and other clients that inline parameters send alpha as the literal '1'
    try (Connection h2 = DriverManager.getConnection("jdbc:divergence:h2:mem:textliteral", "sa",
        "");
        Connection cal = DriverManager.getConnection("jdbc:divergence:calcite:")) {
      for (Connection c : List.of(h2, cal)) {
        assertThat(bound(c, "SELECT KL_DIVERGENCE(p, q, '1') FROM " + GRADES))
            .isCloseTo(SMOOTHED, org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> bound(c, "SELECT KL_DIVERGENCE(p, q, 'x') FROM " + GRADES))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22018"));
        // a weight as text stays refused when the query is compiled
        assertThatThrownBy(() -> bound(c, "SELECT KL_DIVERGENCE(p, '0.5') FROM " + GRADES))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getMessage()).contains("KL_DIVERGENCE: q must be numeric"));
      }
      // the engines do not tell a text column from a literal here: a text alpha that reads as a
      // number is that number, the same on every row as alpha must be
      for (Connection c : List.of(h2, cal)) {
        assertThat(bound(c, "SELECT KL_DIVERGENCE(p, q, a) FROM (VALUES (0.2, 0.1, '1'), "
            + "(0.3, 0.4, '1'), (0.4, 0.3, '1'), (0.1, 0.2, '1')) AS t(p, q, a)"))
            .isCloseTo(SMOOTHED, org.assertj.core.api.Assertions.within(1e-15));
      }
    }
  }
}
