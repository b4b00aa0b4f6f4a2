package io.github.divergencesql.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * PostgreSQL's types on the wire: the OID a JDBC column type is sent as, and each value in
 * PostgreSQL's text format (as its output functions write it: {@code t}/{@code f}, shortest
 * round-trip floats, ISO dates, {@code \x} hex bytes) or binary format (big-endian integers and
 * IEEE floats, days and microseconds since 2000-01-01, numeric in base-10000 digits). Values
 * from the client, bound parameters, are {@link PgParameters}.
 */
final class PgTypes {
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int UNKNOWN = 705;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int NUMERIC = 1700;
  static final int INT2VECTOR = 22;
  static final int OIDVECTOR = 30;
  static final int BOOL_ARRAY = 1000;
  static final int INT2_ARRAY = 1005;
  static final int INT4_ARRAY = 1007;
  static final int TEXT_ARRAY = 1009;
  static final int INT8_ARRAY = 1016;
  static final int FLOAT8_ARRAY = 1022;

  static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
  static final LocalDateTime EPOCH_TIME = EPOCH.atStartOfDay();
  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]", Locale.ROOT);

  private PgTypes() {}

  /** The OID a JDBC column type is sent as. */
  static int oid(int jdbcType) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTEA;
      case Types.BIGINT -> INT8;
      case Types.SMALLINT, Types.TINYINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> VARCHAR;
      default -> TEXT;
    };
  }

  /** The OID column {@code column} of a result is sent as; an array by its element type. */
  static int oid(java.sql.ResultSetMetaData md, int column) throws SQLException {
    int type = md.getColumnType(column);
    if (type != Types.ARRAY) {
      return oid(type);
    }
    String base = String.valueOf(md.getColumnName(column)).toLowerCase(Locale.ROOT);
    if (base.equals("indkey") || base.equals("indoption")) {
      return INT2VECTOR; // the catalog's vectors, sent as PostgreSQL sends them: 1 2
    }
    if (base.equals("indclass") || base.equals("indcollation")) {
      return OIDVECTOR;
    }
    return arrayOid(md.getColumnTypeName(column));
  }

  /** The size PostgreSQL gives the type in RowDescription (-1: variable). */
  static short size(int oid) {
    return switch (oid) {
      case BOOL -> 1;
      case INT2 -> 2;
      case INT4, FLOAT4, DATE -> 4;
      case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
      default -> -1;
    };
  }

  /** The array type OID for an engine's array type name (H2: {@code INTEGER ARRAY}). */
  static int arrayOid(String typeName) {
    String name = String.valueOf(typeName).toUpperCase(Locale.ROOT);
    if (name.startsWith("SMALLINT") || name.startsWith("TINYINT")) {
      return INT2_ARRAY;
    }
    if (name.startsWith("INTEGER") || name.startsWith("INT ")) {
      return INT4_ARRAY;
    }
    if (name.startsWith("BIGINT")) {
      return INT8_ARRAY;
    }
    if (name.startsWith("DOUBLE") || name.startsWith("FLOAT") || name.startsWith("REAL")) {
      return FLOAT8_ARRAY;
    }
    if (name.startsWith("BOOLEAN")) {
      return BOOL_ARRAY;
    }
    return TEXT_ARRAY;
  }

  /** Whether a value of the type can be sent in binary format. */
  static boolean hasBinary(int oid) {
    return switch (oid) {
      case BOOL, BYTEA, INT8, INT2, INT4, TEXT, FLOAT4, FLOAT8, VARCHAR, DATE, TIME, TIMESTAMP,
          TIMESTAMPTZ, NUMERIC -> true;
      default -> false;
    };
  }

  /** A column value of type {@code oid} in text format. */
  static String text(Object v, int oid) throws SQLException {
    if ((oid == INT2VECTOR || oid == OIDVECTOR) && v instanceof java.sql.Array a) {
      StringBuilder b = new StringBuilder();
      for (Object item : (Object[]) a.getArray()) {
        b.append(b.length() == 0 ? "" : " ").append(item);
      }
      return b.toString();
    }
    return text(v);
  }

  /** A column value in text format. */
  static String text(Object v) throws SQLException {
    if (v instanceof java.sql.Array a) {
      v = a.getArray();
    }
    if (v instanceof Object[] items) {
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < items.length; i++) {
        b.append(i == 0 ? "" : ",");
        if (items[i] == null) {
          b.append("NULL");
          continue;
        }
        String item = text(items[i]);
        boolean plain = !item.isEmpty() && !item.equalsIgnoreCase("NULL")
            && item.chars().noneMatch(c -> c == '"' || c == '\\' || c == ',' || c == '{'
                || c == '}' || Character.isWhitespace(c));
        b.append(plain ? item
            : '"' + item.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
      }
      return b.append('}').toString();
    }
    if (v instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (v instanceof Double d) {
      return float8(d);
    }
    if (v instanceof Float f) {
      return shortest(Float.toString(f), f.doubleValue());
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] b) {
      return "\\x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof Timestamp t) {
      return TIMESTAMP_TEXT.format(t.toLocalDateTime()).replaceAll("\\.?0+$", "");
    }
    if (v instanceof LocalDateTime t) {
      return TIMESTAMP_TEXT.format(t).replaceAll("\\.?0+$", "");
    }
    if (v instanceof OffsetDateTime t) {
      return TIMESTAMP_TEXT.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime())
          .replaceAll("\\.?0+$", "") + "+00";
    }
    return v.toString(); // numbers, text, Date (yyyy-mm-dd), Time (hh:mm:ss)
  }

  /**
   * A double as PostgreSQL 12+ writes it: the shortest digits that read back exactly, positional
   * from 1e-4 to below 1e15, else {@code d.ddde+XX}; {@code NaN}, {@code Infinity}.
   */
  static String float8(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    return shortest(Double.toString(d), d);
  }

  /** Java's shortest round-trip digits of a float or double, laid out as PostgreSQL does. */
  private static String shortest(String javaDigits, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return float8(d);
    }
    BigDecimal shortest = new BigDecimal(javaDigits).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < 15) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits
        : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }

  /** A column value in binary format for type {@code oid} (see {@link #hasBinary}). */
  static byte[] binary(Object v, int oid, Charset charset) throws SQLException {
    return switch (oid) {
      case BOOL -> new byte[] {(byte) (((Boolean) v) ? 1 : 0)};
      case INT2 -> ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
      case INT4 -> ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
      case INT8 -> ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
      case FLOAT4 -> ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
      case FLOAT8 -> ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
      case BYTEA -> (byte[]) v;
      case DATE -> ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(EPOCH,
          v instanceof Date d ? d.toLocalDate() : (LocalDate) v)).array();
      case TIME -> ByteBuffer.allocate(8).putLong((v instanceof Time t ? t.toLocalTime()
          : (LocalTime) v).toNanoOfDay() / 1000).array();
      case TIMESTAMP -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(EPOCH_TIME,
          v instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v)).array();
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(
          EPOCH_TIME.toInstant(ZoneOffset.UTC), v instanceof OffsetDateTime t ? t.toInstant()
              : v instanceof Timestamp t ? t.toInstant() : (Instant) v)).array();
      case NUMERIC -> numeric(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
      default -> text(v).getBytes(charset);
    };
  }

  /** PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. */
  static byte[] numeric(BigDecimal value) {
    BigDecimal abs = value.abs();
    int dscale = Math.max(0, abs.scale());
    // digits of the integer part and of the fraction, each grouped by 4 from the point
    BigInteger unscaled = abs.setScale(((dscale + 3) / 4) * 4).unscaledValue();
    String all = unscaled.toString();
    int fractionGroups = (dscale + 3) / 4;
    int totalGroups = (all.length() + 3) / 4;
    all = "0".repeat(totalGroups * 4 - all.length()) + all;
    short[] digits = new short[totalGroups];
    for (int i = 0; i < totalGroups; i++) {
      digits[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
    }
    int weight = totalGroups - fractionGroups - 1;
    int first = 0;
    while (first < digits.length && digits[first] == 0) {
      first++;
      weight--;
    }
    int last = digits.length;
    while (last > first && digits[last - 1] == 0) {
      last--;
    }
    int n = last - first;
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * n);
    b.putShort((short) n).putShort((short) (n == 0 ? 0 : weight))
        .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
    for (int i = first; i < last; i++) {
      b.putShort(digits[i]);
    }
    return b.array();
  }
}
