package io.github.divergencesql.pg;

import io.github.divergencesql.jdbc.SqlText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client of {@link PgWireServer}: PostgreSQL's v3 protocol (startup, SSLRequest and
 * GSSENCRequest refused with {@code N}, SCRAM-SHA-256 or md5 login, simple query with several
 * statements in one message, the extended protocol with named statements and portals and row
 * limits, text and binary formats) over a connection of its own to the served database.
 * Session commands PostgreSQL answers itself are answered here as PostgreSQL does ({@code SET},
 * {@code SHOW}, {@code RESET}, {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}, {@code DISCARD},
 * {@code DEALLOCATE}); every other statement goes to the engine as the client sent it (in the
 * client's encoding, decoded once), with {@code $n} parameters as JDBC's {@code ?}.
 *
 * <p>Bounds: a message before login is at most {@link #MAX_HANDSHAKE} bytes, after it at most
 * {@link #MAX_MESSAGE}, and a message is read as its bytes arrive (a length alone allocates
 * nothing); at most {@link #MAX_STATEMENTS} named statements and as many portals.
 */
final class PgSession {
  static final int MAX_HANDSHAKE = 10_000;
  static final int MAX_MESSAGE = 64 << 20;
  static final int MAX_STATEMENTS = 1_000;
  static final int CATALOG_SECONDS = 10;
  private static final boolean TRACE = Boolean.getBoolean("divergence.pg.trace");
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3 = 196608;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The settings PostgreSQL reports in ParameterStatus, in its order. */
  private static final List<String> REPORTED = List.of("application_name", "client_encoding",
      "DateStyle", "default_transaction_read_only", "in_hot_standby", "integer_datetimes",
      "IntervalStyle", "is_superuser", "server_encoding", "server_version",
      "session_authorization", "standard_conforming_strings", "TimeZone");
  private static final Pattern SET = Pattern.compile(
      "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?!TRANSACTION\\b)([\\w.]+|\"[^\"]+\")\\s*(?:=|\\bTO\\b)\\s*(.*?)\\s*;?\\s*");
  private static final Pattern SET_ISOLATION = Pattern.compile("(?is)SET\\s+(?:SESSION\\s+"
      + "CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\s+ISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|"
      + "READ\\s+COMMITTED|REPEATABLE\\s+READ|SERIALIZABLE)\\s*;?\\s*");
  private static final Pattern SET_TIME_ZONE = Pattern.compile(
      "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*;?\\s*");
  private static final Pattern SHOW = Pattern.compile(
      "(?is)\\s*SHOW\\s+(transaction\\s+isolation\\s+level|time\\s+zone|[\\w.]+|\"[^\"]+\")\\s*;?\\s*");
  private static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+([\\w.]+|\"[^\"]+\")\\s*;?\\s*");

  private final PgWireServer server;
  private final Socket socket;
  private final int pid;
  private final int secret;
  private DataInputStream in;
  private DataOutputStream out;
  private Charset charset = StandardCharsets.UTF_8;
  private Connection connection;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private volatile Statement running;
  private volatile boolean busy;
  private java.util.concurrent.BlockingQueue<Message> inbox;
  private volatile boolean ended;
  private volatile long runningSince;
  private volatile String cancelReason;
  private volatile char transaction = 'I';
  private volatile long idleSince = System.nanoTime();
  private Boolean h2;
  private boolean skipToSync;
  private volatile boolean loggedIn;
  private String user = "";
  private long handshakeDeadline;
  private String database = "";
  private PgCatalog catalog;
  private boolean catalogStale;

  /** A parsed statement: the SQL as the engine takes it, the $n each ? stands for, the OIDs. */
  private record Prepared(String sql, String engineSql, int[] parameterOf, int[] oids,
      PreparedStatement statement, Command command, Route route) {}

  /** A bound statement; its rows once it has run. */
  private static final class Portal {
    final Prepared prepared;
    final short[] resultFormats;
    ResultSet rows;
    int[] oids;
    long sent;
    boolean done;
    boolean ownsStatement;

    Portal(Prepared prepared, short[] resultFormats) {
      this.prepared = prepared;
      this.resultFormats = resultFormats;
    }
  }

  /** A session command answered here, or null for the engine. */
  private record Command(String tag, Runnable action) {}

  PgSession(PgWireServer server, Socket socket, int pid, int secret) {
    this.server = server;
    this.socket = socket;
    this.pid = pid;
    this.secret = secret;
  }

  int pid() {
    return pid;
  }

  int secret() {
    return secret;
  }

  /** Whether the client has logged in (and counts among the server's sessions). */
  boolean loggedIn() {
    return loggedIn;
  }

  /** Since when the running statement runs (System.nanoTime), or 0. */
  long runningSince() {
    return running == null ? 0 : runningSince;
  }

  /** Cancels the running statement; its client is told {@code reason} (SQLSTATE 53200). */
  void cancelRunning(String reason) {
    cancelReason = reason;
    cancelRunning();
  }

  void cancelRunning() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException e) {
        // finished meanwhile
      }
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  void run() {
    try {
      try {
        socket.setSoTimeout(server.config().handshakeSeconds() * 1000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        if (!startup()) {
          return;
        }
        socket.setSoTimeout(server.config().idleSeconds() * 1000);
        loop();
      } catch (SocketTimeoutException e) { // the login took too long; PostgreSQL says why
        fatal("08006", "the login did not finish within " + server.config().handshakeSeconds()
            + " s");
      }
    } catch (IOException e) {
      // the client left, or the connection broke
    } finally {
      ended = true;
      close();
      cancelRunning();
      if (connection != null) {
        try {
          connection.close();
          if (catalog != null) {
            catalog.close();
          }
        } catch (SQLException e) {
          // leaving anyway
        }
      }
    }
  }

  // ------------------------------------------------------------------ startup and login

  private boolean startup() throws IOException {
    handshakeDeadline = System.nanoTime() + server.config().handshakeSeconds() * 1_000_000_000L;
    while (true) {
      int length = in.readInt();
      if (length < 8 || length > MAX_HANDSHAKE) {
        fatal("08P01", "invalid startup packet length " + length);
        return false;
      }
      int code = in.readInt();
      byte[] body = readBytes(length - 8);
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
    if (!server.admit(this)) {
      closeQuietly(opened);
      fatal("53300", "sorry, too many clients already");
      return false;
    }
    loggedIn = true;
    try {
      connection = opened != null ? opened : server.connect();
    } catch (SQLException e) {
      fatal("08006", "cannot open the served database: " + e.getMessage());
      return false;
    }
    charset = cs;
    this.user = user;
    this.database = params.getOrDefault("database", user);
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
    for (String name : REPORTED) {
      parameterStatus(name);
    }
    out.write('K');
    out.writeInt(12);
    out.writeInt(pid);
    out.writeInt(secret);
    ready();
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
    return readBytes(length - 4);
  }

  private static Charset charset(String pgName) {
    return switch (canonical(pgName)) {
      case "UTF8", "SQL_ASCII" -> StandardCharsets.UTF_8;
      case "LATIN1" -> StandardCharsets.ISO_8859_1;
      case "WIN1252" -> Charset.forName("windows-1252");
      default -> null;
    };
  }

  private static String canonical(String pgName) {
    String n = pgName.replace("'", "").replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    return switch (n) {
      case "UTF8", "UNICODE" -> "UTF8";
      case "SQLASCII" -> "SQL_ASCII";
      case "LATIN1", "ISO88591" -> "LATIN1";
      case "WIN1252", "WINDOWS1252" -> "WIN1252";
      default -> n;
    };
  }

  // ------------------------------------------------------------------ after login

  /** A message from the client; type -1: it left, -2: idle too long, -3: a bad length. */
  private record Message(int type, byte[] body) {}

  /**
   * The session's messages, one at a time. A reader thread takes them off the socket meanwhile,
   * so a client that leaves while its statement runs is seen at once and the statement is
   * cancelled (it would otherwise run on, a core busy, for nobody); it holds at most a few
   * messages ahead, then the client waits, as TCP makes it.
   */
  private void loop() throws IOException {
    inbox = new java.util.concurrent.ArrayBlockingQueue<>(4);
    java.util.concurrent.BlockingQueue<Message> inbox = this.inbox;
    Thread reader = new Thread(() -> read(inbox), "divergence-pgwire-read-" + pid);
    reader.setDaemon(true);
    reader.start();
    while (true) {
      out.flush();
      Message m;
      busy = false;
      idleSince = System.nanoTime();
      try {
        m = inbox.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      busy = true;
      int type = m.type();
      byte[] body = m.body();
      if (type == -1 || type == 'X') {
        return;
      }
      if (type == -2) {
        fatal("57P05", "terminating connection due to idle-session timeout");
        return;
      }
      if (type == -3) {
        fatal("08P01", "invalid message length");
        return;
      }
      if (skipToSync && type != 'S') {
        continue;
      }
      if (TRACE) {
        System.err.println("pg< " + (char) type + " " + new String(body, charset)
            .replace('\u0000', '|'));
      }
      try {
        switch (type) {
          case 'Q' -> simpleQuery(cString(ByteBuffer.wrap(body), charset));
          case 'P' -> parse(ByteBuffer.wrap(body));
          case 'B' -> bind(ByteBuffer.wrap(body));
          case 'D' -> describe(ByteBuffer.wrap(body));
          case 'E' -> execute(ByteBuffer.wrap(body));
          case 'C' -> closeObject(ByteBuffer.wrap(body));
          case 'S' -> {
            skipToSync = false;
            ready();
          }
          case 'H' -> out.flush();
          case 'd', 'c', 'f' -> { } // COPY data from a client: no COPY FROM here
          default -> throw new SQLException("unknown message type '" + (char) type + "'",
              "08P01");
        }
      } catch (SQLException e) {
        error(e);
        if (type == 'Q') {
          ready();
        } else {
          skipToSync = true;
        }
      } catch (RuntimeException | Error e) { // a failing statement never ends the session
        error(new SQLException(String.valueOf(e.getMessage()),
            e instanceof OutOfMemoryError ? "53200" : "XX000", e));
        if (type == 'Q') {
          ready();
        } else {
          skipToSync = true;
        }
      }
    }
  }

  private void simpleQuery(String sql) throws IOException, SQLException {
    SqlScript script = SqlScript.parse(sql);
    if (script.openProblem() != null) {
      throw new SQLException("syntax error at end of input: " + script.openProblem(), "42601");
    }
    if (script.complete().isEmpty()) {
      out.write('I');
      out.writeInt(4);
      ready();
      return;
    }
    for (String statement : script.complete()) {
      if (show(statement) || copyOut(statement) || copyIn(statement)) {
        continue;
      }
      Command command = command(statement);
      if (command != null) {
        command.action().run();
        commandComplete(command.tag());
        continue;
      }
      Route route = route(strip(statement));
      try (Statement s = route.connection().createStatement()) {
        limit(s);
        running = s;
        runningSince = System.nanoTime();
        boolean rows;
        try {
          rows = s.execute(route.sql());
        } finally {
          running = null;
        }
        changed(route, statement);
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            rowDescription(rs.getMetaData(), new short[0], route);
            int[] oids = oids(rs);
            long n = 0;
            while (rs.next()) {
              dataRow(rs, new short[0], oids);
              n++;
            }
            commandComplete("SELECT " + n);
          }
        } else {
          commandComplete(tag(statement, s.getUpdateCount()));
        }
      }
    }
    ready();
  }

  /** The statement without its final {@code ;} (JDBC takes one statement). */
  private static String strip(String statement) {
    String s = statement.strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
  }

  private static String tag(String statement, int count) {
    String word = firstWord(statement);
    return switch (word) {
      case "INSERT" -> "INSERT 0 " + Math.max(count, 0);
      case "UPDATE", "DELETE", "MERGE" -> word + " " + Math.max(count, 0);
      case "CREATE", "DROP", "ALTER" -> word + " " + secondWord(statement);
      default -> word;
    };
  }

  private static String firstWord(String statement) {
    Matcher m = Pattern.compile("^[\\s(]*([A-Za-z]+)").matcher(SqlScript.withoutLeadingComments(statement));
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  private static String secondWord(String statement) {
    Matcher m = Pattern.compile("^\\s*[A-Za-z]+\\s+([A-Za-z]+)").matcher(SqlScript.withoutLeadingComments(statement));
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  /** The session commands PostgreSQL answers without a table; null for the engine. */
  private Command command(String statement) throws SQLException {
    String s = SqlScript.withoutLeadingComments(statement);
    String word = firstWord(s);
    switch (word) {
      case "BEGIN", "START" -> {
        return new Command("BEGIN", () -> transaction(false));
      }
      case "COMMIT", "END" -> {
        return new Command("COMMIT", () -> transaction(true));
      }
      case "ROLLBACK", "ABORT" -> {
        return new Command("ROLLBACK", this::rollback);
      }
      case "DISCARD" -> {
        return new Command("DISCARD ALL", () -> {
          statements.clear();
          portals.clear();
        });
      }
      case "DEALLOCATE" -> {
        String name = unquote(s.replaceFirst("(?is)^DEALLOCATE\\s+(PREPARE\\s+)?", "")
            .replace(";", "").strip());
        return new Command("DEALLOCATE" + (name.equalsIgnoreCase("ALL") ? " ALL" : ""), () -> {
          if (name.equalsIgnoreCase("ALL")) {
            statements.clear();
          } else {
            statements.remove(name);
          }
        });
      }
      case "SET" -> {
        Matcher isolation = SET_ISOLATION.matcher(s);
        if (isolation.matches()) { // pgjdbc's setTransactionIsolation, as any engine takes it
          String level = isolation.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
          return new Command("SET", () -> {
            try {
              connection.setTransactionIsolation(switch (level) {
                case "read uncommitted" -> Connection.TRANSACTION_READ_UNCOMMITTED;
                case "repeatable read" -> Connection.TRANSACTION_REPEATABLE_READ;
                case "serializable" -> Connection.TRANSACTION_SERIALIZABLE;
                default -> Connection.TRANSACTION_READ_COMMITTED;
              });
            } catch (SQLException | UnsupportedOperationException e) {
              // an engine without levels (Calcite): its reads are as they are
            }
            settings.put("transaction_isolation", level);
          });
        }
        Matcher zone = SET_TIME_ZONE.matcher(s);
        Matcher m = SET.matcher(s);
        if (zone.matches()) {
          String value = unquote(zone.group(1));
          return new Command("SET", () -> setting("TimeZone", value));
        }
        if (m.matches()) {
          String name = settingName(m.group(1));
          String value = unquote(m.group(2));
          if (name.equalsIgnoreCase("client_encoding") && charset(value) == null) {
            throw new SQLException("invalid value for parameter \"client_encoding\": \"" + value
                + "\"", "22023");
          }
          return new Command("SET", () -> setting(name, value));
        }
        return null;
      }
      case "RESET" -> {
        Matcher m = RESET.matcher(s);
        return m.matches() ? new Command("RESET", () -> { }) : null;
      }
      default -> {
        return null;
      }
    }
  }

  private void transaction(boolean commit) {
    try {
      if (commit) {
        if (!connection.getAutoCommit()) {
          connection.commit();
          connection.setAutoCommit(true);
        }
        transaction = 'I';
      } else {
        connection.setAutoCommit(false);
        transaction = 'T';
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      transaction = 'I';
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void setting(String name, String value) {
    String key = settings.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
        .orElse(name.toLowerCase(Locale.ROOT));
    if (key.equals("client_encoding")) {
      charset = charset(value);
      settings.put(key, canonical(value));
    } else {
      settings.put(key, value);
    }
    if (REPORTED.contains(key)) {
      try {
        parameterStatus(key);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static String settingName(String raw) {
    String n = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1)
        : raw.replaceAll("(?i)transaction\\s+isolation\\s+level", "transaction_isolation")
            .replaceAll("(?i)time\\s+zone", "TimeZone");
    return n.equalsIgnoreCase("datestyle") ? "DateStyle"
        : n.equalsIgnoreCase("timezone") ? "TimeZone"
        : n.equalsIgnoreCase("intervalstyle") ? "IntervalStyle" : n;
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'")
        || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    return v;
  }

  /** SHOW: a one-row, one-column answer, or null when it is no SHOW. */
  private boolean show(String statement) throws IOException, SQLException {
    Matcher m = SHOW.matcher(statement);
    if (!m.matches()) {
      return false;
    }
    String name = settingName(m.group(1));
    String value = showValue(name);
    textColumn(name);
    textRow(value);
    commandComplete("SHOW");
    return true;
  }

  private static final Pattern COPY_IN = Pattern.compile(
      "(?is)\\s*COPY\\s+([\\w.\"]+)\\s*(?:\\(([^)]*)\\))?\\s+FROM\\s+STDIN\\b(.*?);?\\s*");
  private static final int COPY_BATCH = 1_000;

  /**
   * {@code COPY table [(columns)] FROM STDIN}, text (tab-separated, {@code \N} for NULL,
   * backslash escapes) or {@code FORMAT csv} (an unquoted empty field is NULL; {@code HEADER}
   * skips the first line), as psql's {@code \copy ... from} sends it. The rows go in with one
   * transaction: all of them, or on any error none. False when the statement is no such COPY.
   */
  private boolean copyIn(String statement) throws IOException, SQLException {
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
    Route probe = route("SELECT " + (m.group(2) == null ? "*" : m.group(2)) + " FROM " + table
        + " WHERE 1 = 0");
    try (Statement s = probe.connection().createStatement();
        ResultSet rs = s.executeQuery(probe.sql())) {
      columns = rs.getMetaData().getColumnCount();
    }
    Route insert = route("INSERT INTO " + table + columnList + " VALUES ("
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
          pending.append(new String(msg.body(), charset));
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
              ByteBuffer.wrap(msg.body()), charset), "57014");
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
    catalogStale = true;
    commandComplete("COPY " + rows);
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
  private boolean copyOut(String statement) throws IOException, SQLException {
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
    Route route = route(query);
    try (Statement s = route.connection().createStatement()) {
      limit(s);
      running = s;
      runningSince = System.nanoTime();
      ResultSet rs;
      try {
        rs = s.executeQuery(route.sql());
      } finally {
        running = null;
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
        commandComplete("COPY " + rows);
      }
    }
    return true;
  }

  private static String csvField(String text) {
    return text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n")
        || text.contains("\r") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private void copyData(String line) throws IOException {
    byte[] b = line.getBytes(charset);
    out.write('d');
    out.writeInt(4 + b.length);
    out.write(b);
  }

  /** A setting's value for SHOW; 42704 for one that does not exist. */
  private String showValue(String name) throws SQLException {
    return settings.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new SQLException(
            "unrecognized configuration parameter \"" + name + "\"", "42704"));
  }

  /** RowDescription of one text column, as SHOW answers. */
  private void textColumn(String name) throws IOException {
    // named as PostgreSQL names the parameter: SHOW timezone answers a column TimeZone
    String canonical = settings.keySet().stream().filter(k -> k.equalsIgnoreCase(name))
        .findFirst().orElse(name.toLowerCase(Locale.ROOT));
    byte[] column = cStringBytes(canonical);
    out.write('T');
    out.writeInt(4 + 2 + column.length + 18);
    out.writeShort(1);
    out.write(column);
    out.writeInt(0);
    out.writeShort(0);
    out.writeInt(PgTypes.TEXT);
    out.writeShort(-1);
    out.writeInt(-1);
    out.writeShort(0);
  }

  /** DataRow of one text value. */
  private void textRow(String value) throws IOException {
    byte[] v = value.getBytes(charset);
    out.write('D');
    out.writeInt(4 + 2 + 4 + v.length);
    out.writeShort(1);
    out.writeInt(v.length);
    out.write(v);
  }

  /** The reader thread: messages into {@code inbox} until the client leaves or idles too long. */
  private void read(java.util.concurrent.BlockingQueue<Message> inbox) {
    try {
      while (true) {
        int type;
        try {
          type = in.read();
        } catch (SocketTimeoutException e) {
          if (!busy && inbox.isEmpty()) { // no message for --pg-idle-timeout, none running
            inbox.put(new Message(-2, null));
            return;
          }
          continue;
        }
        if (type < 0) {
          cancelRunning();
          inbox.put(new Message(-1, null));
          return;
        }
        int length = in.readInt();
        if (length < 4 || length - 4 > MAX_MESSAGE) {
          inbox.put(new Message(-3, null));
          return;
        }
        byte[] body = readBytes(length - 4);
        inbox.put(new Message(type, body));
        if (type == 'X') {
          return;
        }
      }
    } catch (IOException e) {
      cancelRunning();
      try { // the session takes it once it is done with what it has; unless it ended first
        while (!ended && !inbox.offer(new Message(-1, null), 1, TimeUnit.SECONDS)) {
          cancelRunning();
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ extended protocol

  private void parse(ByteBuffer b) throws SQLException, IOException {
    String name = cString(b, charset);
    String sql = cString(b, charset);
    int n = b.getShort() & 0xffff;
    int[] declared = new int[n];
    for (int i = 0; i < n; i++) {
      declared[i] = b.getInt();
    }
    if (!name.isEmpty() && statements.size() >= MAX_STATEMENTS && !statements.containsKey(name)) {
      throw new SQLException("too many prepared statements in this session (at most "
          + MAX_STATEMENTS + "): close some", "53400");
    }
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
    }
    List<Integer> order = new ArrayList<>();
    Route route = SqlScript.withoutLeadingComments(sql).isEmpty() ? null : route(strip(sql));
    String engineSql = route == null ? "" : dollarParameters(route.sql(), order);
    int highest = order.stream().mapToInt(Integer::intValue).max().orElse(0);
    int[] oids = new int[Math.max(highest, n)];
    System.arraycopy(declared, 0, oids, 0, n);
    Command command = command(sql);
    boolean show = SHOW.matcher(sql).matches();
    PreparedStatement ps = null;
    if (command == null && !show && !SqlScript.withoutLeadingComments(sql).isEmpty()) {
      ps = route.connection().prepareStatement(engineSql);
      ParameterMetaData pmd = null;
      for (int i = 0; i < order.size(); i++) {
        int k = order.get(i) - 1;
        if (oids[k] == 0) {
          try {
            if (pmd == null) {
              pmd = ps.getParameterMetaData();
            }
            int type = pmd.getParameterType(i + 1);
            int inferred = type == java.sql.Types.ARRAY
                ? PgTypes.arrayOid(pmd.getParameterTypeName(i + 1)) : PgTypes.oid(type);
            oids[k] = inferred == PgTypes.VARCHAR ? PgTypes.TEXT : inferred;
          } catch (SQLException e) {
            oids[k] = PgTypes.TEXT;
          }
        }
      }
    }
    for (int a : arrayParameters(sql)) {
      if (a <= oids.length && PgTypes.elementOf(oids[a - 1]) == 0
          && (a > declared.length || declared[a - 1] == 0)) {
        oids[a - 1] = PgTypes.TEXT_ARRAY; // = ANY($1): an array, whatever the engine inferred
      }
    }
    for (int i = 0; i < oids.length; i++) {
      if (oids[i] == 0) {
        oids[i] = PgTypes.TEXT;
      }
    }
    int[] parameterOf = order.stream().mapToInt(Integer::intValue).toArray();
    Prepared old = statements.put(name, new Prepared(sql, engineSql, parameterOf, oids, ps,
        command, route));
    if (old != null && old.statement() != null) {
      old.statement().close();
    }
    out.write('1');
    out.writeInt(4);
  }

  private void bind(ByteBuffer b) throws SQLException, IOException {
    String portalName = cString(b, charset);
    String statementName = cString(b, charset);
    Prepared p = statements.get(statementName);
    if (p == null) {
      throw new SQLException("prepared statement \"" + statementName + "\" does not exist",
          "26000");
    }
    int nf = b.getShort() & 0xffff;
    short[] formats = new short[nf];
    for (int i = 0; i < nf; i++) {
      formats[i] = b.getShort();
    }
    int np = b.getShort() & 0xffff;
    byte[][] values = new byte[np][];
    for (int i = 0; i < np; i++) {
      int len = b.getInt();
      if (len > b.remaining()) { // a length beyond the message: nothing is allocated for it
        throw new SQLException("parameter " + (i + 1) + " declares " + len
            + " bytes, more than the message holds", "08P01");
      }
      if (len >= 0) {
        values[i] = new byte[len];
        b.get(values[i]);
      }
    }
    int nr = b.getShort() & 0xffff;
    short[] resultFormats = new short[nr];
    for (int i = 0; i < nr; i++) {
      resultFormats[i] = b.getShort();
    }
    if (np != p.oids().length) {
      throw new SQLException("bind message supplies " + np + " parameters, but prepared "
          + "statement \"" + statementName + "\" requires " + p.oids().length, "08P01");
    }
    if (!portalName.isEmpty() && portals.size() >= MAX_STATEMENTS
        && !portals.containsKey(portalName)) {
      throw new SQLException("too many portals in this session (at most " + MAX_STATEMENTS
          + ")", "53400");
    }
    boolean owned = false;
    if (p.statement() != null && p.route() != null && !p.route().catalog()
        && server.config().url().startsWith("jdbc:divergence:calcite:")
        && !arrayParameters(p.sql()).isEmpty()) {
      // Calcite's JDBC adapter cannot push = ANY(?) down: the array's elements become an IN list
      // of literals, and the statement is prepared for this binding
      p = expandArrays(p, values, nf == 0 ? new short[0] : formats);
      owned = true;
    }
    if (p.statement() != null) {
      PreparedStatement ps = p.statement();
      ps.clearParameters();
      for (int i = 0; i < p.parameterOf().length; i++) {
        int k = p.parameterOf()[i] - 1;
        short format = nf == 0 ? 0 : nf == 1 ? formats[0] : formats[k];
        PgTypes.bind(ps, i + 1, values[k], format, p.oids()[k], charset);
      }
    }
    Portal portal = new Portal(p, resultFormats);
    portal.ownsStatement = owned;
    Portal old = portals.put(portalName, portal);
    closePortal(old);
    out.write('2');
    out.writeInt(4);
  }

  private static void closePortal(Portal portal) throws SQLException {
    if (portal == null) {
      return;
    }
    if (portal.rows != null) {
      portal.rows.close();
    }
    if (portal.ownsStatement && portal.prepared.statement() != null) {
      portal.prepared.statement().close();
    }
  }

  /**
   * {@code p} with each {@code x = ANY($n)} ({@code <> ALL($n)}) written as {@code x IN (...)}
   * ({@code NOT IN}) of the bound array's elements as literals, prepared anew; the other
   * parameters keep their numbers.
   */
  private Prepared expandArrays(Prepared p, byte[][] values, short[] formats)
      throws SQLException {
    List<SqlTokens.Token> tokens = SqlTokens.of(p.sql());
    List<Integer> solid = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() != SqlTokens.Kind.SPACE) {
        solid.add(i);
      }
    }
    StringBuilder sql = new StringBuilder();
    int copied = 0;
    for (int j = 0; j + 4 < solid.size(); j++) {
      SqlTokens.Token op = tokens.get(solid.get(j));
      SqlTokens.Token quantifier = tokens.get(solid.get(j + 1));
      SqlTokens.Token parameter = tokens.get(solid.get(j + 3));
      boolean any = op.is("=") && (quantifier.is("any") || quantifier.is("some"));
      boolean none = (op.is("<>") || op.is("!=")) && quantifier.is("all");
      if (!(any || none) || !tokens.get(solid.get(j + 2)).is("(")
          || parameter.kind() != SqlTokens.Kind.PARAM || !tokens.get(solid.get(j + 4)).is(")")) {
        continue;
      }
      int k = Integer.parseInt(parameter.value()) - 1;
      short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[k];
      Object[] items = values[k] == null ? null : format == 0
          ? PgTypes.textArray(new String(values[k], charset), PgTypes.elementOf(p.oids()[k]))
          : PgTypes.binaryArray(ByteBuffer.wrap(values[k]), charset);
      List<String> literals = new ArrayList<>();
      if (items != null) {
        for (Object item : items) {
          literals.add(literal(item));
        }
      }
      if (literals.isEmpty()) {
        literals.add("NULL"); // no element: no row matches, as x = ANY('{}')
      }
      sql.append(SqlTokens.join(tokens.subList(copied, solid.get(j))));
      sql.append(any ? "IN (" : "NOT IN (").append(String.join(", ", literals)).append(')');
      copied = solid.get(j + 4) + 1;
      j += 4;
    }
    sql.append(SqlTokens.join(tokens.subList(copied, tokens.size())));
    Route route = route(strip(sql.toString()));
    List<Integer> order = new ArrayList<>();
    String engineSql = dollarParameters(route.sql(), order);
    PreparedStatement ps = route.connection().prepareStatement(engineSql);
    return new Prepared(p.sql(), engineSql, order.stream().mapToInt(Integer::intValue).toArray(),
        p.oids(), ps, null, route);
  }

  /** An array element as a SQL literal. */
  private static String literal(Object item) {
    if (item == null) {
      return "NULL";
    }
    if (item instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? n.toString() : "CAST('" + n + "' AS DOUBLE)";
    }
    if (item instanceof Boolean bool) {
      return bool ? "TRUE" : "FALSE";
    }
    if (item instanceof java.sql.Date date) {
      return "DATE '" + date + "'";
    }
    return SqlTokens.literal(item.toString());
  }

  private void describe(ByteBuffer b) throws SQLException, IOException {
    char kind = (char) b.get();
    String name = cString(b, charset);
    Prepared p;
    short[] formats = new short[0];
    if (kind == 'S') {
      p = statements.get(name);
      if (p == null) {
        throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
      }
      out.write('t');
      out.writeInt(4 + 2 + 4 * p.oids().length);
      out.writeShort(p.oids().length);
      for (int oid : p.oids()) {
        out.writeInt(oid);
      }
    } else {
      Portal portal = portals.get(name);
      if (portal == null) {
        throw new SQLException("portal \"" + name + "\" does not exist", "34000");
      }
      p = portal.prepared;
      formats = portal.resultFormats;
    }
    if (SHOW.matcher(p.sql()).matches()) {
      textColumn(settingName(SHOW.matcher(p.sql()).replaceAll("$1")));
      return;
    }
    ResultSetMetaData md = p.statement() == null ? null : p.statement().getMetaData();
    if (md == null || md.getColumnCount() == 0) {
      out.write('n');
      out.writeInt(4);
    } else {
      rowDescription(md, formats, p.route());
    }
  }

  private void execute(ByteBuffer b) throws SQLException, IOException {
    String name = cString(b, charset);
    int maxRows = b.getInt();
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    Prepared p = portal.prepared;
    if (p.command() != null) {
      p.command().action().run();
      commandComplete(p.command().tag());
      return;
    }
    if (SHOW.matcher(p.sql()).matches()) {
      // the Describe already sent the row's description: the row and the tag only
      textRow(showValue(settingName(SHOW.matcher(p.sql()).replaceAll("$1"))));
      commandComplete("SHOW");
      return;
    }
    if (p.statement() == null) {
      out.write('I');
      out.writeInt(4);
      return;
    }
    if (portal.rows == null && !portal.done) {
      PreparedStatement ps = p.statement();
      limit(ps);
      running = ps;
      runningSince = System.nanoTime();
      boolean rows;
      try {
        rows = ps.execute();
      } finally {
        running = null;
      }
      changed(p.route(), p.sql());
      if (!rows) {
        portal.done = true;
        commandComplete(tag(p.sql(), ps.getUpdateCount()));
        return;
      }
      portal.rows = ps.getResultSet();
      portal.oids = oids(portal.rows);
    }
    if (portal.rows == null) {
      commandComplete(tag(p.sql(), 0));
      return;
    }
    long sentNow = 0;
    while ((maxRows <= 0 || sentNow < maxRows) && portal.rows.next()) {
      dataRow(portal.rows, portal.resultFormats, portal.oids);
      sentNow++;
      portal.sent++;
    }
    if (maxRows > 0 && sentNow == maxRows && !portal.rows.isAfterLast()) {
      out.write('s'); // PortalSuspended
      out.writeInt(4);
      return;
    }
    portal.rows.close();
    portal.rows = null;
    portal.done = true;
    commandComplete("SELECT " + portal.sent);
  }

  private void closeObject(ByteBuffer b) throws SQLException, IOException {
    char kind = (char) b.get();
    String name = cString(b, charset);
    if (kind == 'S') {
      Prepared p = statements.remove(name);
      if (p != null && p.statement() != null) {
        p.statement().close();
      }
    } else {
      closePortal(portals.remove(name));
    }
    out.write('3');
    out.writeInt(4);
  }

  /** The n of each {@code $n} that stands alone in {@code ANY(...)}, {@code ALL(...)} or SOME. */
  static List<Integer> arrayParameters(String sql) {
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i + 3 < t.size(); i++) {
      if ((t.get(i).is("any") || t.get(i).is("all") || t.get(i).is("some"))
          && t.get(i + 1).is("(") && t.get(i + 2).kind() == SqlTokens.Kind.PARAM
          && t.get(i + 3).is(")")) {
        found.add(Integer.parseInt(t.get(i + 2).value()));
      }
    }
    return found;
  }

  /**
   * {@code $n} parameters as JDBC's {@code ?}, outside literals, quoted names and comments;
   * {@code order} receives the n of each {@code ?} in the order they appear.
   */
  static String dollarParameters(String sql, List<Integer> order) {
    StringBuilder b = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int close = SqlText.closingQuote(sql, i);
        int end = close < 0 ? n : close + 1;
        b.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        b.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        b.append(sql, i, end);
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        int end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        order.add(Integer.parseInt(sql.substring(i + 1, end)));
        b.append('?');
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ catalog

  /** Where a statement runs: the catalog database or the served one, and its translated text. */
  record Route(Connection connection, String sql, boolean catalog, String clientSql) {}

  private Route route(String sql) throws SQLException {
    if (PgCatalog.reads(sql)) {
      PgCatalog c = catalog();
      return new Route(c.connection(),
          CatalogSql.forCatalog(sql, user, database, c.defaultSchema()), true, sql);
    }
    SQLException[] failed = new SQLException[1];
    String translated = PgSql.forEngine(sql, name -> {
      try {
        return catalog().storedName(name);
      } catch (SQLException e) {
        failed[0] = e;
        return name;
      }
    }, !server.config().url().startsWith("jdbc:divergence:calcite:"));
    if (failed[0] != null) {
      throw failed[0];
    }
    if (locksRows(sql)) {
      checkUpdateRights(sql);
    }
    return new Route(connection, translated, false, sql);
  }

  /**
   * Closes the session when it has sat idle inside a transaction for longer than
   * {@code seconds} (PostgreSQL's idle_in_transaction_session_timeout): its locks, a
   * {@code SELECT ... FOR UPDATE}'s among them, go with its rolled-back transaction.
   */
  void closeIfIdleInTransaction(long now, int seconds) {
    if (seconds > 0 && loggedIn && !busy && transaction != 'I'
        && now - idleSince > seconds * 1_000_000_000L) {
      synchronized (this) {
        try {
          fatal("25P03", "terminating connection due to idle-in-transaction timeout ("
              + seconds + " s)");
        } catch (IOException e) {
          // closing anyway
        }
      }
      close();
    }
  }

  /** Whether {@code sql} ends in a row-locking clause: FOR UPDATE, FOR SHARE and the like. */
  private static boolean locksRows(String sql) {
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("for") && (t.get(i + 1).is("update") || t.get(i + 1).is("share")
          || t.get(i + 1).is("no") || t.get(i + 1).is("key"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * PostgreSQL locks rows for {@code FOR UPDATE} only for a user who may update the table; H2
   * asks only for SELECT, so a read-only user could lock the owner out. For an H2 database each
   * table the statement names after FROM or JOIN is checked with an update that changes nothing.
   */
  private void checkUpdateRights(String sql) throws SQLException {
    if (h2 == null) {
      h2 = String.valueOf(connection.getMetaData().getDatabaseProductName()).contains("H2");
    }
    if (!h2) {
      return;
    }
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!(t.get(i).is("from") || t.get(i).is("join") || t.get(i).is(","))
          || !t.get(i + 1).isName()) {
        continue;
      }
      StringBuilder name = new StringBuilder(t.get(i + 1).text());
      int j = i + 2;
      while (j + 1 < t.size() && t.get(j).is(".") && t.get(j + 1).isName()) {
        name.append('.').append(t.get(j + 1).text());
        j += 2;
      }
      String table = PgSql.forEngine(name.toString(), n -> {
        try {
          return catalog().storedName(n);
        } catch (SQLException e) {
          return n;
        }
      });
      String column;
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE FALSE")) {
        column = SqlTokens.quotedName(rs.getMetaData().getColumnName(1));
      } catch (SQLException e) {
        continue; // not a table this user reads (an alias, a function): the statement says
      }
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("UPDATE " + table + " SET " + column + " = " + column + " WHERE FALSE");
      } catch (SQLException e) {
        if (e.getErrorCode() == org.h2.api.ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1) {
          throw new SQLException("permission denied for table " + name
              + ": SELECT ... FOR UPDATE or FOR SHARE needs the right to update it", "42501");
        }
      }
    }
  }

  /**
   * The session's catalog, built again after this session changed the database and otherwise
   * at most every {@value #CATALOG_SECONDS} seconds (another session's change shows after that).
   */
  private PgCatalog catalog() throws SQLException {
    if (catalog == null || catalogStale || catalog.ageSeconds() > CATALOG_SECONDS) {
      if (catalog != null) {
        catalog.close();
        catalog = null;
      }
      catalog = PgCatalog.build(connection, user, database, settings);
      catalogStale = false;
      CatalogFunctions.SESSION.set(new CatalogFunctions.Session(user, database,
          settings.get("server_version"), List.of(catalog.defaultSchema()), settings, pid));
    }
    return catalog;
  }

  /** Marks the catalog stale after a statement that may have changed the served database. */
  private void changed(Route route, String statement) {
    if (route != null && !route.catalog()) {
      String word = firstWord(statement);
      if (!List.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW", "CALL").contains(word)) {
        catalogStale = true;
      }
    }
  }

  // ------------------------------------------------------------------ results

  private void limit(Statement s) throws SQLException {
    int server = server().config().statementSeconds();
    int client = (int) Math.ceil(parseMillis(settings.getOrDefault("statement_timeout", "0"))
        / 1000.0);
    int seconds = server == 0 ? client : client == 0 ? server : Math.min(server, client);
    if (seconds > 0) {
      s.setQueryTimeout(seconds);
    }
  }

  private PgWireServer server() {
    return server;
  }

  private static long parseMillis(String value) {
    Matcher m = Pattern.compile("(?i)\\s*(\\d+)\\s*(ms|s|min|h)?\\s*").matcher(value);
    if (!m.matches()) {
      return 0;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "s" -> n * 1000;
      case "min" -> n * 60_000;
      case "h" -> n * 3_600_000;
      default -> n;
    };
  }

  private void rowDescription(ResultSetMetaData md, short[] formats, Route route)
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
  private static int[] oids(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int[] oids = new int[md.getColumnCount()];
    for (int i = 0; i < oids.length; i++) {
      oids[i] = PgTypes.oid(md, i + 1);
    }
    return oids;
  }

  private void dataRow(ResultSet rs, short[] formats, int[] oids) throws SQLException,
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

  private void commandComplete(String tag) throws IOException {
    byte[] t = cStringBytes(tag);
    out.write('C');
    out.writeInt(4 + t.length);
    out.write(t);
  }

  private void parameterStatus(String name) throws IOException {
    byte[] n = cStringBytes(name);
    byte[] v = cStringBytes(settings.getOrDefault(name, ""));
    out.write('S');
    out.writeInt(4 + n.length + v.length);
    out.write(n);
    out.write(v);
  }

  private void ready() throws IOException {
    out.write('Z');
    out.writeInt(5);
    out.write(transaction);
    out.flush();
  }

  private void error(SQLException e) throws IOException {
    if (TRACE) {
      System.err.println("pg> E " + e.getSQLState() + " " + e.getMessage());
    }
    String state = e.getSQLState() != null && e.getSQLState().length() == 5 ? e.getSQLState()
        : "XX000";
    if (transaction == 'T') {
      transaction = 'E';
    }
    String message = String.valueOf(e.getMessage());
    String reason = cancelReason;
    if (reason != null && ("57014".equals(e.getSQLState()) || e.getErrorCode() == 57014)) {
      cancelReason = null;
      state = "53200";
      message = reason;
    }
    int statement = message.indexOf("; SQL statement:\n");
    if (statement > 0) { // H2 appends the statement and its codes; PostgreSQL sends the message
      message = message.substring(0, statement);
    }
    errorResponse("ERROR", state, message);
  }

  private void fatal(String state, String message) throws IOException {
    errorResponse("FATAL", state, message);
    out.flush();
  }

  private void errorResponse(String severity, String state, String message) throws IOException {
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
  private byte[] readBytes(int n) throws IOException {
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

  private byte[] cStringBytes(String s) {
    byte[] b = s.getBytes(charset);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  private static String cString(ByteBuffer b, Charset cs) throws SQLException {
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

  private static List<String> cStrings(byte[] body, Charset cs) {
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
