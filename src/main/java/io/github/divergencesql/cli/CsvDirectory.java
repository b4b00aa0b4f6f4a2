package io.github.divergencesql.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.h2.tools.Csv;
import org.h2.util.ParserUtil;

/**
 * {@code --csv DIR}: every {@code *.csv} file of DIR as a table of an in-memory H2 database, as
 * pandas and spreadsheets write them (a plain header line, no types): a column whose every
 * non-empty value is an integer is BIGINT, one whose every non-empty value is a number is
 * DOUBLE PRECISION, others VARCHAR; an empty value is NULL. Table and column names are the file
 * name and the headers in upper case, so lower-case names work unquoted; headers that are SQL
 * keywords ({@code value}) are made usable as names (H2's NON_KEYWORDS). A header in Calcite's
 * typed form ({@code N:int}) names the column N; its type is still taken from the data.
 */
final class CsvDirectory {
  private CsvDirectory() {}

  /** The CSV files of {@code dir}, sorted. */
  static List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{csv,CSV}")) {
      s.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  /** The keywords among the files' headers, for H2's NON_KEYWORDS setting of the URL. */
  static Set<String> keywords(List<Path> files) throws SQLException {
    Set<String> keywords = new TreeSet<>();
    for (Path f : files) {
      try (ResultSet rs = new Csv().read(f.toString(), null, "UTF-8")) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          String name = column(rs.getMetaData().getColumnLabel(i));
          if (ParserUtil.isKeyword(name, false)) {
            keywords.add(name);
          }
        }
      }
    }
    return keywords;
  }

  /** Creates and fills one table per file. */
  static void load(Connection c, List<Path> files) throws SQLException {
    for (Path f : files) {
      String table = name(f.getFileName().toString().replaceFirst("(?i)\\.csv$", ""));
      List<String> columns = new ArrayList<>();
      List<String> types = new ArrayList<>();
      try (ResultSet rs = new Csv().read(f.toString(), null, "UTF-8")) {
        int n = rs.getMetaData().getColumnCount();
        boolean[] integer = new boolean[n];
        boolean[] number = new boolean[n];
        java.util.Arrays.fill(integer, true);
        java.util.Arrays.fill(number, true);
        for (int i = 0; i < n; i++) {
          columns.add(column(rs.getMetaData().getColumnLabel(i + 1)));
        }
        while (rs.next()) {
          for (int i = 0; i < n; i++) {
            String v = value(rs.getString(i + 1));
            if (v != null) {
              integer[i] &= isLong(v);
              number[i] &= isDouble(v);
            }
          }
        }
        for (int i = 0; i < n; i++) {
          types.add(integer[i] ? "BIGINT" : number[i] ? "DOUBLE PRECISION" : "VARCHAR");
        }
      }
      StringBuilder create = new StringBuilder("CREATE TABLE " + quote(table) + " (");
      StringBuilder insert = new StringBuilder("INSERT INTO " + quote(table) + " VALUES (");
      for (int i = 0; i < columns.size(); i++) {
        create.append(i == 0 ? "" : ", ").append(quote(columns.get(i))).append(' ')
            .append(types.get(i));
        insert.append(i == 0 ? "?" : ", ?");
      }
      try (Statement s = c.createStatement()) {
        s.execute(create.append(')').toString());
      }
      try (PreparedStatement ps = c.prepareStatement(insert.append(')').toString());
          ResultSet rs = new Csv().read(f.toString(), null, "UTF-8")) {
        int batch = 0;
        while (rs.next()) {
          for (int i = 0; i < columns.size(); i++) {
            String v = value(rs.getString(i + 1));
            switch (types.get(i)) {
              case "BIGINT" -> ps.setObject(i + 1, v == null ? null : Long.parseLong(v.trim()));
              case "DOUBLE PRECISION" -> ps.setObject(i + 1,
                  v == null ? null : Double.parseDouble(v.trim()));
              default -> ps.setString(i + 1, v);
            }
          }
          ps.addBatch();
          if (++batch % 10_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
  }

  /** A header or file name as an SQL name: upper case, as unquoted names are. */
  private static String name(String raw) {
    return raw.trim().toUpperCase(Locale.ROOT);
  }

  /** A header as a column name; a Calcite-style type suffix ({@code N:int}) is dropped. */
  private static String column(String header) {
    int colon = header.indexOf(':');
    return name(colon > 0 ? header.substring(0, colon) : header);
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String value(String v) {
    return v == null || v.isEmpty() ? null : v;
  }

  private static boolean isLong(String v) {
    try {
      Long.parseLong(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A finite decimal number (not "NaN" or "Infinity", which a column of text may hold). */
  private static boolean isDouble(String v) {
    String t = v.trim();
    if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return false;
    }
    return Double.isFinite(Double.parseDouble(t));
  }
}
