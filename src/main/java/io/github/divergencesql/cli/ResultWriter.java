package io.github.divergencesql.cli;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a statement's result set in one of the command line's formats, row by row as it is
 * fetched (the table format holds its first {@value #TABLE_BUFFER} rows to size the columns,
 * then pads later rows to the widest seen so far, as sqlline does).
 *
 * <ul>
 *   <li>{@code table}: sqlline's box, headers centred, values left-aligned; a NULL is
 *       {@code null} in a numeric or date column and empty in a text column (sqlline's
 *       rendering, so outputs in the docs read the same in the shell).
 *   <li>{@code csv}: RFC 4180 with a header line; numbers unquoted; text quoted only when it
 *       holds a comma, quote, line break or leading/trailing space, or is empty; NULL is an
 *       empty field, so NULL and {@code ''} differ (as PostgreSQL's {@code COPY ... CSV}).
 *   <li>{@code tsv}: a header line, tab-separated, nothing quoted; a tab, line break or
 *       backslash inside a value is written {@code \t}, {@code \n}, {@code \r}, {@code \\}
 *       (PostgreSQL's text format), NULL is an empty field.
 *   <li>{@code json}: one JSON array of row objects per statement, on one line.
 *   <li>{@code jsonl}: one JSON object per row and line (several statements' rows follow one
 *       another).
 * </ul>
 * In JSON a number is a number, a boolean a boolean, NULL {@code null}; a NaN or infinite double,
 * which JSON cannot write as a number, is the string {@code "NaN"}, {@code "Infinity"} or
 * {@code "-Infinity"}. Several statements: csv and tsv separate their results by an empty line,
 * json writes an array per statement, each on its own line.
 */
final class ResultWriter {
  /** The output formats of {@code -e} and FILE.sql runs. */
  enum Format { table, csv, tsv, json, jsonl }

  static final int TABLE_BUFFER = 1000;

  private final Format format;
  private final Writer out;
  private int results;

  ResultWriter(Format format, Writer out) {
    this.format = format;
    this.out = out;
  }

  /** Writes {@code rs} (and closes nothing); returns the number of rows written. */
  long write(ResultSet rs) throws SQLException, IOException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    String[] labels = new String[n];
    int[] kinds = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
      kinds[i] = kind(meta.getColumnType(i + 1));
    }
    if (results++ > 0 && (format == Format.csv || format == Format.tsv)) {
      out.write('\n');
    }
    long rows = switch (format) {
      case table -> table(rs, labels, kinds);
      case csv, tsv -> separated(rs, labels, kinds);
      case json, jsonl -> json(rs, labels, kinds);
    };
    out.flush();
    return rows;
  }

  private static final int TEXT = 0;
  private static final int NUMBER = 1;
  private static final int BOOLEAN = 2;
  /** Dates, times, binary and other objects: their {@code toString()}, "null" in a table. */
  private static final int OBJECT = 3;

  private static int kind(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> NUMBER;
      case Types.BOOLEAN -> BOOLEAN;
      case Types.BIT, Types.CLOB, Types.BLOB, Types.REF, Types.JAVA_OBJECT, Types.STRUCT,
          Types.ROWID, Types.NCLOB, Types.SQLXML, Types.TIME, Types.DATE, Types.TIMESTAMP -> OBJECT;
      default -> TEXT;
    };
  }

  /** A value as text, or null for SQL NULL. */
  private static String text(ResultSet rs, int column, int kind) throws SQLException {
    if (kind == NUMBER || kind == OBJECT) {
      Object o = rs.getObject(column);
      return o == null ? null : o.toString();
    }
    return rs.getString(column);
  }

  private long table(ResultSet rs, String[] labels, int[] kinds)
      throws SQLException, IOException {
    int n = labels.length;
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = Math.max(1, width(labels[i]));
    }
    List<String[]> buffered = new ArrayList<>();
    boolean more = true;
    while (buffered.size() < TABLE_BUFFER && (more = rs.next())) {
      buffered.add(tableRow(rs, kinds, widths));
    }
    String line = rule(widths);
    out.write(line);
    StringBuilder header = new StringBuilder("|");
    for (int i = 0; i < n; i++) {
      header.append(' ').append(center(labels[i], widths[i])).append(" |");
    }
    out.write(header.append('\n').toString());
    out.write(line);
    long rows = 0;
    for (String[] row : buffered) {
      out.write(bodyLine(row, widths));
      rows++;
    }
    while (more && rs.next()) {
      out.write(bodyLine(tableRow(rs, kinds, widths), widths));
      rows++;
    }
    if (rows > 0) {
      out.write(line); // an empty result's box closes with the line under its header
    }
    return rows;
  }

  private static String[] tableRow(ResultSet rs, int[] kinds, int[] widths) throws SQLException {
    String[] row = new String[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      String v = text(rs, i + 1, kinds[i]);
      row[i] = v != null ? v : kinds[i] == NUMBER || kinds[i] == OBJECT ? "null" : "";
      widths[i] = Math.max(widths[i], width(row[i]));
    }
    return row;
  }

  /** The widest line of a value (a value may hold line breaks). */
  private static int width(String v) {
    int widest = 0;
    int start = 0;
    for (int nl = v.indexOf('\n'); nl >= 0; nl = v.indexOf('\n', start)) {
      widest = Math.max(widest, nl - start);
      start = nl + 1;
    }
    return Math.max(widest, v.length() - start);
  }

  private static String rule(int[] widths) {
    StringBuilder b = new StringBuilder("+");
    for (int w : widths) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.append('\n').toString();
  }

  private static String bodyLine(String[] row, int[] widths) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < row.length; i++) {
      b.append(' ').append(row[i]).append(" ".repeat(Math.max(0, widths[i] - row[i].length())))
          .append(" |");
    }
    return b.append('\n').toString();
  }

  private static String center(String s, int width) {
    int pad = width - s.length();
    if (pad <= 0) {
      return s;
    }
    return " ".repeat(pad / 2) + s + " ".repeat(pad - pad / 2);
  }

  private long separated(ResultSet rs, String[] labels, int[] kinds)
      throws SQLException, IOException {
    boolean csv = format == Format.csv;
    char sep = csv ? ',' : '\t';
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(csv ? csvField(labels[i]) : tsvField(labels[i]));
    }
    out.write(b.append('\n').toString());
    long rows = 0;
    while (rs.next()) {
      b.setLength(0);
      for (int i = 0; i < kinds.length; i++) {
        if (i > 0) {
          b.append(sep);
        }
        String v = text(rs, i + 1, kinds[i]);
        if (v != null) {
          b.append(kinds[i] == NUMBER ? v : csv ? csvField(v) : tsvField(v));
        }
      }
      out.write(b.append('\n').toString());
      rows++;
    }
    return rows;
  }

  static String csvField(String v) {
    boolean quote = v.isEmpty() || Character.isWhitespace(v.charAt(0))
        || Character.isWhitespace(v.charAt(v.length() - 1));
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  static String tsvField(String v) {
    StringBuilder b = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      String esc = switch (c) {
        case '\t' -> "\\t";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\\' -> "\\\\";
        default -> null;
      };
      if (esc != null && b == null) {
        b = new StringBuilder(v.substring(0, i));
      }
      if (b != null) {
        if (esc != null) {
          b.append(esc);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? v : b.toString();
  }

  private long json(ResultSet rs, String[] labels, int[] kinds) throws SQLException, IOException {
    boolean lines = format == Format.jsonl;
    String[] keys = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      keys[i] = jsonString(labels[i]) + ':';
    }
    if (!lines) {
      out.write('[');
    }
    long rows = 0;
    StringBuilder b = new StringBuilder();
    while (rs.next()) {
      b.setLength(0);
      if (!lines && rows > 0) {
        b.append(',');
      }
      b.append('{');
      for (int i = 0; i < kinds.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(keys[i]).append(jsonValue(rs, i + 1, kinds[i]));
      }
      b.append('}');
      if (lines) {
        b.append('\n');
      }
      out.write(b.toString());
      rows++;
    }
    if (!lines) {
      out.write("]\n");
    }
    return rows;
  }

  private static String jsonValue(ResultSet rs, int column, int kind) throws SQLException {
    if (kind == BOOLEAN) {
      boolean v = rs.getBoolean(column);
      return rs.wasNull() ? "null" : Boolean.toString(v);
    }
    String v = text(rs, column, kind);
    if (v == null) {
      return "null";
    }
    if (kind == NUMBER) {
      return switch (v) {
        case "NaN", "Infinity", "-Infinity" -> '"' + v + '"';
        default -> v;
      };
    }
    return jsonString(v);
  }

  static String jsonString(String v) {
    return io.github.divergencesql.jdbc.JsonText.quote(v);
  }
}
