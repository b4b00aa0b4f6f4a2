package io.github.divergencesql.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Refuses connection settings that run code when a connection opens, unless the user opts in
 * with the connection property {@value #ALLOW}{@code =true}: a URL pasted into a BI tool must not
 * be able to run a script ({@code INIT=RUNSCRIPT FROM 'http://…'}) or load a class.
 *
 * <p>H2 settings refused: {@code INIT} (SQL run on connect, which can create Java aliases),
 * {@code DATABASE_EVENT_LISTENER} and {@code JAVA_OBJECT_SERIALIZER} (class names),
 * {@code AUTHREALM}/{@code AUTHZPWD} (authenticator configuration). Calcite properties refused:
 * {@code schemaFactory}, {@code parserFactory}, {@code typeSystem} (class names). A Calcite
 * model also names classes (schema factories): point the driver only at models you trust.
 */
final class UrlGuard {
  static final String ALLOW = "divergence.allowCodeSettings";
  static final String SQL_STATE = "08001";

  private static final List<String> H2_SETTINGS = List.of("INIT", "DATABASE_EVENT_LISTENER",
      "JAVA_OBJECT_SERIALIZER", "AUTHREALM", "AUTHZPWD");
  private static final List<String> CALCITE_PROPERTIES = List.of("SCHEMAFACTORY",
      "PARSERFACTORY", "TYPESYSTEM");

  private UrlGuard() {}

  static void checkH2(String rest, Properties info) throws SQLException {
    if (allowed(info)) {
      return;
    }
    String[] parts = rest.split(";");
    for (int i = 1; i < parts.length; i++) {
      check(parts[i], H2_SETTINGS);
    }
    for (String key : info.stringPropertyNames()) {
      check(key + "=", H2_SETTINGS);
    }
  }

  static void checkCalcite(String rest, Properties info) throws SQLException {
    if (allowed(info)) {
      return;
    }
    for (String part : rest.split(";")) {
      check(part, CALCITE_PROPERTIES);
    }
    for (String key : info.stringPropertyNames()) {
      check(key + "=", CALCITE_PROPERTIES);
    }
  }

  private static boolean allowed(Properties info) {
    return "true".equalsIgnoreCase(info.getProperty(ALLOW));
  }

  private static void check(String setting, List<String> refused) throws SQLException {
    int eq = setting.indexOf('=');
    String key = (eq < 0 ? setting : setting.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
    if (refused.contains(key)) {
      throw new SQLException("divergence-sql: the connection setting " + key + " runs code when "
          + "the connection opens and is refused; set the connection property " + ALLOW
          + "=true to allow it", SQL_STATE);
    }
  }
}
