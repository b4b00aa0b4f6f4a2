package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgLogin.canonical;
import static io.github.divergencesql.pg.PgLogin.charset;
import static io.github.divergencesql.pg.SimpleQuery.firstWord;

import io.github.divergencesql.pg.ExtendedQuery.Portal;
import io.github.divergencesql.pg.ExtendedQuery.Prepared;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session commands PostgreSQL answers itself, answered here as PostgreSQL does for a session
 * ({@link PgSession}): {@code SET}, {@code SHOW}, {@code RESET}, {@code BEGIN}/{@code COMMIT}/
 * {@code ROLLBACK}, {@code DISCARD}, {@code DEALLOCATE}; a changed setting that PostgreSQL reports
 * goes to the client in a ParameterStatus.
 */
final class SessionCommands {
  private static final Pattern SET = Pattern.compile(
      "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?!TRANSACTION\\b)([\\w.]+|\"[^\"]+\")\\s*(?:=|\\bTO\\b)\\s*(.*?)\\s*;?\\s*");
  private static final Pattern SET_ISOLATION = Pattern.compile("(?is)SET\\s+(?:SESSION\\s+"
      + "CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\s+ISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|"
      + "READ\\s+COMMITTED|REPEATABLE\\s+READ|SERIALIZABLE)\\s*;?\\s*");
  private static final Pattern SET_TIME_ZONE = Pattern.compile(
      "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*;?\\s*");
  static final Pattern SHOW = Pattern.compile(
      "(?is)\\s*SHOW\\s+(transaction\\s+isolation\\s+level|time\\s+zone|[\\w.]+|\"[^\"]+\")\\s*;?\\s*");
  private static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+([\\w.]+|\"[^\"]+\")\\s*;?\\s*");

  /** A session command answered here, or null for the engine. */
  record Command(String tag, Runnable action) {}

  private final PgSession session;
  private final PgMessages messages;
  private final DataOutputStream out;
  private final Connection connection;
  private final Map<String, String> settings;
  private final Map<String, Prepared> statements;
  private final Map<String, Portal> portals;

  /** The commands of a session that has logged in (its connection is open). */
  SessionCommands(PgSession session, PgMessages messages) {
    this.session = session;
    this.messages = messages;
    this.out = messages.out();
    this.connection = session.connection();
    this.settings = session.settings();
    this.statements = session.statements();
    this.portals = session.portals();
  }

  /** The session commands PostgreSQL answers without a table; null for the engine. */
  Command command(String statement) throws SQLException {
    String s = SqlScript.withoutLeadingComments(statement);
    String word = firstWord(s);
    switch (word) {
      case "BEGIN", "START" -> {
        return new Command("BEGIN", () -> transaction(false));
      }
      case "COMMIT", "END" -> {
        return new Command("COMMIT", () -> transaction(true));
      }
      case "ROLLBACK", "ABORT" -> {
        return new Command("ROLLBACK", this::rollback);
      }
      case "DISCARD" -> {
        return new Command("DISCARD ALL", () -> {
          statements.clear();
          portals.clear();
        });
      }
      case "DEALLOCATE" -> {
        String name = unquote(s.replaceFirst("(?is)^DEALLOCATE\\s+(PREPARE\\s+)?", "")
            .replace(";", "").strip());
        return new Command("DEALLOCATE" + (name.equalsIgnoreCase("ALL") ? " ALL" : ""), () -> {
          if (name.equalsIgnoreCase("ALL")) {
            statements.clear();
          } else {
            statements.remove(name);
          }
        });
      }
      case "SET" -> {
        Matcher isolation = SET_ISOLATION.matcher(s);
        if (isolation.matches()) { // pgjdbc's setTransactionIsolation, as any engine takes it
          String level = isolation.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
          return new Command("SET", () -> {
            try {
              connection.setTransactionIsolation(switch (level) {
                case "read uncommitted" -> Connection.TRANSACTION_READ_UNCOMMITTED;
                case "repeatable read" -> Connection.TRANSACTION_REPEATABLE_READ;
                case "serializable" -> Connection.TRANSACTION_SERIALIZABLE;
                default -> Connection.TRANSACTION_READ_COMMITTED;
              });
            } catch (SQLException | UnsupportedOperationException e) {
              // an engine without levels (Calcite): its reads are as they are
            }
            settings.put("transaction_isolation", level);
          });
        }
        Matcher zone = SET_TIME_ZONE.matcher(s);
        Matcher m = SET.matcher(s);
        if (zone.matches()) {
          String value = unquote(zone.group(1));
          return new Command("SET", () -> setting("TimeZone", value));
        }
        if (m.matches()) {
          String name = settingName(m.group(1));
          String value = unquote(m.group(2));
          if (name.equalsIgnoreCase("client_encoding") && charset(value) == null) {
            throw new SQLException("invalid value for parameter \"client_encoding\": \"" + value
                + "\"", "22023");
          }
          return new Command("SET", () -> setting(name, value));
        }
        return null;
      }
      case "RESET" -> {
        Matcher m = RESET.matcher(s);
        return m.matches() ? new Command("RESET", () -> { }) : null;
      }
      default -> {
        return null;
      }
    }
  }

