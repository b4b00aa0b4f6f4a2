package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The keyed forms in a small heap: 5 million distinct keys in {@code -Xmx64m} gave H2's
 * "90108 Out of memory", after which the in-memory database was found empty. Now the query fails
 * with SQLState 22023 naming the limit, and the session and the database are intact.
 */
class KeyedMemoryIT {
  /** Runs in the child JVM, with the -all jar: prints one line per step. */
  public static final class Workload {
    public static void main(String[] args) throws SQLException {
      try (Connection c = DriverManager.getConnection(
          "jdbc:divergence:h2:mem:keyed;DB_CLOSE_DELAY=-1", "sa", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE KEPT AS SELECT X, X * 0.5 AS P FROM SYSTEM_RANGE(1, 1000)");
        try {
          s.executeQuery("SELECT KL_DIVERGENCE_BY(X, 1, 1) FROM SYSTEM_RANGE(1, 5000000)").next();
          System.out.println("no error");
        } catch (SQLException e) {
          System.out.println("error " + e.getSQLState() + " " + e.getMessage());
        }
      }
      // a new connection to the same database: still there, with its rows
      try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:keyed", "sa", "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(P) FROM KEPT")) {
        rs.next();
        System.out.println("kept " + rs.getLong(1) + " " + rs.getDouble(2));
      }
    }
  }

  @Test
  void fiveMillionKeysInASixtyFourMegabyteHeapFailClearlyAndLoseNothing() throws Exception {
    String classpath = Jar.path().toAbsolutePath() + File.pathSeparator
        + Path.of(Workload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Jar.Run r = Jar.java(List.of("-Xmx64m", "-cp", classpath, Workload.class.getName()), null,
        Map.of());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("error 22023 KL_DIVERGENCE_BY: keys exceed the limit of")
        .contains("distinct keys in one group");
    // Σ 0.5·x for x = 1..1000 = 0.5 · 500500
    assertThat(r.out()).contains("kept 1000 250250.0");
  }
}
