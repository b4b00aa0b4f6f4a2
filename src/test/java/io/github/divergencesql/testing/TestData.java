package io.github.divergencesql.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables every engine test reads, in schema DATA of an in-memory H2 database (Calcite reads
 * the same database through its JDBC adapter), so the same SQL text runs in both engines.
 */
public final class TestData {
  private TestData() {}

  /** Opens (and keeps alive) an in-memory H2 database named {@code name} holding the tables. */
  public static Connection create(String name) throws SQLException {
    Connection c = DriverManager.getConnection(url(name), "sa", "");
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA DATA");
      // the reference cases, one CASE_ID per ReferenceCases.CASES entry
      s.execute("CREATE TABLE DATA.REFS(CASE_ID INT, I INT, P DOUBLE PRECISION, Q DOUBLE PRECISION)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO DATA.REFS VALUES (?, ?, ?, ?)")) {
        for (int k = 0; k < ReferenceCases.CASES.size(); k++) {
          ReferenceCases.Case rc = ReferenceCases.CASES.get(k);
          for (int i = 0; i < rc.p().length; i++) {
            ps.setInt(1, k);
            ps.setInt(2, i);
            ps.setDouble(3, rc.p()[i]);
            ps.setDouble(4, rc.q()[i]);
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
      // pivot NULLs: G='mixed' has categories seen on one side only; 'allnull' has no mass;
      // 'zeroq' has a q side whose total is 0
      s.execute("CREATE TABLE DATA.PIVOT(G VARCHAR(10), P DOUBLE PRECISION, Q DOUBLE PRECISION)");
      s.execute("INSERT INTO DATA.PIVOT VALUES "
          + "('mixed', 1, NULL), ('mixed', NULL, 1), ('mixed', 1, 1), ('mixed', NULL, NULL), "
          + "('allnull', NULL, NULL), ('allnull', NULL, NULL), "
          + "('zeroq', 2, 0), ('zeroq', 3, NULL)");
      // every numeric SQL type as an argument: counts as INT/BIGINT, DECIMAL, REAL, SMALLINT
      s.execute("CREATE TABLE DATA.TYPED(P_INT INT, Q_BIGINT BIGINT, P_DEC DECIMAL(10, 4), Q_REAL REAL, "
          + "P_SMALL SMALLINT, Q_FLOAT FLOAT)");
      s.execute("INSERT INTO DATA.TYPED VALUES (2, 1, 0.2, 0.1, 2, 1), (3, 4, 0.3, 0.4, 3, 4), "
          + "(4, 3, 0.4, 0.3, 4, 3), (1, 2, 0.1, 0.2, 1, 2)");
      // long form: one row per (experiment, band, arm) with a count; 'grades' is the seed
      // example as counts (A: 2 = 1 + 1, 3, 4, 1; B: 1, 4, 3, 2), 'oneside' has band z in arm A
      // only, 'nullkey' has a NULL band
      s.execute("CREATE TABLE DATA.RESULTS(EXPERIMENT VARCHAR(10), BAND VARCHAR(1), ARM VARCHAR(1), "
          + "N INT)");
      s.execute("INSERT INTO DATA.RESULTS VALUES "
          + "('grades', 'A', 'A', 1), ('grades', 'A', 'A', 1), ('grades', 'A', 'B', 1), "
          + "('grades', 'B', 'A', 3), ('grades', 'B', 'B', 4), ('grades', 'C', 'A', 4), "
          + "('grades', 'C', 'B', 3), ('grades', 'D', 'A', 1), ('grades', 'D', 'B', 2), "
          + "('oneside', 'x', 'A', 2), ('oneside', 'x', 'B', 1), ('oneside', 'y', 'A', 1), "
          + "('oneside', 'y', 'B', 1), ('oneside', 'z', 'A', 1), "
          + "('nullkey', NULL, 'A', 1), ('nullkey', NULL, 'B', 1), ('nullkey', 'k', 'A', 1), "
          + "('nullkey', 'k', 'B', 3)");
      // raw events: arm A saw x, x, y; arm B saw x, y, y, y
      s.execute("CREATE TABLE DATA.EVENTS(ARM VARCHAR(1), X VARCHAR(1))");
      s.execute("INSERT INTO DATA.EVENTS VALUES ('A', 'x'), ('B', 'x'), ('A', 'x'), ('B', 'y'), "
          + "('A', 'y'), ('B', 'y'), ('B', 'y')");
      // counts with a zero bin: p = (3, 1, 0), q = (2, 1, 1)
      s.execute("CREATE TABLE DATA.ZEROBIN(BIN INT, P INT, Q INT)");
      s.execute("INSERT INTO DATA.ZEROBIN VALUES (1, 3, 2), (2, 1, 1), (3, 0, 1)");
      s.execute("CREATE TABLE DATA.LATENT(ID INT, DIM INT, MU DOUBLE PRECISION, LV DOUBLE PRECISION)");
      s.execute("INSERT INTO DATA.LATENT VALUES (1, 1, 1, 0), (1, 2, 0, 0.6931471805599453), "
          + "(1, 3, NULL, 5), (2, 1, 0, 0), (3, 1, NULL, NULL)");
    }
    return c;
  }

  /** The rows of a query through JDBC, each as the driver's Java values ({@code getObject}). */
  public static List<Object[]> rows(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  public static String url(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
  }
}
