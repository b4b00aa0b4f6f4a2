package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgMessages.cString;
import static io.github.divergencesql.pg.PgMessages.clientName;
import static io.github.divergencesql.pg.PgSession.MAX_MESSAGE;

import io.github.divergencesql.pg.MessageReader.Message;
import io.github.divergencesql.pg.StatementRouter.Route;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's {@code COPY} ({@link PgSession}): {@code COPY ... FROM STDIN} and
 * {@code COPY ... TO STDOUT}, in text or CSV format, as psql's {@code \copy} and pgjdbc's
 * CopyManager use them.
 */
final class PgCopy {
  private static final Pattern COPY_IN = Pattern.compile(
      "(?is)\\s*COPY\\s+([\\w.\"]+)\\s*(?:\\(([^)]*)\\))?\\s+FROM\\s+STDIN\\b(.*?);?\\s*");
  private static final int COPY_BATCH = 1_000;

  private final PgSession session;
  private final PgMessages messages;
  private final DataOutputStream out;
  private final StatementRouter router;
  private final MessageReader inbox;

  PgCopy(PgSession session, PgMessages messages, StatementRouter router, MessageReader inbox) {
    this.session = session;
    this.messages = messages;
    this.out = messages.out();
    this.router = router;
    this.inbox = inbox;
  }

  /**
   * {@code COPY table [(columns)] FROM STDIN}, text (tab-separated, {@code \N} for NULL,
   * backslash escapes) or {@code FORMAT csv} (an unquoted empty field is NULL; {@code HEADER}
   * skips the first line), as psql's {@code \copy ... from} sends it. The rows go in with one
   * transaction: all of them, or on any error none. False when the statement is no such COPY.
   */
  boolean copyIn(String statement) throws IOException, SQLException {
    Matcher m = COPY_IN.matcher(statement);
    if (!m.matches()) {
      return false;
    }
    String table = m.group(1);
    String options = m.group(3).toLowerCase(Locale.ROOT);
    boolean csv = options.matches("(?s).*\\bformat\\s*'?csv'?.*")
        || options.matches("(?s).*\\bcsv\\b.*");
    boolean header = csv && options.matches("(?s).*\\bheader\\b(?!\\s*(false|off|0)\\b).*");
    Matcher delimiter = Pattern.compile("(?s).*\\bdelimiter\\s+(?:as\\s+)?'(.)'.*").matcher(
        m.group(3));
    char separator = delimiter.matches() ? delimiter.group(1).charAt(0) : csv ? ',' : '\t';
    int columns;
    String columnList = m.group(2) == null ? "" : "(" + m.group(2) + ")";
    Route probe = router.route("SELECT " + (m.group(2) == null ? "*" : m.group(2)) + " FROM "
        + table + " WHERE 1 = 0");
    try (Statement s = probe.connection().createStatement();
        ResultSet rs = s.executeQuery(probe.sql())) {
      columns = rs.getMetaData().getColumnCount();
    }
    Route insert = router.route("INSERT INTO " + table + columnList + " VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")");
    // CopyInResponse: text format, each column text
    out.write('G');
    out.writeInt(4 + 1 + 2 + 2 * columns);
    out.write(0);
    out.writeShort(columns);
    for (int i = 0; i < columns; i++) {
      out.writeShort(0);
    }
    out.flush();
    Connection c = insert.connection();
    boolean autoCommit = c.getAutoCommit();
    long rows = 0;
    SQLException failed = null;
    StringBuilder pending = new StringBuilder();
    boolean skipHeader = header;
    try (PreparedStatement ps = c.prepareStatement(insert.sql())) {
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      while (true) {
        Message msg;
        try {
          msg = inbox.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted during COPY", "57014");
        }
        if (msg.type() == 'd') {
          if (failed != null) {
            continue; // the rest of the data, after an error: read and dropped
          }
          pending.append(new String(msg.body(), messages.charset()));
          if (pending.length() > MAX_MESSAGE) { // a record without an end holds no more
            failed = new SQLException("COPY " + table + ": a record longer than "
                + (MAX_MESSAGE >> 20) + " MiB", "54000");
            pending.setLength(0);
            continue;
          }
          int end;
          while ((end = recordEnd(pending, csv)) >= 0) {
            String line = pending.substring(0, end);
            pending.delete(0, end + 1);
            if (line.endsWith("\r")) {
              line = line.substring(0, line.length() - 1);
            }
            if (skipHeader) {
              skipHeader = false;
              continue;
            }
            if (!csv && line.equals("\\.")) {
              continue;
            }
            try {
              List<String> fields = csv ? csvFields(line, separator) : textFields(line, separator);
              if (fields.size() != columns) {
                throw new SQLException("COPY " + table + ": line " + (rows + 1 + (header ? 1 : 0))
                    + " has " + fields.size() + " fields, the table takes " + columns, "22P04");
              }
              for (int i = 0; i < columns; i++) {
                ps.setString(i + 1, fields.get(i));
              }
              ps.addBatch();
              rows++;
              if (rows % COPY_BATCH == 0) {
                ps.executeBatch();
              }
            } catch (SQLException e) {
              failed = e;
            }
          }
        } else if (msg.type() == 'c') {
          if (failed == null && pending.length() > 0) {
            failed = new SQLException("COPY " + table + ": the data ends inside a record",
                "22P04");
          }
          break;
        } else if (msg.type() == 'f') {
          failed = new SQLException("COPY from stdin failed: " + cString(
              ByteBuffer.wrap(msg.body()), messages.charset()), "57014");
          break;
        } else if (msg.type() == 'H' || msg.type() == 'S') {
          continue; // Flush and Sync are allowed, and ignored, during COPY
        } else {
          failed = new SQLException("unexpected message type '" + (char) msg.type()
              + "' during COPY", "08P01");
          if (msg.type() < 0) {
            throw new EOFException("the client left during COPY");
          }
          break;
        }
      }
      if (failed == null) {
        ps.executeBatch();
        if (autoCommit) {
          c.commit();
        }
      }
    } catch (SQLException e) {
      failed = failed == null ? e : failed;
    } finally {
      if (failed != null && autoCommit) {
        c.rollback();
      }
      if (autoCommit) {
        c.setAutoCommit(true);
      }
    }
    if (failed != null) {
      throw failed;
    }
    router.changed();
    messages.commandComplete("COPY " + rows);
    return true;
  }