  private void transaction(boolean commit) {
    try {
      if (commit) {
        if (!connection.getAutoCommit()) {
          connection.commit();
          connection.setAutoCommit(true);
        }
        session.transaction('I');
      } else {
        connection.setAutoCommit(false);
        session.transaction('T');
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      session.transaction('I');
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void setting(String name, String value) {
    String key = settings.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
        .orElse(name.toLowerCase(Locale.ROOT));
    if (key.equals("client_encoding")) {
      messages.charset(charset(value));
      settings.put(key, canonical(value));
    } else {
      settings.put(key, value);
    }
    if (PgSession.REPORTED.contains(key)) {
      try {
        messages.parameterStatus(key, settings.getOrDefault(key, ""));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static String settingName(String raw) {
    String n = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1)
        : raw.replaceAll("(?i)transaction\\s+isolation\\s+level", "transaction_isolation")
            .replaceAll("(?i)time\\s+zone", "TimeZone");
    return n.equalsIgnoreCase("datestyle") ? "DateStyle"
        : n.equalsIgnoreCase("timezone") ? "TimeZone"
        : n.equalsIgnoreCase("intervalstyle") ? "IntervalStyle" : n;
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'")
        || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    return v;
  }

  /** SHOW: a one-row, one-column answer, or null when it is no SHOW. */
  boolean show(String statement) throws IOException, SQLException {
    Matcher m = SHOW.matcher(statement);
    if (!m.matches()) {
      return false;
    }
    String name = settingName(m.group(1));
    String value = showValue(name);
    textColumn(name);
    messages.textRow(value);
    messages.commandComplete("SHOW");
    return true;
  }

  /** A setting's value for SHOW; 42704 for one that does not exist. */
  String showValue(String name) throws SQLException {
    return settings.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new SQLException(
            "unrecognized configuration parameter \"" + name + "\"", "42704"));
  }

  /** RowDescription of one text column, as SHOW answers. */
  void textColumn(String name) throws IOException {
    // named as PostgreSQL names the parameter: SHOW timezone answers a column TimeZone
    String canonical = settings.keySet().stream().filter(k -> k.equalsIgnoreCase(name))
        .findFirst().orElse(name.toLowerCase(Locale.ROOT));
    byte[] column = messages.cStringBytes(canonical);
    out.write('T');
    out.writeInt(4 + 2 + column.length + 18);
    out.writeShort(1);
    out.write(column);
    out.writeInt(0);
    out.writeShort(0);
    out.writeInt(PgTypes.TEXT);
    out.writeShort(-1);
    out.writeInt(-1);
    out.writeShort(0);
  }
}
