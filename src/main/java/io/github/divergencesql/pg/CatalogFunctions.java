package io.github.divergencesql.pg;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.tools.SimpleResultSet;

/**
 * The functions PostgreSQL clients call on the catalog that answer from the session and the
 * server, as PostgreSQL 15 defines them (its documentation, "System Information Functions and
 * Operators": session information, settings, access privileges, sizes), registered in the catalog
 * database's {@code pg_catalog} schema by {@link PgCatalog} with those of {@link CatalogLookups}
 * (what the catalog tables say of an object) and {@link TextArrayFunctions} (strings and arrays).
 * Those that need the session read the one the statement runs for ({@link #SESSION}); none makes
 * up an object the served database does not have.
 */
public final class CatalogFunctions {
  /** What a function needs of the session whose statement runs on this thread. */
  record Session(String user, String database, String serverVersion, List<String> searchPath,
      Map<String, String> settings, int pid) {}

  static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

  private CatalogFunctions() {}

  static Session session() {
    Session s = SESSION.get();
    return s != null ? s : new Session("", "", "16.0", List.of("public"), Map.of(), 0);
  }

  public static String version() {
    return "PostgreSQL " + session().serverVersion() + " (divergence-sql PostgreSQL wire)";
  }

  public static String current_database() {
    return session().database();
  }

  public static String[] current_schemas(Boolean implicit) {
    List<String> path = new ArrayList<>();
    if (Boolean.TRUE.equals(implicit)) {
      path.add("pg_catalog");
    }
    path.addAll(session().searchPath());
    return path.toArray(new String[0]);
  }

  public static String current_setting(String name) throws SQLException {
    return current_setting(name, false);
  }

  public static String current_setting(String name, Boolean missingOk) throws SQLException {
    for (Map.Entry<String, String> e : session().settings().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    if (Boolean.TRUE.equals(missingOk)) {
      return null;
    }
    throw new SQLException("unrecognized configuration parameter \"" + name + "\"", "42704");
  }

  public static String set_config(String name, String value, Boolean local) {
    return value; // a session setting changed here would not outlive the statement
  }

  public static int pg_backend_pid() {
    return session().pid();
  }

  public static boolean pg_relation_is_publishable(String relation) {
    return false; // the served database publishes nothing
  }

  public static boolean pg_is_in_recovery() {
    return false;
  }

  public static String pg_encoding_to_char(Integer encoding) {
    return encoding != null && encoding == 6 ? "UTF8" : "SQL_ASCII";
  }

  public static int pg_char_to_encoding(String name) {
    return "UTF8".equalsIgnoreCase(name) ? 6 : 0;
  }

  public static int pg_encoding_max_length(Integer encoding) {
    return 4;
  }

  public static boolean has_table_privilege(String a, String b) {
    return true; // the catalog lists only what the session's user may see
  }

  public static boolean has_table_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_schema_privilege(String a, String b) {
    return true;
  }

  public static boolean has_schema_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_database_privilege(String a, String b) {
    return true;
  }

  public static boolean has_database_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_column_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_column_privilege(String a, String b, String c, String d) {
    return true;
  }

  public static boolean has_any_column_privilege(String a, String b) {
    return true;
  }

  public static boolean has_any_column_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_function_privilege(String a, String b) {
    return true;
  }

  public static boolean has_function_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean has_sequence_privilege(String a, String b) {
    return true;
  }

  public static boolean has_sequence_privilege(String a, String b, String c) {
    return true;
  }

  public static boolean pg_has_role(String a, String b) {
    return true;
  }

  public static boolean pg_has_role(String a, String b, String c) {
    return true;
  }

  public static ResultSet pg_get_keywords() {
    SimpleResultSet rs = new SimpleResultSet();
    rs.addColumn("word", Types.VARCHAR, 64, 0);
    rs.addColumn("catcode", Types.CHAR, 1, 0);
    rs.addColumn("catdesc", Types.VARCHAR, 64, 0);
    for (String word : SqlKeywords.RESERVED) {
      rs.addRow(word, "R", "reserved");
    }
    return rs;
  }

  public static String pg_size_pretty(Long bytes) {
    return bytes == null ? null : bytes + " bytes";
  }

  public static Long pg_stat_get_numscans(Integer oid) {
    return null; // the served database keeps no such counters
  }

  public static Long pg_total_relation_size(Integer oid) {
    return null; // not known for a served database
  }

  public static Long pg_relation_size(Integer oid) {
    return null;
  }

  public static Long pg_table_size(Integer oid) {
    return null;
  }

  public static Long pg_database_size(String database) {
    return null;
  }

  public static String inet_server_addr() {
    return null;
  }

  public static String inet_client_addr() {
    return null;
  }

  public static long txid_current() {
    return 1;
  }
}
