package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.SimpleQuery.firstWord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each statement of a session runs: the session's catalog database ({@link PgCatalog},
 * built again when stale) for a statement that reads the catalog, translated by
 * {@link CatalogSql}, or the served database, translated by {@link PgSql}; and for H2, the right
 * to update a table that {@code SELECT ... FOR UPDATE} locks.
 */
final class StatementRouter {
  static final int CATALOG_SECONDS = 10;

  /** Where a statement runs: the catalog database or the served one, and its translated text. */
  record Route(Connection connection, String sql, boolean catalog, String clientSql) {}

  private final PgWireServer server;
  private final Connection connection;
  private final String user;
  private final String database;
  private final Map<String, String> settings;
  private final int pid;
  private Boolean h2;
  private PgCatalog catalog;
  private boolean catalogStale;

  /** The router of a session that has logged in (its connection, user and database are set). */
  StatementRouter(PgSession session) {
    this.server = session.server();
    this.connection = session.connection();
    this.user = session.user();
    this.database = session.database();
    this.settings = session.settings();
    this.pid = session.pid();
  }

  Route route(String sql) throws SQLException {
    if (PgCatalog.reads(sql)) {
      PgCatalog c = catalog();
      return new Route(c.connection(),
          CatalogSql.forCatalog(sql, user, database, c.defaultSchema()), true, sql);
    }
    SQLException[] failed = new SQLException[1];
    String translated = PgSql.forEngine(sql, name -> {
      try {
        return catalog().storedName(name);
      } catch (SQLException e) {
        failed[0] = e;
        return name;
      }
    }, !server.config().url().startsWith("jdbc:divergence:calcite:"));
    if (failed[0] != null) {
      throw failed[0];
    }
    if (locksRows(sql)) {
      checkUpdateRights(sql);
    }
    return new Route(connection, translated, false, sql);
  }

  /** Whether {@code sql} ends in a row-locking clause: FOR UPDATE, FOR SHARE and the like. */
  private static boolean locksRows(String sql) {
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("for") && (t.get(i + 1).is("update") || t.get(i + 1).is("share")
          || t.get(i + 1).is("no") || t.get(i + 1).is("key"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * PostgreSQL locks rows for {@code FOR UPDATE} only for a user who may update the table; H2
   * asks only for SELECT, so a read-only user could lock the owner out. For an H2 database each
   * table the statement names after FROM or JOIN is checked with an update that changes nothing.
   */
  private void checkUpdateRights(String sql) throws SQLException {
    if (h2 == null) {
      h2 = String.valueOf(connection.getMetaData().getDatabaseProductName()).contains("H2");
    }
    if (!h2) {
      return;
    }
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!(t.get(i).is("from") || t.get(i).is("join") || t.get(i).is(","))
          || !t.get(i + 1).isName()) {
        continue;
      }
      StringBuilder name = new StringBuilder(t.get(i + 1).text());
      int j = i + 2;
      while (j + 1 < t.size() && t.get(j).is(".") && t.get(j + 1).isName()) {
        name.append('.').append(t.get(j + 1).text());
        j += 2;
      }
      String table = PgSql.forEngine(name.toString(), n -> {
        try {
          return catalog().storedName(n);
        } catch (SQLException e) {
          return n;
        }
      });
      String column;
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE FALSE")) {
        column = SqlTokens.quotedName(rs.getMetaData().getColumnName(1));
      } catch (SQLException e) {
        continue; // not a table this user reads (an alias, a function): the statement says
      }
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("UPDATE " + table + " SET " + column + " = " + column + " WHERE FALSE");
      } catch (SQLException e) {
        if (e.getErrorCode() == org.h2.api.ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1) {
          throw new SQLException("permission denied for table " + name
              + ": SELECT ... FOR UPDATE or FOR SHARE needs the right to update it", "42501");
        }
      }
    }
  }

  /**
   * The session's catalog, built again after this session changed the database and otherwise
   * at most every {@value #CATALOG_SECONDS} seconds (another session's change shows after that).
   */
  private PgCatalog catalog() throws SQLException {
    if (catalog == null || catalogStale || catalog.ageSeconds() > CATALOG_SECONDS) {
      if (catalog != null) {
        catalog.close();
        catalog = null;
      }
      catalog = PgCatalog.build(connection, user, database, settings);
      catalogStale = false;
      CatalogFunctions.SESSION.set(new CatalogFunctions.Session(user, database,
          settings.get("server_version"), List.of(catalog.defaultSchema()), settings, pid));
    }
    return catalog;
  }

  /** Marks the catalog stale after a statement that may have changed the served database. */
  void changed(Route route, String statement) {
    if (route != null && !route.catalog()) {
      String word = firstWord(statement);
      if (!List.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW", "CALL").contains(word)) {
        catalogStale = true;
      }
    }
  }

  /** Marks the catalog stale: the session has changed the served database (COPY FROM). */
  void changed() {
    catalogStale = true;
  }

  /** Closes the session's catalog database, if it has one. */
  void close() {
    if (catalog != null) {
      catalog.close();
    }
  }
}
