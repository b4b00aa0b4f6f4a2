package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SessionCommands.Command;
import io.github.divergencesql.pg.StatementRouter.Route;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's simple queries ({@link PgSession}): each statement of a Query message in turn, as
 * PostgreSQL answers it ({@code SHOW}, {@code COPY} and the session commands here, every other
 * statement on the engine), and the command tags that name what a statement did.
 */
final class SimpleQuery {
  private final PgSession session;
  private final PgMessages messages;
  private final DataOutputStream out;
  private final StatementRouter router;
  private final SessionCommands commands;
  private final PgCopy copy;

  SimpleQuery(PgSession session, PgMessages messages, StatementRouter router,
      SessionCommands commands, PgCopy copy) {
    this.session = session;
    this.messages = messages;
    this.out = messages.out();
    this.router = router;
    this.commands = commands;
    this.copy = copy;
  }

  /** A Query message: its statements, each answered in turn, then ReadyForQuery. */
  void simpleQuery(String sql) throws IOException, SQLException {
    SqlScript script = SqlScript.parse(sql);
    if (script.openProblem() != null) {
      throw new SQLException("syntax error at end of input: " + script.openProblem(), "42601");
    }
    if (script.complete().isEmpty()) {
      out.write('I');
      out.writeInt(4);
      session.ready();
      return;
    }
    for (String statement : script.complete()) {
      if (commands.show(statement) || copy.copyOut(statement) || copy.copyIn(statement)) {
        continue;
      }
      Command command = commands.command(statement);
      if (command != null) {
        command.action().run();
        messages.commandComplete(command.tag());
        continue;
      }
      Route route = router.route(strip(statement));
      try (Statement s = route.connection().createStatement()) {
        session.limit(s);
        session.startRunning(s);
        boolean rows;
        try {
          rows = s.execute(route.sql());
        } finally {
          session.stopRunning();
        }
        router.changed(route, statement);
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            messages.rowDescription(rs.getMetaData(), new short[0], route);
            int[] oids = PgMessages.oids(rs);
            long n = 0;
            while (rs.next()) {
              messages.dataRow(rs, new short[0], oids);
              n++;
            }
            messages.commandComplete("SELECT " + n);
          }
        } else {
          messages.commandComplete(tag(statement, s.getUpdateCount()));
        }
      }
    }
    session.ready();
  }

  /** The statement without its final {@code ;} (JDBC takes one statement). */
  static String strip(String statement) {
    String s = statement.strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
  }

  static String tag(String statement, int count) {
    String word = firstWord(statement);
    return switch (word) {
      case "INSERT" -> "INSERT 0 " + Math.max(count, 0);
      case "UPDATE", "DELETE", "MERGE" -> word + " " + Math.max(count, 0);
      case "CREATE", "DROP", "ALTER" -> word + " " + secondWord(statement);
      default -> word;
    };
  }

  static String firstWord(String statement) {
    Matcher m = Pattern.compile("^[\\s(]*([A-Za-z]+)").matcher(SqlScript.withoutLeadingComments(statement));
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  private static String secondWord(String statement) {
    Matcher m = Pattern.compile("^\\s*[A-Za-z]+\\s+([A-Za-z]+)").matcher(SqlScript.withoutLeadingComments(statement));
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }
}
