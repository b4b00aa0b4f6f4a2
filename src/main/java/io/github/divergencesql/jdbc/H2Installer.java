package io.github.divergencesql.jdbc;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.h2.H2Functions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers the functions in an H2 database unless they are all there already: in the
 * connection's schema, or in PUBLIC (else the first user schema) when that is H2's
 * INFORMATION_SCHEMA, never in a system schema.
 */
final class H2Installer {
  /** H2's error codes: read-only database, class not found, admin rights required. */
  private static final int READ_ONLY = 90097;
  private static final int CLASS_NOT_FOUND = 90086;
  private static final int IO_EXCEPTION = 90031;

  private H2Installer() {}

  /**
   * Installs what is missing; returns a warning for the client when the functions cannot be
   * installed in a read-only database (the connection is still useful), null otherwise.
   */
  static SQLWarning ensureInstalled(Connection c) throws SQLException {
    String current = c.getSchema();
    String target = "INFORMATION_SCHEMA".equalsIgnoreCase(current) ? userSchema(c) : current;
    Set<DivergenceFunction> missing = missing(c, target);
    if (missing.isEmpty()) {
      return null; // e.g. a file database installed before, opened by a user who is not an admin
    }
    try {
      if (!target.equals(current)) {
        c.setSchema(target);
      }
      try {
        H2Functions.install(c);
      } finally {
        if (!target.equals(current)) {
          c.setSchema(current);
        }
      }
      return null;
    } catch (SQLException e) {
      if (e.getErrorCode() == READ_ONLY || c.isReadOnly()) {
        return new SQLWarning("divergence-sql: this database is read-only and does not have the "
            + "functions " + missing + ", so they are unavailable on this connection (open it "
            + "once writable, as an admin, to install them)", "01000");
      }
      // the install script and the classes are read where the database runs: a server (tcp:)
      // without our jar finds neither (ours always has both on its own class path)
      if (e.getErrorCode() == CLASS_NOT_FOUND || e.getErrorCode() == IO_EXCEPTION
          && e.getMessage().contains(H2Functions.INSTALL_SCRIPT)) {
        throw new SQLException("divergence-sql: the H2 server of this database cannot load the "
            + "functions' classes: the server needs the divergence-sql jar on its class path "
            + "(" + e.getMessage() + ")", "08001", e);
      }
      throw new SQLException("divergence-sql: functions " + missing + " are not installed in "
          + "this database and this user cannot install them (H2 needs an admin to run "
          + "sql/h2/install.sql once): " + e.getMessage(), e.getSQLState(), e);
    }
  }

  /** PUBLIC if it exists, else the first schema that is not a system one. */
  private static String userSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA "
            + "WHERE SCHEMA_NAME <> 'INFORMATION_SCHEMA' "
            + "ORDER BY CASE WHEN SCHEMA_NAME = 'PUBLIC' THEN 0 ELSE 1 END, SCHEMA_NAME")) {
      if (rs.next()) {
        return rs.getString(1);
      }
    }
    throw new SQLException("divergence-sql: this database has no user schema to install the "
        + "functions in", "08001");
  }

  private static Set<DivergenceFunction> missing(Connection c, String schema)
      throws SQLException {
    Set<DivergenceFunction> missing = EnumSet.allOf(DivergenceFunction.class);
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT ROUTINE_NAME "
        + "FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = ?")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          for (DivergenceFunction f : DivergenceFunction.values()) {
            if (f.name().equalsIgnoreCase(rs.getString(1))) {
              missing.remove(f);
            }
          }
        }
      }
    }
    return missing;
  }
}
