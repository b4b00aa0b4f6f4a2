package io.github.divergencesql.pg;

import io.github.divergencesql.pg.StatementRouter.Route;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of one session's socket ({@link PgSession}): its input and output streams, the
 * client's encoding, the messages every part of the session writes (CommandComplete,
 * ParameterStatus, ReadyForQuery, ErrorResponse, RowDescription, DataRow) and the bytes and C
 * strings it reads.
 */
final class PgMessages {
  private final DataInputStream in;
  private final DataOutputStream out;
  private Charset charset = StandardCharsets.UTF_8;

  PgMessages(Socket socket) throws IOException {
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
  }

  DataInputStream in() {
    return in;
  }

  DataOutputStream out() {
    return out;
  }

  /** The client's encoding: UTF-8 until the startup message or a SET says otherwise. */
  Charset charset() {
    return charset;
  }

  void charset(Charset charset) {
    this.charset = charset;
  }

  void rowDescription(ResultSetMetaData md, short[] formats, Route route)
      throws SQLException,
      IOException {
    int n = md.getColumnCount();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    d.writeShort(n);
    for (int i = 1; i <= n; i++) {
      int oid = PgTypes.oid(md, i);
      String label = md.getColumnLabel(i);
      // the catalog database keeps names as written; a name the client quoted stays as it is
      boolean quoted = route != null
          && route.clientSql().contains(SqlTokens.quotedName(label));
      Matcher call = FUNCTION_LABEL.matcher(label);
      String name = quoted ? label : route != null && route.catalog()
          ? (call.matches() ? call.group(1) : label) : clientName(label);
      if (!quoted && !call.matches() && (!SIMPLE_NAME.matcher(label).matches()
          || label.matches("(?i)EXPR\\$\\d+"))) {
        name = "?column?"; // PostgreSQL's name for an expression without an alias
      }
      d.write(cStringBytes(name));
      d.writeInt(0);
      d.writeShort(0);
      d.writeInt(oid);
      d.writeShort(PgTypes.size(oid));
      d.writeInt(-1);
      d.writeShort(format(formats, i - 1, oid));
    }
    out.write('T');
    out.writeInt(4 + body.size());
    body.writeTo(out);
  }

  /**
   * A column name as PostgreSQL clients expect it: an engine that folds unquoted names to upper
   * case (H2, Calcite) presents {@code AS kl} as {@code KL}, which PostgreSQL folds to lower case,
   * so a name wholly in upper case goes out in lower case ({@code row.kl} in node-postgres).
   */
  static String clientName(String label) {
    Matcher call = FUNCTION_LABEL.matcher(label);
    if (call.matches()) {
      label = call.group(1); // PostgreSQL names an unaliased function call by the function
    }
    return label.equals(label.toUpperCase(Locale.ROOT)) ? label.toLowerCase(Locale.ROOT) : label;
  }

  private static final Pattern SIMPLE_NAME = Pattern.compile("[\\p{L}_][\\p{L}0-9_$]*");
  private static final Pattern FUNCTION_LABEL =
      Pattern.compile("(?s)(?:[A-Za-z_][A-Za-z0-9_]*\\.)?([A-Za-z_][A-Za-z0-9_]*)\\(.*\\)");

  private static short format(short[] formats, int column, int oid) {
    short f = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[column];
    return f == 1 && PgTypes.hasBinary(oid) ? (short) 1 : 0;
  }

  /** The OID each column of {@code rs} is sent as. */
  static int[] oids(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int[] oids = new int[md.getColumnCount()];
    for (int i = 0; i < oids.length; i++) {
      oids[i] = PgTypes.oid(md, i + 1);
    }
    return oids;
  }

  void dataRow(ResultSet rs, short[] formats, int[] oids) throws SQLException,
      IOException {
    int n = oids.length;
    byte[][] cells = new byte[n][];
    int size = 4 + 2;
    for (int i = 1; i <= n; i++) {
      Object v = rs.getObject(i);
      if (v != null) {
        int oid = oids[i - 1];
        if (oid == PgTypes.FLOAT4 && v instanceof Double d) {
          v = d.floatValue();
        }
        cells[i - 1] = format(formats, i - 1, oid) == 1 ? PgTypes.binary(v, oid, charset)
            : PgTypes.text(v, oid).getBytes(charset);
        size += cells[i - 1].length;
      }
      size += 4;
    }
    out.write('D');
    out.writeInt(size);
    out.writeShort(n);
    for (byte[] cell : cells) {
      if (cell == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(cell.length);
        out.write(cell);
      }
    }
  }

  /** DataRow of one text value. */
  void textRow(String value) throws IOException {
    byte[] v = value.getBytes(charset);
    out.write('D');
    out.writeInt(4 + 2 + 4 + v.length);
    out.writeShort(1);
    out.writeInt(v.length);
    out.write(v);
  }

  void commandComplete(String tag) throws IOException {
    byte[] t = cStringBytes(tag);
    out.write('C');
    out.writeInt(4 + t.length);
    out.write(t);
  }

  void parameterStatus(String name, String value) throws IOException {
    byte[] n = cStringBytes(name);
    byte[] v = cStringBytes(value);
    out.write('S');
    out.writeInt(4 + n.length + v.length);
    out.write(n);
    out.write(v);
  }

  void ready(char transaction) throws IOException {
    out.write('Z');
    out.writeInt(5);
    out.write(transaction);
    out.flush();
  }

  void fatal(String state, String message) throws IOException {
    errorResponse("FATAL", state, message);
    out.flush();
  }

  void errorResponse(String severity, String state, String message) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String[] f : new String[][] {{"S", severity}, {"V", severity}, {"C", state},
        {"M", message}}) {
      body.write(f[0].charAt(0));
      body.write(cStringBytes(f[1]));
    }
    body.write(0);
    out.write('E');
    out.writeInt(4 + body.size());
    body.writeTo(out);
  }

  // ------------------------------------------------------------------ bytes

  /** Reads {@code n} bytes, allocating as they arrive (a length alone allocates little). */
  byte[] readBytes(int n) throws IOException {
    if (n <= 1 << 16) {
      byte[] b = new byte[n];
      in.readFully(b);
      return b;
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    byte[] chunk = new byte[1 << 16];
    int left = n;
    while (left > 0) {
      int r = in.read(chunk, 0, Math.min(chunk.length, left));
      if (r < 0) {
        throw new EOFException();
      }
      buffer.write(chunk, 0, r);
      left -= r;
    }
    return buffer.toByteArray();
  }

  byte[] cStringBytes(String s) {
    byte[] b = s.getBytes(charset);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  static String cString(ByteBuffer b, Charset cs) throws SQLException {
    int start = b.position();
    while (b.hasRemaining() && b.get() != 0) {
      // to the terminating zero
    }
    int end = b.position() - 1;
    if (end < start || b.get(end) != 0) {
      throw new SQLException("invalid message: a string without its terminating zero", "08P01");
    }
    return new String(b.array(), start, end - start, cs);
  }

  static List<String> cStrings(byte[] body, Charset cs) {
    List<String> strings = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 0) {
        if (i == start) {
          break;
        }
        strings.add(new String(body, start, i - start, cs));
        start = i + 1;
      }
    }
    return strings;
  }
}
