package io.github.divergencesql.cli;

import io.github.divergencesql.pg.SqlScript;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs the statements of {@code -e} and FILE.sql arguments over one JDBC connection and prints
 * each result in the chosen format ({@link ResultWriter}), for scripts and cron jobs: every
 * statement that fails, or is left incomplete at the end of its source (an unclosed
 * parenthesis, quote or comment), is one line on stderr naming the source and line, and makes
 * the exit code 1; the run stops there unless {@code --continue-on-error}. A connection that
 * cannot be opened is one line too. Nothing here prints a stack trace or a class name.
 */
final class ScriptRunner {
  /** A script and what to call it in a message ({@code -e} or the file's path). */
  record Source(String name, String text) {
  }

  private final ResultWriter.Format format;
  private final boolean continueOnError;

  ScriptRunner(ResultWriter.Format format, boolean continueOnError) {
    this.format = format;
    this.continueOnError = continueOnError;
  }

  /** Runs the sources in order and returns the exit code. */
  int run(String url, String user, String password, List<Source> sources) throws IOException {
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
        1 << 16);
    Connection c;
    try {
      c = Cli.connect(url, user, password);
    } catch (SQLException | RuntimeException e) {
      return fail("cannot connect to " + url + ": " + ErrorText.of(e));
    }
    ResultWriter writer = new ResultWriter(format, out);
    int code = Cli.OK;
    try (Connection held = c) {
      for (Source source : sources) {
        SqlScript script = SqlScript.parse(source.text());
        int from = 0;
        for (String statement : script.complete()) {
          int at = source.text().indexOf(statement, from);
          if (at >= 0) {
            from = at + statement.length();
          }
          int line = lineOf(source.text(), Math.max(at, 0));
          String problem = execute(held, statement, writer);
          out.flush();
          if (problem != null) {
            fail(source.name() + ", line " + line + ": " + problem);
            if (!continueOnError) {
              return Cli.FAILED;
            }
            code = Cli.FAILED;
          }
        }
        if (script.openProblem() != null) {
          fail(source.name() + ": the statement at line " + script.openLine()
              + " is not complete: " + script.openProblem());
          if (!continueOnError) {
            return Cli.FAILED;
          }
          code = Cli.FAILED;
        }
      }
    } catch (SQLException e) { // closing the connection
      return fail("closing the connection: " + ErrorText.of(e));
    }
    return code;
  }

  /** Runs one statement and prints its results; returns null or the error in words. */
  private static String execute(Connection c, String statement, ResultWriter writer)
      throws IOException {
    if (statement.startsWith("!")) {
      return "sqlline commands such as " + statement.split("\\s+")[0]
          + " work in the interactive shell only";
    }
    String sql = statement.endsWith(";")
        ? statement.substring(0, statement.length() - 1).stripTrailing() : statement;
    if (sql.isEmpty()) {
      return null;
    }
    try (Statement s = c.createStatement()) {
      boolean isResult = s.execute(sql);
      while (true) {
        if (isResult) {
          try (var rs = s.getResultSet()) {
            writer.write(rs);
          }
        } else if (s.getUpdateCount() == -1) {
          break;
        }
        isResult = s.getMoreResults();
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      String state = e instanceof SQLException x ? x.getSQLState() : null;
      return ErrorText.of(e) + (state == null || state.isBlank() ? "" : " (SQLSTATE " + state + ")");
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int fail(String message) {
    System.out.flush();
    System.err.println("divergence-sql: " + message);
    System.err.flush();
    return Cli.FAILED;
  }
}
