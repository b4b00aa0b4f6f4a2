package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgMessages.cString;

import io.github.divergencesql.pg.ExtendedQuery.Portal;
import io.github.divergencesql.pg.ExtendedQuery.Prepared;
import io.github.divergencesql.pg.MessageReader.Message;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>This class holds the session's state and its loop, and hands each message to its part:
 * {@link PgMessages} (the socket's messages and the client's encoding), {@link PgLogin} (startup
 * and login), {@link MessageReader} (the reader thread), {@link SimpleQuery},
 * {@link ExtendedQuery}, {@link SessionCommands}, {@link PgCopy} and {@link StatementRouter}
 * (where a statement runs).
 */
final class PgSession {
  static final int MAX_HANDSHAKE = 10_000;
  static final int MAX_MESSAGE = 64 << 20;
  static final int MAX_STATEMENTS = 1_000;
  private static final boolean TRACE = Boolean.getBoolean("divergence.pg.trace");
  /** The settings PostgreSQL reports in ParameterStatus, in its order. */
  static final List<String> REPORTED = List.of("application_name", "client_encoding",
      "DateStyle", "default_transaction_read_only", "in_hot_standby", "integer_datetimes",
      "IntervalStyle", "is_superuser", "server_encoding", "server_version",
      "session_authorization", "standard_conforming_strings", "TimeZone");

  private final PgWireServer server;
  private final Socket socket;
  private final int pid;
  private final int secret;
  // the session's parts: its messages from the start, the others once the client has logged in
  private PgMessages messages;
  private MessageReader reader;
  private StatementRouter router;
  private SessionCommands commands;
  private PgCopy copy;
  private ExtendedQuery extended;
  private SimpleQuery simple;
  private Connection connection;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private volatile Statement running;
  private volatile boolean busy;
  private volatile boolean ended;
  private volatile long runningSince;
  private volatile String cancelReason;
  private volatile char transaction = 'I';
  private volatile long idleSince = System.nanoTime();
  private boolean skipToSync;
  private volatile boolean loggedIn;
  private String user = "";
  private String database = "";

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
        messages = new PgMessages(socket);
        if (!new PgLogin(this, socket, messages).startup()) {
          return;
        }
        reader = new MessageReader(this, messages);
        router = new StatementRouter(this);
        commands = new SessionCommands(this, messages);
        copy = new PgCopy(this, messages, router, reader);
        extended = new ExtendedQuery(this, messages, router, commands);
        simple = new SimpleQuery(this, messages, router, commands, copy);
        socket.setSoTimeout(server.config().idleSeconds() * 1000);
        loop();
      } catch (SocketTimeoutException e) { // the login took too long; PostgreSQL says why
        messages.fatal("08006", "the login did not finish within "
            + server.config().handshakeSeconds() + " s");
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
          if (router != null) {
            router.close();
          }
        } catch (SQLException e) {
          // leaving anyway
        }
      }
    }
  }

  // ------------------------------------------------------------------ after login

  /**
   * The session's messages, one at a time. A reader thread takes them off the socket meanwhile,
   * so a client that leaves while its statement runs is seen at once and the statement is
   * cancelled (it would otherwise run on, a core busy, for nobody); it holds at most a few
   * messages ahead, then the client waits, as TCP makes it.
   */
  private void loop() throws IOException {
    reader.start();
    while (true) {
      messages.out().flush();
      Message m;
      busy = false;
      idleSince = System.nanoTime();
      try {
        m = reader.take();
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
        messages.fatal("57P05", "terminating connection due to idle-session timeout");
        return;
      }
      if (type == -3) {
        messages.fatal("08P01", "invalid message length");
        return;
      }
      if (skipToSync && type != 'S') {
        continue;
      }
      if (TRACE) {
        System.err.println("pg< " + (char) type + " " + new String(body, messages.charset())
            .replace('\u0000', '|'));
      }
      try {
        switch (type) {
          case 'Q' -> simple.simpleQuery(cString(ByteBuffer.wrap(body), messages.charset()));
          case 'P' -> extended.parse(ByteBuffer.wrap(body));
          case 'B' -> extended.bind(ByteBuffer.wrap(body));
          case 'D' -> extended.describe(ByteBuffer.wrap(body));
          case 'E' -> extended.execute(ByteBuffer.wrap(body));
          case 'C' -> extended.closeObject(ByteBuffer.wrap(body));
          case 'S' -> {
            skipToSync = false;
            ready();
          }
          case 'H' -> messages.out().flush();
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
          messages.fatal("25P03", "terminating connection due to idle-in-transaction timeout ("
              + seconds + " s)");
        } catch (IOException e) {
          // closing anyway
        }
      }
      close();
    }
  }

  // ------------------------------------------------------------------ what the parts share

  /** The statement's time limit: the server's or the session's statement_timeout, the shorter. */
  void limit(Statement s) throws SQLException {
    int server = server().config().statementSeconds();
    int client = (int) Math.ceil(parseMillis(settings.getOrDefault("statement_timeout", "0"))
        / 1000.0);
    int seconds = server == 0 ? client : client == 0 ? server : Math.min(server, client);
    if (seconds > 0) {
      s.setQueryTimeout(seconds);
    }
  }

  PgWireServer server() {
    return server;
  }

  /** The served database's connection; null before the login. */
  Connection connection() {
    return connection;
  }

  String user() {
    return user;
  }

  String database() {
    return database;
  }

  Map<String, String> settings() {
    return settings;
  }

  Map<String, Prepared> statements() {
    return statements;
  }

  Map<String, Portal> portals() {
    return portals;
  }

  /** Whether the session is working on a message (the reader thread then does not idle it out). */
  boolean busy() {
    return busy;
  }

  /** Whether the session has ended (its reader thread then gives up). */
  boolean ended() {
    return ended;
  }

  /** The login has passed and the server admitted the session: it counts among its sessions. */
  void admitted() {
    loggedIn = true;
  }

  /** The served database's connection, and the user and database the client logged in with. */
  void opened(Connection connection, String user, String database) {
    this.connection = connection;
    this.user = user;
    this.database = database;
  }

  /** The transaction status ReadyForQuery reports: I idle, T in a transaction, E failed. */
  void transaction(char status) {
    transaction = status;
  }

  /** The statement now running, which a cancel and the server's time limits reach. */
  void startRunning(Statement s) {
    running = s;
    runningSince = System.nanoTime();
  }

  void stopRunning() {
    running = null;
  }

  /** ReadyForQuery, with the transaction's status; flushed. */
  void ready() throws IOException {
    messages.ready(transaction);
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
    messages.errorResponse("ERROR", state, message);
  }
}
