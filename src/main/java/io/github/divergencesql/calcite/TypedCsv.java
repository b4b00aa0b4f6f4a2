package io.github.divergencesql.calcite;

import au.com.bytecode.opencsv.CSVReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file as pandas and spreadsheets write it (a header line, no types), read into memory
 * with its column types taken from the data: a column whose every non-empty value is an integer
 * is BIGINT, or DECIMAL (exact, any number of digits) when one of them is beyond BIGINT's range;
 * one whose every non-empty value is a finite decimal number is DOUBLE, others VARCHAR; an empty
 * value is NULL. Table and column names are the file name and the headers in upper case (so
 * lower-case names work unquoted in either engine); a header in Calcite's typed form
 * ({@code N:int}) names the column N, its type still taken from the data. A UTF-8 byte order mark
 * (Excel writes one) is not part of the first name. Read by {@link CsvSchemaFactory} for Calcite
 * and by the command line's {@code --csv DIR} for H2.
 *
 * <p>What is refused, each with a {@link BadCsvException} naming the file: a line with more
 * fields than the header (a short line's missing fields are NULL), two headers or two files
 * with the same name once upper-cased, and a file larger than the JVM's free heap can hold
 * (the rows are kept in memory).
 *
 * @param name the table name
 * @param columns the column names
 * @param types each column's type
 * @param rows the values: {@link Long}, {@link BigDecimal}, {@link Double}, {@link String} or
 *     null
 */
public record TypedCsv(String name, List<String> columns, List<Type> types, List<Object[]> rows) {
  /** A column's type. */
  public enum Type { BIGINT, DECIMAL, DOUBLE, VARCHAR }

  /** A CSV file or directory we refuse, with a message that names it and what is wrong. */
  public static final class BadCsvException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadCsvException(String message) {
      super(message);
    }
  }

  /**
   * Characters held per byte of a file while it is read and typed, about: a field's String (two
   * bytes a character plus its header) in the line just read and in the kept rows.
   */
  private static final long HEAP_BYTES_PER_FILE_BYTE = 6;

  /**
   * The CSV files of {@code dir}, sorted; refused when two of them would be the same table
   * ({@code a.csv} beside {@code A.csv}).
   */
  public static List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{csv,CSV}")) {
      s.forEach(files::add);
    }
    files.sort(null);
    Map<String, Path> tables = new HashMap<>();
    for (Path f : files) {
      Path before = tables.put(tableName(f), f);
      if (before != null) {
        throw new BadCsvException(before.getFileName() + " and " + f.getFileName() + " in " + dir
            + " would both be table " + tableName(f) + " (names are upper-cased): rename one");
      }
    }
    return files;
  }

  /** Reads {@code file} (UTF-8) and types its columns, keeping the rows in memory. */
  public static TypedCsv read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > free() / HEAP_BYTES_PER_FILE_BYTE) {
      System.gc(); // what looked used may be garbage (the files read before this one)
      if (size > free() / HEAP_BYTES_PER_FILE_BYTE) {
        throw tooLarge(file, size);
      }
    }
    try {
      Layout layout = scan(file);
      List<Object[]> rows = new ArrayList<>();
      rows(file, layout, rows::add);
      return new TypedCsv(layout.name(), layout.columns(), layout.types(), rows);
    } catch (OutOfMemoryError e) { // other tables' rows or a concurrent query took the room
      throw tooLarge(file, size);
    }
  }

  private static long free() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  private static BadCsvException tooLarge(Path file, long size) {
    long maxMb = Runtime.getRuntime().maxMemory() >> 20;
    return new BadCsvException(file + " (" + (size >> 20) + " MB) does not fit in memory: CSV "
        + "files are read into the heap, about " + HEAP_BYTES_PER_FILE_BYTE + " bytes per byte "
        + "of file, and this JVM has " + maxMb + " MB (give java a larger -Xmx)");
  }

  /**
   * What a file's table is: its name, columns and their types.
   *
   * @param name the table name
   * @param columns the column names
   * @param types each column's type
   */
  public record Layout(String name, List<String> columns, List<Type> types) {
  }

  /** Takes rows as they are read. */
  @FunctionalInterface
  public interface RowSink<E extends Exception> {
    void accept(Object[] row) throws E;
  }

  /** Takes the records of a file as they are read. */
  @FunctionalInterface
  private interface RecordSink {
    void accept(String[] record) throws IOException;
  }

  /**
   * Reads {@code file} once, streaming, and types its columns: nothing is kept but the header
   * and one flag per column and type.
   */
  public static Layout scan(Path file) throws IOException {
    String[] header = records(file, null);
    String table = tableName(file);
    if (header == null) {
      return new Layout(table, List.of(), List.of());
    }
    int n = header.length;
    boolean[] integer = new boolean[n];
    boolean[] inLong = new boolean[n];
    boolean[] number = new boolean[n];
    Arrays.fill(integer, true);
    Arrays.fill(inLong, true);
    Arrays.fill(number, true);
    records(file, line -> {
      for (int i = 0; i < n; i++) {
        String v = value(line, i);
        if (v != null) {
          boolean isInteger = integer[i] && isInteger(v);
          integer[i] = isInteger;
          inLong[i] &= isInteger && isLong(v);
          number[i] &= isDouble(v);
        }
      }
    });
    List<String> columns = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int colon = header[i].indexOf(':');
      String raw = colon > 0 ? header[i].substring(0, colon) : header[i];
      String column = name(raw);
      String before = seen.put(column, raw);
      if (before != null) {
        throw new BadCsvException(file + ": headers '" + before + "' and '" + raw
            + "' would both be column " + column + " (names are upper-cased): rename one");
      }
      columns.add(column);
      types.add(integer[i] ? (inLong[i] ? Type.BIGINT : Type.DECIMAL)
          : number[i] ? Type.DOUBLE : Type.VARCHAR);
    }
    return new Layout(table, List.copyOf(columns), List.copyOf(types));
  }

  /**
   * Reads {@code file} again, streaming, and gives each row to {@code sink} with the values of
   * {@code layout}'s types ({@link Long}, {@link BigDecimal}, {@link Double}, {@link String} or
   * null).
   */
  public static <E extends Exception> void rows(Path file, Layout layout, RowSink<E> sink)
      throws IOException, E {
    int n = layout.columns().size();
    if (n == 0) {
      return;
    }
    List<Type> types = layout.types();
    // the sink's own exception passes through the reader's callback unchecked, then is rethrown
    final class Carrier extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Carrier(Exception cause) {
        super(cause);
      }
    }
    try {
      records(file, line -> {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          String v = value(line, i);
          row[i] = v == null ? null : switch (types.get(i)) {
            case BIGINT -> Long.parseLong(v.trim());
            case DECIMAL -> new BigDecimal(new BigInteger(stripPlus(v.trim())));
            case DOUBLE -> Double.parseDouble(v.trim());
            case VARCHAR -> v;
          };
        }
        try {
          sink.accept(row);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new Carrier(e);
        }
      });
    } catch (Carrier c) {
      @SuppressWarnings("unchecked")
      E e = (E) c.getCause();
      throw e;
    }
  }

  /**
   * Reads the records of {@code file} after its header, skipping blank lines, refusing one with
   * more fields than the header; returns the header (null for an empty file). With a null
   * {@code sink}, reads the header only.
   */
  private static String[] records(Path file, RecordSink sink) throws IOException {
    try (Reader in = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        CSVReader csv = new CSVReader(in)) {
      String[] header = csv.readNext();
      if (sink == null || header == null) {
        return header;
      }
      int lineNumber = 1;
      for (String[] line; (line = csv.readNext()) != null; ) {
        lineNumber++;
        if (line.length == 1 && line[0].isEmpty()) { // a blank line
          continue;
        }
        if (line.length > header.length) {
          throw new BadCsvException(file + ": record " + lineNumber + " has " + line.length
              + " fields, the header " + header.length + " (quote a field that holds a comma)");
        }
        sink.accept(line);
      }
      return header;
    }
  }

  /** The reader past UTF-8's byte order mark, as Excel writes it (before a quoted header too). */
  private static Reader withoutByteOrderMark(Reader in) throws IOException {
    java.io.PushbackReader r = new java.io.PushbackReader(in, 1);
    int first = r.read();
    if (first >= 0 && first != '\uFEFF') {
      r.unread(first);
    }
    return r;
  }

  private static String tableName(Path file) {
    return name(file.getFileName().toString().replaceFirst("(?i)\\.csv$", ""));
  }

  private static String name(String raw) {
    return raw.trim().toUpperCase(Locale.ROOT);
  }

  /** The i-th field, null when empty or missing (a short line). */
  private static String value(String[] line, int i) {
    return i >= line.length || line[i].isEmpty() ? null : line[i];
  }

  /** An integer of any size: an optional sign and digits. */
  private static boolean isInteger(String v) {
    return INTEGER.matcher(v.trim()).matches();
  }

  private static final java.util.regex.Pattern INTEGER =
      java.util.regex.Pattern.compile("[+-]?\\d+");
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static String stripPlus(String v) {
    return v.startsWith("+") ? v.substring(1) : v;
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
    if (t.isEmpty() || !DECIMAL.matcher(t).matches()) {
      return false;
    }
    return Double.isFinite(Double.parseDouble(t));
  }
}
