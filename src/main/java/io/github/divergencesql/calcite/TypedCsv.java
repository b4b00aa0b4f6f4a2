package io.github.divergencesql.calcite;

import au.com.bytecode.opencsv.CSVReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file as pandas and spreadsheets write it (a header line, no types), read into memory
 * with its column types taken from the data: a column whose every non-empty value is an integer
 * is BIGINT, one whose every non-empty value is a finite decimal number is DOUBLE, others
 * VARCHAR; an empty value is NULL. Table and column names are the file name and the headers in
 * upper case (so lower-case names work unquoted in either engine); a header in Calcite's typed
 * form ({@code N:int}) names the column N, its type still taken from the data. Read by
 * {@link CsvSchemaFactory} for Calcite and by the command line's {@code --csv DIR} for H2.
 *
 * @param name the table name
 * @param columns the column names
 * @param types each column's type
 * @param rows the values: {@link Long}, {@link Double}, {@link String} or null
 */
public record TypedCsv(String name, List<String> columns, List<Type> types, List<Object[]> rows) {
  /** A column's type. */
  public enum Type { BIGINT, DOUBLE, VARCHAR }

  /** The CSV files of {@code dir}, sorted. */
  public static List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{csv,CSV}")) {
      s.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  /** Reads {@code file} (UTF-8) and types its columns. */
  public static TypedCsv read(Path file) throws IOException {
    List<String[]> lines = new ArrayList<>();
    String[] header;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVReader csv = new CSVReader(in)) {
      header = csv.readNext();
      for (String[] line; (line = csv.readNext()) != null; ) {
        if (!(line.length == 1 && line[0].isEmpty())) { // a blank line
          lines.add(line);
        }
      }
    }
    String table = name(file.getFileName().toString().replaceFirst("(?i)\\.csv$", ""));
    if (header == null) {
      return new TypedCsv(table, List.of(), List.of(), List.of());
    }
    int n = header.length;
    boolean[] integer = new boolean[n];
    boolean[] number = new boolean[n];
    Arrays.fill(integer, true);
    Arrays.fill(number, true);
    for (String[] line : lines) {
      for (int i = 0; i < n; i++) {
        String v = value(line, i);
        if (v != null) {
          integer[i] &= isLong(v);
          number[i] &= isDouble(v);
        }
      }
    }
    List<String> columns = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int colon = header[i].indexOf(':');
      columns.add(name(colon > 0 ? header[i].substring(0, colon) : header[i]));
      types.add(integer[i] ? Type.BIGINT : number[i] ? Type.DOUBLE : Type.VARCHAR);
    }
    List<Object[]> rows = new ArrayList<>(lines.size());
    for (String[] line : lines) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        String v = value(line, i);
        row[i] = v == null ? null : switch (types.get(i)) {
          case BIGINT -> Long.parseLong(v.trim());
          case DOUBLE -> Double.parseDouble(v.trim());
          case VARCHAR -> v;
        };
      }
      rows.add(row);
    }
    return new TypedCsv(table, List.copyOf(columns), List.copyOf(types), rows);
  }

  private static String name(String raw) {
    return raw.trim().toUpperCase(Locale.ROOT);
  }

  /** The i-th field, null when empty or missing (a short line). */
  private static String value(String[] line, int i) {
    return i >= line.length || line[i].isEmpty() ? null : line[i];
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
