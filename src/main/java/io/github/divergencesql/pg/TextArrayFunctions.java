package io.github.divergencesql.pg;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.SimpleResultSet;

/**
 * PostgreSQL's string and array functions that catalog queries call ({@code quote_ident},
 * {@code format}, {@code array_to_string}, {@code split_part}, {@code generate_series},
 * {@code _pg_expandarray}...), registered with {@link CatalogFunctions} by {@link PgCatalog}; each
 * answers from its arguments alone.
 */
public final class TextArrayFunctions {
  private TextArrayFunctions() {}

  public static String quote_ident(String name) {
    if (name == null) {
      return null;
    }
    return name.matches("[a-z_][a-z0-9_$]*") && !SqlKeywords.isReserved(name) ? name
        : SqlTokens.quotedName(name);
  }

  /** PostgreSQL's {@code quote_ident} (H2's own quotes every name). */
  public static String pg_quote_ident(String name) {
    return quote_ident(name);
  }

  public static String quote_literal(String value) {
    return value == null ? null : SqlTokens.literal(value);
  }

  /** PostgreSQL's {@code format}: {@code %s}, {@code %I}, {@code %L} and {@code %%}. */
  public static String format(String format, String... args) throws SQLException {
    if (format == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      if (ch != '%' || i + 1 == format.length()) {
        b.append(ch);
        continue;
      }
      char kind = format.charAt(++i);
      if (kind == '%') {
        b.append('%');
        continue;
      }
      if (next >= args.length) {
        throw new SQLException("too few arguments for format()", "22023");
      }
      String arg = args[next++];
      String text = arg == null ? null : arg.toString();
      switch (kind) {
        case 's' -> b.append(text == null ? "" : text);
        case 'I' -> b.append(quote_ident(text));
        case 'L' -> b.append(text == null ? "NULL" : quote_literal(text));
        default -> throw new SQLException("unrecognized format() type specifier \"" + kind
            + "\"", "22023");
      }
    }
    return b.toString();
  }

  /** An int2vector or oidvector as PostgreSQL writes it: {@code 1 2}. */
  public static String int2vector_out(java.sql.Array value) throws SQLException {
    if (value == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Object item : (Object[]) value.getArray()) {
      b.append(b.length() == 0 ? "" : " ").append(item);
    }
    return b.toString();
  }

  /** {@code json_build_object(k1, v1, ...)}: the values as JSON strings, or null. */
  public static String json_build_object(String... keysAndValues) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      b.append(i == 0 ? "" : ", ").append(json(keysAndValues[i])).append(" : ")
          .append(json(keysAndValues[i + 1]));
    }
    return b.append('}').toString();
  }

  private static String json(String text) {
    return io.github.divergencesql.jdbc.JsonText.quote(text);
  }

  public static String array_to_string(java.sql.Array value, String separator)
      throws SQLException {
    if (value == null) {
      return null;
    }
    Object[] array = (Object[]) value.getArray();
    List<String> parts = new ArrayList<>();
    for (Object o : array) {
      if (o != null) {
        parts.add(o.toString());
      }
    }
    return String.join(separator, parts);
  }

  public static Integer array_upper(java.sql.Array value, Integer dimension) throws SQLException {
    Object[] array = value == null ? null : (Object[]) value.getArray();
    return array == null || array.length == 0 ? null : array.length;
  }

  public static Integer array_lower(java.sql.Array value, Integer dimension) throws SQLException {
    Object[] array = value == null ? null : (Object[]) value.getArray();
    return array == null || array.length == 0 ? null : 1;
  }

  public static Integer array_length(java.sql.Array value, Integer dimension) throws SQLException {
    Object[] array = value == null ? null : (Object[]) value.getArray();
    return array == null || array.length == 0 ? null : array.length;
  }

  public static String split_part(String text, String delimiter, Integer n) {
    if (text == null || delimiter == null || n == null) {
      return null;
    }
    String[] parts = text.split(java.util.regex.Pattern.quote(delimiter), -1);
    return n >= 1 && n <= parts.length ? parts[n - 1] : "";
  }

  public static String[] string_to_array(String text, String separator) {
    return text == null ? null : text.split(java.util.regex.Pattern.quote(separator), -1);
  }

  /** {@code information_schema._pg_expandarray}: each element with its 1-based position. */
  public static ResultSet _pg_expandarray(java.sql.Array value) throws SQLException {
    Object[] array = value == null ? null : (Object[]) value.getArray();
    SimpleResultSet rs = new SimpleResultSet();
    rs.addColumn("x", Types.INTEGER, 10, 0);
    rs.addColumn("n", Types.INTEGER, 10, 0);
    if (array != null) {
      for (int i = 0; i < array.length; i++) {
        rs.addRow(array[i] == null ? null : ((Number) array[i]).intValue(), i + 1);
      }
    }
    return rs;
  }

  public static ResultSet generate_series(Long from, Long to) throws SQLException {
    return generate_series(from, to, 1L);
  }

  /** At most this many rows from {@code generate_series} in a catalog query (held in memory). */
  static final long SERIES_LIMIT = 1_000_000;

  public static ResultSet generate_series(Long from, Long to, Long step) throws SQLException {
    SimpleResultSet rs = new SimpleResultSet();
    rs.addColumn("generate_series", Types.BIGINT, 19, 0);
    if (from != null && to != null && step != null && step != 0) {
      long count = 0;
      for (long v = from; step > 0 ? v <= to : v >= to; v += step) {
        if (++count > SERIES_LIMIT) {
          throw new SQLException("generate_series in a catalog query yields at most "
              + SERIES_LIMIT + " rows", "54000");
        }
        rs.addRow(v);
        if (step > 0 ? v > Long.MAX_VALUE - step : v < Long.MIN_VALUE - step) {
          break; // the next value would overflow
        }
      }
    }
    return rs;
  }
}
