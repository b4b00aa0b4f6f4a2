package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.cli.Demo;
import io.github.divergencesql.testing.ReferenceCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The files in examples/ run as written on the demo's H2 URL (the main job's database), twice
 * (they are re-runnable), and their numbers match mpmath (references.py).
 */
class ExamplesTest {
  private static List<Object[]> runFile(Connection c, String file) throws IOException, SQLException {
    List<Object[]> lastResult = new ArrayList<>();
    String sql = Files.readString(Path.of(file)).replaceAll("(?m)^--.*$", "");
    for (String statement : sql.split(";\\s*\\n")) {
      if (statement.isBlank()) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        if (s.execute(statement)) {
          lastResult.clear();
          try (ResultSet rs = s.getResultSet()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              Object[] row = new Object[n];
              for (int i = 0; i < n; i++) {
                row[i] = rs.getObject(i + 1);
              }
              lastResult.add(row);
            }
          }
        }
      }
    }
    return lastResult;
  }

  private static void assertRelative(Object actual, double expected) {
    double a = ((Number) actual).doubleValue();
    assertThat(ReferenceCases.relativeError(a, expected)).as("%s vs %s", a, expected)
        .isLessThanOrEqualTo(1e-12);
  }

  @Test
  void gradesExampleGivesTheSeedValues() throws Exception {
    try (Connection c = DriverManager.getConnection(Demo.H2_URL.replace("divergence;", "grades;"),
        "sa", "")) {
      runFile(c, "examples/grades.sql");
      List<Object[]> rows = runFile(c, "examples/grades.sql");
      // the file's last query: ENTROPY(class_a), CROSS_ENTROPY(class_a, class_b); mpmath
      assertRelative(rows.get(0)[0], 1.2798542258336674693);
      assertRelative(rows.get(0)[1], 1.3779371511348401129);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE(class_a, class_b) FROM grades")) {
        rs.next();
        assertRelative(rs.getDouble(1), 9.8082925301172643645e-2);
      }
    }
  }

  @Test
  void bandsPivotExampleMatchesReferences() throws Exception {
    try (Connection c = DriverManager.getConnection(Demo.H2_URL.replace("divergence;", "bands;"),
        "sa", "")) {
      runFile(c, "examples/bands_pivot.sql");
      List<Object[]> rows = runFile(c, "examples/bands_pivot.sql");
      // mpmath (references.py): kl, kl_reverse, js, psi, hellinger, tv
      double inf = Double.POSITIVE_INFINITY;
      double[][] expected = {
          {2.28777139632212773e-3, 2.2659105216715146456e-3, 5.6903851334903726214e-4,
              4.5536819179936423756e-3, 2.3856327458863299086e-2, 3.0e-2},
          {1.1352261281017038685e-2, inf, 3.8025221044611881553e-3, inf,
              7.305347604854115708e-2, 3.0e-2},
          {2.9249128927897903053e-1, 3.1699738789384885816e-1, 7.2415597931082262617e-2,
              6.0948867717282788868e-1, 2.7244493173757528702e-1, 3.4e-1},
      };
      assertThat(rows).hasSize(3);
      for (int r = 0; r < 3; r++) {
        for (int m = 0; m < 6; m++) {
          assertRelative(rows.get(r)[m + 1], expected[r][m]);
        }
      }
    }
  }
}
