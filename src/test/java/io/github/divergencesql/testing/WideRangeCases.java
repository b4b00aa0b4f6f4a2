package io.github.divergencesql.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * Groups whose weights span more than the double range on one side, with references computed
 * by mpmath at 800 digits from the exact doubles ({@code
 * src/test/resources/reference/wide_range.py}); columns KL, CE, PSI, JS, Hellinger, TV,
 * ENTROPY(p). Shared by the core's WideRangeTest and the engines' EngineContract.
 */
public final class WideRangeCases {
  private WideRangeCases() {}

  public record Case(String name, double[][] rows, double[] expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static final List<Case> CASES = List.of(
      new Case("halves_1e300_1e-300", new double[][] {{1.0, 1e300}, {1.0, 1e-300}},
          new double[] {690.08238071765375991, 690.77552789821370522, 690.77552789821370522,
              0.21576155433883569558, 0.5411961001461969844, 0.5, 0.69314718055994530942}),
      new Case("four_rows_subnormal_to_1e308", new double[][] {{4.9e-324, 1e308},
          {1e308, 4.9e-324}, {1.0, 1.0}, {2.5e-310, 3e-200}},
          new double[] {1453.636280563547333, 1453.636280563547333, 2907.272561127094666,
              0.69314718055994530942, 1.0, 1.0, 7.1019620864216606289e-306}),
      new Case("tiny_q_then_1e30", new double[][] {{1.0, 1e-300}, {1.0, 1e30}},
          new double[] {379.23339316345759255, 379.92654034401753786, 379.92654034401753786,
              0.21576155433883569558, 0.5411961001461969844, 0.5, 0.69314718055994530942}),
      new Case("subnormal_q_then_1e10", new double[][] {{1.0, 4.9e-324}, {8.0, 1e10}},
          new double[] {84.925159332081603571, 85.273991427924635462, 85.042942367737987025,
              0.040143107254889115355, 0.23914631173810026822, 0.11111111111111111111,
              0.34883209584303189101}),
      new Case("q_1e-200_then_1e200", new double[][] {{1.0, 1e-200}, {8.0, 1e200}},
          new double[] {101.98828314833677629, 102.33711524417980818, 102.10606618399315974,
              0.040143107254889115355, 0.23914631173810026822, 0.11111111111111111111,
              0.34883209584303189101}),
      // true KL, PSI and JS lie below the double range (3e-334): 0, never negative
      new Case("near_max_and_ordinary", new double[][] {
          {1.3759093557920317e308, 1.3759093557917092e308}, {2.100049359862939, 2.1000493598620045}},
          new double[] {0.0 /* 3.3819846368801962283e-334 */, 1.0833265211964511051e-305,
              0.0 /* 6.7639692737601551382e-334 */, 0.0 /* 8.4549615922001939227e-335 */,
              9.1950865097617183444e-168,
              3.2130734421543890252e-321, 1.0833265211964511051e-305}),
      new Case("p_spans_q_ordinary", new double[][] {{1e-300, 0.25}, {1e300, 0.5}, {1.0, 0.25}},
          new double[] {0.69314718055994530942, 0.69314718055994530942, 517.73507233338030627,
              0.21576155433883569558, 0.5411961001461969844, 0.5, 6.9177552789821366894e-298}),
      new Case("both_sides_tiny_parts", new double[][] {{1.0, 1.0}, {3e-200, 1e-200},
          {1e-250, 2e-250}},
          new double[] {1.295836866004329051e-200, 1.3825510557964273857e-197,
              2.1972245773362193435e-200, 2.6162407188227391358e-201, 5.1763809020504152007e-101,
              1.9999999999999999642e-200, 1.3812552189304230567e-197}));

  private static final Map<String, Integer> COLUMN = Map.of("KL_DIVERGENCE", 0,
      "CROSS_ENTROPY", 1, "PSI", 2, "JS_DIVERGENCE", 3, "HELLINGER_DISTANCE", 4,
      "TOTAL_VARIATION_DISTANCE", 5, "ENTROPY", 6);

  /** The measures the SQL checks call, each plain, keyed and smoothed with α = 0. */
  private static final String[] SQL_MEASURES = {"KL_DIVERGENCE", "CROSS_ENTROPY", "PSI",
      "JS_DIVERGENCE", "HELLINGER_DISTANCE", "TOTAL_VARIATION_DISTANCE"};

  /**
   * One query over the case's rows as DOUBLE literals, first to last or last to first: every
   * measure as {@code M(P, Q)}, {@code M_BY(K, P, Q)}, {@code M(P, Q, 0)}, then
   * {@code ENTROPY(P)}; the same text in H2, Calcite and Spark SQL.
   */
  public static String query(Case c, boolean reversed) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < c.rows().length; i++) {
      double[] row = c.rows()[reversed ? c.rows().length - 1 - i : i];
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ")
          .append(literal(row[0])).append(", ").append(literal(row[1])).append(")");
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String m : SQL_MEASURES) {
      sql.append(m).append("(P, Q), ").append(m).append("_BY(K, P, Q), ").append(m)
          .append("(P, Q, 0), ");
    }
    return sql.append("ENTROPY(P) FROM (VALUES ").append(values).append(") AS T(K, P, Q)")
        .toString();
  }

  /** Checks a row of {@link #query}: within 1e-12 relative (H² for Hellinger), never negative. */
  public static void assertRow(Case c, boolean reversed, double[] row) {
    assertThat(row).hasSize(3 * SQL_MEASURES.length + 1);
    for (int col = 0; col < row.length; col++) {
      String m = col < 3 * SQL_MEASURES.length ? SQL_MEASURES[col / 3] : "ENTROPY";
      double expected = c.expected()[column(m)];
      double actual = row[col];
      if (m.equals("HELLINGER_DISTANCE")) { // compare H², the quantity computed
        actual *= actual;
        expected *= expected;
      }
      assertThat(actual).as("%s %s column %d", c, m, col).isGreaterThanOrEqualTo(0.0);
      assertThat(Math.abs(actual - expected))
          .as("%s%s %s column %d: got %s, want %s", c, reversed ? " reversed" : "", m, col,
              actual, expected)
          .isLessThanOrEqualTo(1e-12 * expected + 1e-300);
    }
  }

  /** An approximate-numeric (DOUBLE) literal of v's exact value: 1.0E300, 1.0E0. */
  private static String literal(double v) {
    String s = Double.toString(v);
    return s.contains("E") ? s : s + "E0";
  }

  /** The reference column of a measure's plain SQL name, -1 for none. */
  public static int column(String measure) {
    return COLUMN.getOrDefault(measure, -1);
  }
}
