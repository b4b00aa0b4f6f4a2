package io.github.divergencesql.jdbc;

import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.h2.H2Functions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/** Registers the functions in an H2 database unless they are all there already. */
final class H2Installer {
  private H2Installer() {}

  static void ensureInstalled(Connection c) throws SQLException {
    if (missing(c).isEmpty()) {
      return; // e.g. a file database installed before, opened by a user who is not an admin
    }
    try {
      H2Functions.install(c);
    } catch (SQLException e) {
      throw new SQLException("divergence-sql: functions " + missing(c) + " are not installed in "
          + "this database and this user cannot install them (H2 needs an admin to run "
          + "sql/h2/install.sql once): " + e.getMessage(), e.getSQLState(), e);
    }
  }

  private static Set<DivergenceFunction> missing(Connection c) throws SQLException {
    Set<DivergenceFunction> missing = EnumSet.allOf(DivergenceFunction.class);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES "
            + "WHERE ROUTINE_SCHEMA = SCHEMA()")) {
      while (rs.next()) {
        for (DivergenceFunction f : DivergenceFunction.values()) {
          if (f.name().equalsIgnoreCase(rs.getString(1))) {
            missing.remove(f);
          }
        }
      }
    }
    return missing;
  }
}
