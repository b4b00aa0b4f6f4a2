package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgMessages.cString;
import static io.github.divergencesql.pg.PgMessages.cStrings;
import static io.github.divergencesql.pg.PgSession.MAX_HANDSHAKE;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's startup and login ({@link PgSession}): the startup message (SSLRequest and
 * GSSENCRequest refused with {@code N}, CancelRequest handed to the server), the database's own
 * password check or SCRAM-SHA-256 or md5 against the server's users, and on success the session's
 * first settings, ParameterStatus, BackendKeyData and ReadyForQuery; and the client encodings
 * PostgreSQL names.
 */
final class PgLogin {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3 = 196608;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PgSession session;
  private final PgWireServer server;
  private final Socket socket;
  private final PgMessages messages;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final Map<String, String> settings;
  private long handshakeDeadline;

  PgLogin(PgSession session, Socket socket, PgMessages messages) {
    this.session = session;
    this.server = session.server();
    this.socket = socket;
    this.messages = messages;
    this.in = messages.in();
    this.out = messages.out();
    this.settings = session.settings();
  }

  /** Reads the startup message and logs the client in; false when the session ends here. */
  boolean startup() throws IOException {
    handshakeDeadline = System.nanoTime() + server.config().handshakeSeconds() * 1_000_000_000L;
    while (true) {
      int length = in.readInt();
      if (length < 8 || length > MAX_HANDSHAKE) {
        fatal("08P01", "invalid startup packet length " + length);
        return false;
      }
      int code = in.readInt();
      byte[] body = messages.readBytes(length - 8);
      if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
        out.write('N');
        out.flush();
        // the deadline is for the whole login, not for each message
        int left = (int) (handshakeDeadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("login deadline");
        }
        socket.setSoTimeout(left);
        continue;
      }
      if (code == CANCEL_REQUEST) {
        if (body.length >= 8) {
          ByteBuffer b = ByteBuffer.wrap(body);
          server.cancel(b.getInt(), b.getInt());
        }
        return false;
      }
      if (code != PROTOCOL_3) {
        fatal("0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff)
            + ": server supports 3.0");
        return false;
      }
      Map<String, String> params = new HashMap<>();
      List<String> strings = cStrings(body, StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < strings.size(); i += 2) {
        params.put(strings.get(i), strings.get(i + 1));
      }
      return login(params);
    }
  }

  private boolean login(Map<String, String> params) throws IOException {
    String user = params.getOrDefault("user", "");
    String encoding = params.getOrDefault("client_encoding", "UTF8");
    Charset cs = charset(encoding);
    if (cs == null) {
      fatal("22023", "invalid value for parameter \"client_encoding\": \"" + encoding + "\"");
      return false;
    }
    try {
      server.throttle(socket.getInetAddress(), user);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    String wanted = server.config().database();
    if (wanted != null && !wanted.equals(params.getOrDefault("database", user))) {
      server.refused(socket.getInetAddress(), user, "no database \""
          + PgWireServer.printable(params.getOrDefault("database", user)) + "\" here");
      fatal("3D000", "database \"" + params.getOrDefault("database", user)
          + "\" does not exist (this server serves \"" + wanted + "\")");
      return false;
    }
    Connection opened = null;
    if (server.config().users() == null) { // the database's own users: it checks the password
      authentication(3, new byte[0]); // AuthenticationCleartextPassword
      byte[] message = expect('p', MAX_HANDSHAKE);
      if (message == null) {
        return false;
      }
      String password;
      try {
        password = cString(ByteBuffer.wrap(message), cs);
        opened = server.connect(user, password);
      } catch (SQLException e) {
        if (e.getErrorCode() == org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD
            || "28000".equals(e.getSQLState()) || "28P01".equals(e.getSQLState())) {
          server.loginFailed(socket.getInetAddress(), user);
          server.delayFailure(user);
          fatal("28P01", "password authentication failed for user \"" + user + "\"");
        } else {
          fatal("08006", "cannot open the served database: " + e.getMessage());
        }
        return false;
      }
    } else if (server.config().users().get(user) != null
        && server.config().users().get(user).md5() != null) {
      if (!md5(user, server.config().users().get(user).md5())) {
        server.loginFailed(socket.getInetAddress(), user);
        return false;
      }
    } else if (!authenticate(user, server.config().users().get(user))) {
      server.loginFailed(socket.getInetAddress(), user);
      return false;
    }
    server.loginSucceeded(socket.getInetAddress());
    if (!server.admit(session)) {
      closeQuietly(opened);
      fatal("53300", "sorry, too many clients already");
      return false;
    }
    session.admitted();
    Connection connection;
    try {
      connection = opened != null ? opened : server.connect();
    } catch (SQLException e) {
      fatal("08006", "cannot open the served database: " + e.getMessage());
      return false;
    }
    messages.charset(cs);
    session.opened(connection, user, params.getOrDefault("database", user));
    settings.put("application_name", params.getOrDefault("application_name", ""));
    settings.put("client_encoding", canonical(encoding));
    settings.put("DateStyle", "ISO, MDY");
    settings.put("default_transaction_read_only", "off");
    settings.put("in_hot_standby", "off");
    settings.put("integer_datetimes", "on");
    settings.put("IntervalStyle", "postgres");
    settings.put("is_superuser", "off");
    settings.put("server_encoding", "UTF8");
    settings.put("server_version", "16.0");
    settings.put("session_authorization", user);
    settings.put("standard_conforming_strings", "on");
    settings.put("TimeZone", "UTC");
    settings.put("search_path", "\"$user\", public");
    settings.put("transaction_isolation", "read committed");
    settings.put("extra_float_digits", "1");
    settings.put("max_identifier_length", "63");
    settings.put("statement_timeout", "0");
    settings.put("lc_collate", "C");
    settings.put("lc_ctype", "C");
    authentication(0, new byte[0]); // AuthenticationOk
    for (String name : PgSession.REPORTED) {
      messages.parameterStatus(name, settings.getOrDefault(name, ""));
    }
    out.write('K');
    out.writeInt(12);
    out.writeInt(session.pid());
    out.writeInt(session.secret());
    session.ready();
    return true;
  }

  /**
   * md5 authentication (AuthenticationMD5Password): the client answers md5 of (md5 of password
   * and user name, in hex) and a random salt, which the stored {@code md5...} hash checks.
   */
  private boolean md5(String user, String stored) throws IOException {
    byte[] salt = randomBytes(4);
    authentication(5, salt);
    byte[] message = expect('p', MAX_HANDSHAKE);
    if (message == null) {
      return false;
    }
    String answer;
    try {
      answer = cString(ByteBuffer.wrap(message), StandardCharsets.US_ASCII);
    } catch (SQLException e) {
      answer = "";
    }
    String expected;
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
      md.update(stored.substring(3).getBytes(StandardCharsets.US_ASCII));
      md.update(salt);
      expected = "md5" + HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has MD5
    }
    if (!java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        answer.getBytes(StandardCharsets.US_ASCII))) {
      server.delayFailure(user);
      fatal("28P01", "password authentication failed for user \"" + user + "\"");
      return false;
    }
    return true;
  }

  private boolean authenticate(String user, PgUsers.User known) throws IOException {
    // a user we do not know goes through the same exchange with a made-up verifier, so the
    // answer does not tell which names exist
    Scram.Verifier verifier = known != null ? known.verifier() : Scram.Verifier.of(
        HexFormat.of().formatHex(randomBytes(16)));
    authentication(10, (Scram.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII)); // SASL
    byte[] initial = expect('p', MAX_HANDSHAKE);
    if (initial == null) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(initial);
    String chosen;
    int length;
    try {
      chosen = cString(b, StandardCharsets.US_ASCII);
      length = b.remaining() >= 4 ? b.getInt() : -1;
    } catch (SQLException e) {
      chosen = null;
      length = -1;
    }
    if (!Scram.MECHANISM.equals(chosen) || length < 0 || length > b.remaining()) {
      fatal("28000", "SCRAM-SHA-256 authentication failed: unexpected mechanism or message");
      return false;
    }
    byte[] clientFirst = new byte[length];
    b.get(clientFirst);
    Scram scram = new Scram(verifier);
    String serverFirst = scram.first(new String(clientFirst, StandardCharsets.UTF_8));
    if (serverFirst == null) {
      fatal("28000", "SCRAM-SHA-256 authentication failed: channel binding is not offered");
      return false;
    }
    authentication(11, serverFirst.getBytes(StandardCharsets.UTF_8)); // SASLContinue
    byte[] clientFinal = expect('p', MAX_HANDSHAKE);
    if (clientFinal == null) {
      return false;
    }
    String serverFinal = scram.last(new String(clientFinal, StandardCharsets.UTF_8));
    if (serverFinal == null || known == null) {
      server.delayFailure(user);
      fatal("28P01", "password authentication failed for user \"" + user + "\"");
      return false;
    }
    authentication(12, serverFinal.getBytes(StandardCharsets.UTF_8)); // SASLFinal
    return true;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // refused anyway
      }
    }
  }

  private void fatal(String state, String message) throws IOException {
    messages.fatal(state, message);
  }

  /** An Authentication message: its code and data. */
  private void authentication(int code, byte[] data) throws IOException {
    out.write('R');
    out.writeInt(8 + data.length);
    out.writeInt(code);
    out.write(data);
    out.flush();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The body of the next message, which must be of {@code type}; null after an error. */
  private byte[] expect(char type, int max) throws IOException {
    int t = in.read();
    if (t < 0) {
      throw new EOFException();
    }
    int length = in.readInt();
    if (t != type || length < 4 || length - 4 > max) {
      fatal("08P01", "invalid authentication message");
      return null;
    }
    return messages.readBytes(length - 4);
  }

  /** The Java charset of a PostgreSQL encoding name; null for one we do not take. */
  static Charset charset(String pgName) {
    return switch (canonical(pgName)) {
      case "UTF8", "SQL_ASCII" -> StandardCharsets.UTF_8;
      case "LATIN1" -> StandardCharsets.ISO_8859_1;
      case "WIN1252" -> Charset.forName("windows-1252");
      default -> null;
    };
  }

  /** PostgreSQL's own name of an encoding, however the client spells it. */
  static String canonical(String pgName) {
    String n = pgName.replace("'", "").replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    return switch (n) {
      case "UTF8", "UNICODE" -> "UTF8";
      case "SQLASCII" -> "SQL_ASCII";
      case "LATIN1", "ISO88591" -> "LATIN1";
      case "WIN1252", "WINDOWS1252" -> "WIN1252";
      default -> n;
    };
  }
}
