package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgTypes.BOOL;
import static io.github.divergencesql.pg.PgTypes.BOOL_ARRAY;
import static io.github.divergencesql.pg.PgTypes.BYTEA;
import static io.github.divergencesql.pg.PgTypes.DATE;
import static io.github.divergencesql.pg.PgTypes.EPOCH;
import static io.github.divergencesql.pg.PgTypes.EPOCH_TIME;
import static io.github.divergencesql.pg.PgTypes.FLOAT4;
import static io.github.divergencesql.pg.PgTypes.FLOAT8;
import static io.github.divergencesql.pg.PgTypes.FLOAT8_ARRAY;
import static io.github.divergencesql.pg.PgTypes.INT2;
import static io.github.divergencesql.pg.PgTypes.INT2_ARRAY;
import static io.github.divergencesql.pg.PgTypes.INT4;
import static io.github.divergencesql.pg.PgTypes.INT4_ARRAY;
import static io.github.divergencesql.pg.PgTypes.INT8;
import static io.github.divergencesql.pg.PgTypes.INT8_ARRAY;
import static io.github.divergencesql.pg.PgTypes.NUMERIC;
import static io.github.divergencesql.pg.PgTypes.TEXT;
import static io.github.divergencesql.pg.PgTypes.TEXT_ARRAY;
import static io.github.divergencesql.pg.PgTypes.TIME;
import static io.github.divergencesql.pg.PgTypes.TIMESTAMP;
import static io.github.divergencesql.pg.PgTypes.TIMESTAMPTZ;
import static io.github.divergencesql.pg.PgTypes.UNKNOWN;
import static io.github.divergencesql.pg.PgTypes.VARCHAR;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Parameters from the client: a bound value in text or binary format read by its declared OID
 * (one declared as 0, unknown, in text is handed to the engine as text, which types it from
 * where it stands), and array parameters in PostgreSQL's text ({@code {1,2,"a b",NULL}}) and
 * binary ({@code array_send}) forms. What goes to the client is {@link PgTypes}.
 */
final class PgParameters {
  private PgParameters() {
  }