  /** Where the first record of {@code data} ends (its newline), or -1; CSV quotes may hold newlines. */
  private static int recordEnd(CharSequence data, boolean csv) {
    boolean quoted = false;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (csv && c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /** A CSV record's fields; an unquoted empty field is NULL, as PostgreSQL reads CSV. */
  static List<String> csvFields(String line, char separator) {
    List<String> fields = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i <= line.length(); i++) {
      char c = i < line.length() ? line.charAt(i) : separator;
      if (i < line.length() && c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          b.append('"');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == separator && !quoted) {
        fields.add(b.length() == 0 && !wasQuoted ? null : b.toString());
        b.setLength(0);
        wasQuoted = false;
      } else {
        b.append(c);
      }
    }
    return fields;
  }

  /** A text-format record's fields: {@code \N} is NULL, backslash escapes as PostgreSQL's. */
  static List<String> textFields(String line, char separator) {
    List<String> fields = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean nullField = false;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == separator) {
        fields.add(nullField && b.length() == 0 ? null : b.toString());
        b.setLength(0);
        nullField = false;
        continue;
      }
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char e = line.charAt(++i);
        switch (e) {
          case 'N' -> nullField = true;
          case 't' -> b.append('\t');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'v' -> b.append('\u000b');
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    return fields;
  }

  private static final Pattern COPY_OUT = Pattern.compile(
      "(?is)\\s*COPY\\s+(\\(.*\\)|[\\w.\"]+(?:\\s*\\([^)]*\\))?)\\s+TO\\s+STDOUT\\b(.*?);?\\s*");

  /**
   * {@code COPY (query) TO STDOUT} and {@code COPY table [(columns)] TO STDOUT}, in text format
   * (tab-separated, {@code \N} for NULL) or {@code FORMAT csv} with an optional {@code HEADER},
   * as psql's {@code \copy ... to} asks; false when the statement is no such COPY.
   */
  boolean copyOut(String statement) throws IOException, SQLException {
    Matcher m = COPY_OUT.matcher(statement);
    if (!m.matches()) {
      return false;
    }
    String source = m.group(1).strip();
    String options = m.group(2).toLowerCase(Locale.ROOT);
    boolean csv = options.matches("(?s).*\\bformat\\s*'?csv'?.*") || options.matches("(?s).*\\bcsv\\b.*");
    boolean header = csv && options.matches("(?s).*\\bheader\\b(?!\\s*(false|off|0)\\b).*");
    String query;
    if (source.startsWith("(")) {
      query = source.substring(1, source.length() - 1);
    } else {
      int paren = source.indexOf('(');
      query = paren < 0 ? "SELECT * FROM " + source
          : "SELECT " + source.substring(paren + 1, source.lastIndexOf(')')) + " FROM "
              + source.substring(0, paren).strip();
    }
    Route route = router.route(query);
    try (Statement s = route.connection().createStatement()) {
      session.limit(s);
      session.startRunning(s);
      ResultSet rs;
      try {
        rs = s.executeQuery(route.sql());
      } finally {
        session.stopRunning();
      }
      try (rs) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        out.write('H');
        out.writeInt(4 + 1 + 2 + 2 * n);
        out.write(0);
        out.writeShort(n);
        for (int i = 0; i < n; i++) {
          out.writeShort(0);
        }
        if (header) {
          StringBuilder line = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            line.append(i == 1 ? "" : ",").append(csvField(clientName(md.getColumnLabel(i))));
          }
          copyData(line.append('\n').toString());
        }
        long rows = 0;
        while (rs.next()) {
          StringBuilder line = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            line.append(i == 1 ? "" : csv ? "," : "\t");
            if (v == null) {
              line.append(csv ? "" : "\\N");
            } else {
              String text = PgTypes.text(v);
              line.append(csv ? csvField(text) : text.replace("\\", "\\\\")
                  .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"));
            }
          }
          copyData(line.append('\n').toString());
          rows++;
        }
        out.write('c');
        out.writeInt(4);
        messages.commandComplete("COPY " + rows);
      }
    }
    return true;
  }

  private static String csvField(String text) {
    return text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n")
        || text.contains("\r") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private void copyData(String line) throws IOException {
    byte[] b = line.getBytes(messages.charset());
    out.write('d');
    out.writeInt(4 + b.length);
    out.write(b);
  }
}