  /**
   * Binds a parameter received in {@code format} (0 text, 1 binary) with declared type
   * {@code oid} (0: unknown).
   */
  static void bind(PreparedStatement ps, int index, byte[] value, int format, int oid,
      Charset charset) throws SQLException {
    if (value == null) {
      ps.setNull(index, oid == 0 ? Types.NULL : jdbcType(oid));
      return;
    }
    if (elementOf(oid) != 0) {
      Object[] items = format == 0 ? textArray(new String(value, charset), elementOf(oid))
          : binaryArray(ByteBuffer.wrap(value), charset);
      String elementType = switch (elementOf(oid)) {
        case BOOL -> "BOOLEAN";
        case INT2, INT4 -> "INTEGER";
        case INT8 -> "BIGINT";
        case FLOAT4, FLOAT8 -> "DOUBLE";
        case NUMERIC -> "DECIMAL";
        case DATE -> "DATE";
        default -> "VARCHAR";
      };
      ps.setArray(index, ps.getConnection().createArrayOf(elementType, items));
      return;
    }
    if (format == 0) {
      String text = new String(value, charset);
      switch (oid) {
        case BOOL -> ps.setBoolean(index, text.startsWith("t") || text.startsWith("T")
            || text.equals("1") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("on")
            || text.equalsIgnoreCase("yes"));
        case INT2, INT4 -> ps.setInt(index, Integer.parseInt(text.strip()));
        case INT8 -> ps.setLong(index, Long.parseLong(text.strip()));
        case FLOAT4, FLOAT8 -> ps.setDouble(index, Double.parseDouble(text.strip()));
        case NUMERIC -> ps.setBigDecimal(index, new BigDecimal(text.strip()));
        case DATE -> ps.setDate(index, Date.valueOf(text.strip()));
        case TIMESTAMP, TIMESTAMPTZ -> ps.setTimestamp(index,
            Timestamp.valueOf(text.strip().replace('T', ' ').replaceAll("[+-]\\d\\d(:?\\d\\d)?$", "")));
        case BYTEA -> ps.setBytes(index, text.startsWith("\\x")
            ? HexFormat.of().parseHex(text.substring(2)) : value);
        default -> ps.setString(index, text);
      }
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    switch (oid) {
      case BOOL -> ps.setBoolean(index, value[0] != 0);
      case INT2 -> ps.setShort(index, b.getShort());
      case INT4 -> ps.setInt(index, b.getInt());
      case INT8 -> ps.setLong(index, b.getLong());
      case FLOAT4 -> ps.setFloat(index, b.getFloat());
      case FLOAT8 -> ps.setDouble(index, b.getDouble());
      case BYTEA -> ps.setBytes(index, value);
      case DATE -> ps.setDate(index, Date.valueOf(EPOCH.plusDays(b.getInt())));
      case TIMESTAMP, TIMESTAMPTZ -> ps.setTimestamp(index,
          Timestamp.valueOf(EPOCH_TIME.plus(b.getLong(), ChronoUnit.MICROS)));
      case TEXT, VARCHAR, UNKNOWN, 0 -> ps.setString(index, new String(value, charset));
      default -> throw new SQLException("binary parameters of type " + oid
          + " are not supported; send it as text", "0A000");
    }
  }

  /** The element type of an array type OID, or 0 when {@code oid} is no array we read. */
  static int elementOf(int oid) {
    return switch (oid) {
      case BOOL_ARRAY -> BOOL;
      case INT2_ARRAY -> INT2;
      case INT4_ARRAY -> INT4;
      case INT8_ARRAY -> INT8;
      case TEXT_ARRAY -> TEXT;
      case FLOAT8_ARRAY -> FLOAT8;
      case 1015 -> VARCHAR;
      case 1021 -> FLOAT4;
      case 1231 -> NUMERIC;
      case 1182 -> DATE;
      case 1014 -> TEXT;
      default -> 0;
    };
  }

  /** An array parameter in PostgreSQL's text form, {@code {1,2,"a b",NULL}}, one dimension. */
  static Object[] textArray(String text, int element) throws SQLException {
    String s = text.strip();
    if (s.startsWith("[")) { // explicit bounds: [0:2]={...}
      s = s.substring(s.indexOf('=') + 1).strip();
    }
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new SQLException("malformed array literal: \"" + text + "\"", "22P02");
    }
    s = s.substring(1, s.length() - 1);
    java.util.List<Object> items = new java.util.ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    boolean any = false;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ',';
      if (i < s.length() && c == '\\' && i + 1 < s.length()) {
        b.append(s.charAt(++i));
        any = true;
      } else if (i < s.length() && c == '"') {
        quoted = !quoted;
        wasQuoted = true;
        any = true;
      } else if (c == '{' && !quoted) {
        throw new SQLException("multidimensional array parameters are not supported", "0A000");
      } else if (c == ',' && !quoted) {
        if (!any && i == s.length() && items.isEmpty()) {
          break; // {}
        }
        String item = wasQuoted ? b.toString() : b.toString().strip();
        items.add(!wasQuoted && item.equalsIgnoreCase("NULL") ? null : element(item, element));
        b.setLength(0);
        wasQuoted = false;
        any = false;
      } else {
        b.append(c);
        any = true;
      }
    }
    return items.toArray();
  }

  private static Object element(String text, int element) throws SQLException {
    try {
      return switch (element) {
        case BOOL -> text.startsWith("t") || text.startsWith("T");
        case INT2, INT4 -> Integer.valueOf(text.strip());
        case INT8 -> Long.valueOf(text.strip());
        case FLOAT4, FLOAT8 -> Double.valueOf(text.strip());
        case NUMERIC -> new BigDecimal(text.strip());
        case DATE -> Date.valueOf(text.strip());
        default -> text;
      };
    } catch (IllegalArgumentException e) {
      throw new SQLException("invalid array element \"" + text + "\"", "22P02");
    }
  }

  /** An array parameter in PostgreSQL's binary form (array_send), one dimension. */
  static Object[] binaryArray(ByteBuffer b, Charset charset) throws SQLException {
    int dimensions = b.getInt();
    b.getInt(); // has nulls
    int element = b.getInt();
    if (dimensions == 0) {
      return new Object[0];
    }
    if (dimensions != 1) {
      throw new SQLException("multidimensional array parameters are not supported", "0A000");
    }
    int n = b.getInt();
    b.getInt(); // lower bound
    if (n < 0 || n > b.remaining() / 4) {
      throw new SQLException("array parameter declares " + n + " elements, more than sent",
          "08P01");
    }
    Object[] items = new Object[n];
    for (int i = 0; i < n; i++) {
      int len = b.getInt();
      if (len < 0) {
        continue;
      }
      if (len > b.remaining()) {
        throw new SQLException("array element longer than the parameter", "08P01");
      }
      ByteBuffer e = b.slice(b.position(), len);
      b.position(b.position() + len);
      items[i] = switch (element) {
        case BOOL -> e.get() != 0;
        case INT2 -> (int) e.getShort();
        case INT4 -> e.getInt();
        case INT8 -> e.getLong();
        case FLOAT4 -> (double) e.getFloat();
        case FLOAT8 -> e.getDouble();
        default -> {
          byte[] bytes = new byte[len];
          e.get(bytes);
          yield new String(bytes, charset);
        }
      };
    }
    return items;
  }

  private static int jdbcType(int oid) {
    return switch (oid) {
      case BOOL -> Types.BOOLEAN;
      case BYTEA -> Types.VARBINARY;
      case INT8 -> Types.BIGINT;
      case INT2 -> Types.SMALLINT;
      case INT4 -> Types.INTEGER;
      case FLOAT4 -> Types.REAL;
      case FLOAT8 -> Types.DOUBLE;
      case NUMERIC -> Types.NUMERIC;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      default -> Types.VARCHAR;
    };
  }
}
